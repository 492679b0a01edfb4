import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { link, mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { encodeMediaRules, MEDIA_QUERY_PARAM } from '../../core/media-claim.js'
import { createPresigner, type SigV4Credentials } from '../../sign/sigv4.js'
import { encodeKey } from '../encode-key.js'
import type {
  ObjectInfo,
  PresignedRequest,
  PresignPutInput,
  PresignRequestInput,
  PutInput,
  StorageOperations,
} from '../storage.js'
import { diskError } from './disk-error.js'
import { readRangeOf } from './file-range.js'
import { createLocalMultipart, type LocalMultipart } from './local-multipart.js'

/**
 * The embedded store: objects as files under `<dataDir>/objects`, their type and metadata beside them
 * under `<dataDir>/meta`. Upload URLs are SigV4 presigned URLs of this server's own `/store/<key>`
 * route, signed with a secret kept in the data folder, so browsers and scripts upload here exactly as
 * they would to S3 or R2, and the route verifies them with the same signer.
 */

export interface LocalStorage extends StorageOperations {
  readonly kind: 'local'
  readonly credentials: SigV4Credentials
  put(key: string, body: AsyncIterable<Uint8Array>, input: LocalPutInput): Promise<{ size: number }>
  /**
   * The bytes [start, end] of a stored object, as a stream for the public file route, or null when the
   * object is gone. The file is opened before this resolves, so a delete that lands while the answer
   * is being sent cannot cut it short: the open descriptor still reads the unlinked file to its end.
   */
  openStream(key: string, start: number, end: number): Promise<Readable | null>
  /** The S3 multipart subset the `/store` route answers. */
  readonly multipart: LocalMultipart
  /** Temp files of uploads that never finished, untouched for `maxAgeMs` (for the sweeper). */
  staleTempFiles(maxAgeMs: number, now?: number): AsyncIterable<{ path: string; touched: Date }>
  /**
   * Objects a writer that died left without their meta (`UNFINISHED_OBJECT_MS`), untouched for
   * `maxAgeMs` (never less than that grace), for the sweeper.
   */
  unfinishedObjects(maxAgeMs: number, now?: number): AsyncIterable<{ key: string; touched: Date }>
}

export interface LocalPutInput extends PutInput {
  /**
   * Runs on the written bytes before they are linked into place, so what fails it is never visible
   * at its key (not even for a moment at `/files`); a throw removes them and is thrown on.
   */
  check?: (written: WrittenObject) => Promise<void>
}

/** An object written but not yet in place: its size and ranged reads of its bytes. */
export interface WrittenObject {
  size: number
  readRange(start: number, end: number): Promise<Uint8Array>
}

/**
 * A writer links its object into place, then writes the meta (one small file) at once: only one that
 * died in between (a killed process, a crash) leaves an object without its meta for longer. Past this
 * grace such an object is a leftover: never served (head answers null), replaced by the next upload
 * to its key, and removed by the sweeper. A minute covers a slow disk many times over.
 */
export const UNFINISHED_OBJECT_MS = 60_000

export class ObjectExistsError extends Error {
  constructor(key: string) {
    super(`object already exists or is being written: ${key}`)
    this.name = 'ObjectExistsError'
  }
}

interface Meta {
  contentType: string
  createdAt: string
  metadata: Record<string, string>
}

export interface LocalStorageOptions {
  dataDir: string
  /** Base of public URLs (the server's `/files` route, or whatever proxies to it). */
  publicBaseUrl: string
  /** Base of upload URLs (the server's `/store` route). */
  storeBaseUrl: string
}

export async function createLocalStorage(options: LocalStorageOptions): Promise<LocalStorage> {
  const root = resolve(options.dataDir)
  const objectsDir = join(root, 'objects')
  const metaDir = join(root, 'meta')
  const tmpDir = join(root, 'tmp')
  await Promise.all([objectsDir, metaDir, tmpDir].map((dir) => mkdir(dir, { recursive: true })))

  const credentials: SigV4Credentials = {
    accessKeyId: 'dropgate-local',
    secretAccessKey: await signingSecret(join(root, 'signing-secret')),
    region: 'local',
    service: 's3',
  }
  const presign = createPresigner(credentials)
  const publicBase = options.publicBaseUrl.replace(/\/+$/, '')
  const storeBase = options.storeBaseUrl.replace(/\/+$/, '')
  const multipart = createLocalMultipart(root)

  /** The file behind a key, refusing any key that would resolve outside the store. */
  const pathIn = (dir: string, key: string, suffix = ''): string => {
    const path = resolve(dir, key + suffix)
    const inside = relative(dir, path)
    if (key === '' || inside.startsWith('..') || inside.includes(`..${sep}`) || resolve(dir, inside) !== path)
      throw new TypeError(`key escapes the store: ${key}`)
    return path
  }
  const readMeta = async (key: string): Promise<Meta | null> => {
    try {
      return JSON.parse(await readFile(pathIn(metaDir, key, '.json'), 'utf8')) as Meta
    } catch (error) {
      if (isNotFound(error)) return null
      throw error
    }
  }

  /** An object older than the grace with no meta beside it: what a writer that died left. */
  const isUnfinished = async (key: string, now: number, graceMs = UNFINISHED_OBJECT_MS) => {
    const info = await statOrNull(pathIn(objectsDir, key))
    if (!info || now - info.mtimeMs <= Math.max(graceMs, UNFINISHED_OBJECT_MS)) return null
    return (await readMeta(key)) ? null : info
  }

  const storage: LocalStorage = {
    kind: 'local',
    credentials,

    async presignPut(input: PresignPutInput): Promise<PresignedRequest> {
      const url = new URL(`${storeBase}/${encodeKey(input.key)}`)
      for (const [name, value] of Object.entries(input.metadata ?? {}))
        url.searchParams.set(`x-amz-meta-${name}`, value)
      // Signed with the rest of the query: a URL whose rules were changed or dropped does not verify.
      const media = input.media ? encodeMediaRules(input.media) : ''
      if (media) url.searchParams.set(MEDIA_QUERY_PARAM, media)
      const headers: Record<string, string> = { 'content-type': input.contentType }
      if (input.contentLength !== undefined) headers['content-length'] = String(input.contentLength)
      const signed = presign({ method: 'PUT', url, expiresIn: input.expiresIn, headers })
      return { method: 'PUT', url: signed, headers: { 'Content-Type': input.contentType } }
    },

    presignRequest(input: PresignRequestInput): string {
      const url = new URL(`${storeBase}/${encodeKey(input.key)}`)
      for (const [name, value] of Object.entries(input.query ?? {})) url.searchParams.set(name, value)
      const media = input.media ? encodeMediaRules(input.media) : ''
      if (media) url.searchParams.set(MEDIA_QUERY_PARAM, media)
      return presign({ method: input.method, url, expiresIn: input.expiresIn, headers: input.headers ?? {} })
    },

    async put(key: string, body: AsyncIterable<Uint8Array>, input: LocalPutInput): Promise<{ size: number }> {
      const target = pathIn(objectsDir, key)
      if (await exists(target)) {
        if (!(await isUnfinished(key, Date.now()))) throw new ObjectExistsError(key)
        // Never served, and no writer is coming back for it: this upload takes the key.
        await rm(target, { force: true })
      }
      // A temp name of its own per writer: a temp left by a writer that died (a killed process) never
      // blocks the key. Which writer wins is settled by the link into place, which fails if the
      // object exists: a second PUT of the same URL never replaces the first.
      const tmp = join(
        tmpDir,
        `${createHash('sha256').update(key).digest('hex')}.${randomBytes(6).toString('hex')}.part`,
      )
      let size = 0
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length
          done(null, chunk)
        },
      })
      try {
        // pipeline closes the file whatever happens, the body's own failure (a client gone) included.
        await pipeline(Readable.from(body), count, createWriteStream(tmp, { flags: 'wx' }))
        await input.check?.({
          size,
          readRange: async (start, end) => (await readRangeOf(tmp, start, end)) ?? new Uint8Array(),
        })
        await mkdir(dirname(target), { recursive: true })
        await link(tmp, target)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ObjectExistsError(key)
        throw diskError(error)
      } finally {
        await rm(tmp, { force: true })
      }
      try {
        const meta: Meta = {
          contentType: input.contentType,
          createdAt: new Date().toISOString(),
          metadata: input.metadata ?? {},
        }
        const metaPath = pathIn(metaDir, key, '.json')
        await mkdir(dirname(metaPath), { recursive: true })
        // The object is invisible (head answers null) until its meta is written; a crash before that
        // leaves an unfinished object (UNFINISHED_OBJECT_MS), which blocks its key only for the grace.
        await writeFile(metaPath, JSON.stringify(meta))
      } catch (error) {
        await rm(target, { force: true })
        throw diskError(error)
      }
      return { size }
    },

    async head(key: string): Promise<ObjectInfo | null> {
      const [info, meta] = await Promise.all([statOrNull(pathIn(objectsDir, key)), readMeta(key)])
      if (!info || !meta) return null
      return {
        key,
        size: info.size,
        contentType: meta.contentType,
        lastModified: new Date(meta.createdAt),
        metadata: meta.metadata,
      }
    },

    readRange: (key: string, start: number, end: number) => readRangeOf(pathIn(objectsDir, key), start, end),

    async delete(key: string): Promise<void> {
      await Promise.all([
        rm(pathIn(objectsDir, key), { force: true }),
        rm(pathIn(metaDir, key, '.json'), { force: true }),
      ])
    },

    async *list(prefix: string): AsyncIterable<ObjectInfo> {
      let names: string[]
      try {
        names = await readdir(objectsDir, { recursive: true })
      } catch (error) {
        if (isNotFound(error)) return
        throw error
      }
      for (const name of names.sort()) {
        const key = name.split(sep).join('/')
        if (!key.startsWith(prefix)) continue
        const info = await storage.head(key)
        if (info) yield info
      }
    },

    publicUrl(key: string): string {
      return `${publicBase}/${encodeKey(key)}`
    },

    async openStream(key: string, start: number, end: number): Promise<Readable | null> {
      try {
        const file = await open(pathIn(objectsDir, key), 'r')
        try {
          return file.createReadStream({ start, end })
        } catch (error) {
          await file.close()
          throw error
        }
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },

    multipart,

    // The upload route checks bytes as they arrive, and a second PUT of a key is refused: uploads land
    // where they are served, and nothing is ever promoted.
    stagingKey: (key: string) => key,
    createMultipartUpload: (key: string, contentType: string) => multipart.create(key, contentType, {}),
    async promote(staged: string, key: string): Promise<never> {
      throw new TypeError(`the embedded store stages nothing (asked to promote ${staged} to ${key})`)
    },

    async *staleTempFiles(maxAgeMs: number, now = Date.now()) {
      for (const name of await readdir(tmpDir)) {
        const path = join(tmpDir, name)
        const info = await statOrNull(path)
        if (info && now - info.mtimeMs > maxAgeMs) yield { path, touched: info.mtime }
      }
    },

    async *unfinishedObjects(maxAgeMs: number, now = Date.now()) {
      for (const name of (await readdir(objectsDir, { recursive: true })).sort()) {
        const key = name.split(sep).join('/')
        const info = await isUnfinished(key, now, maxAgeMs)
        if (info) yield { key, touched: info.mtime }
      }
    },
  }
  return storage
}

/** The store's signing secret: made once, kept in the data folder readable by its owner only. */
async function signingSecret(path: string): Promise<string> {
  try {
    const existing = (await readFile(path, 'utf8')).trim()
    if (existing.length >= 32) return existing
  } catch (error) {
    if (!isNotFound(error)) throw error
  }
  const secret = randomBytes(32).toString('base64url')
  try {
    await writeFile(path, secret, { mode: 0o600, flag: 'wx' })
    return secret
  } catch (error) {
    // Another process made it first: use theirs so both sign alike.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(path, 'utf8')).trim()
    throw error
  }
}

async function statOrNull(path: string) {
  try {
    const info = await stat(path)
    return info.isFile() ? info : null
  } catch (error) {
    if (isNotFound(error)) return null
    throw error
  }
}

async function exists(path: string): Promise<boolean> {
  return (await statOrNull(path)) !== null
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
