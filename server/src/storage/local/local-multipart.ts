import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { diskError } from './disk-error.js'

/**
 * The embedded store's side of S3 multipart uploads: the subset the browser speaks to presigned URLs
 * (create, upload part, list parts, complete, abort), so the widget has one code path for every store.
 * Each upload is a folder `<dataDir>/multipart/<uploadId>` holding its key, type and parts.
 */

export interface PartInfo {
  partNumber: number
  etag: string
  size: number
  lastModified: Date
}

export class MultipartError extends Error {
  constructor(
    readonly s3Code: 'NoSuchUpload' | 'InvalidPart' | 'InvalidPartOrder' | 'EntityTooSmall' | 'MalformedXML',
    message: string,
  ) {
    super(message)
    this.name = 'MultipartError'
  }
}

/** An unfinished upload found by the sweeper. */
export interface StaleUpload {
  uploadId: string
  key: string | undefined
  touched: Date
}

interface UploadMeta {
  key: string
  contentType: string
  metadata: Record<string, string>
  createdAt: string
}

/** S3's rule, which R2 keeps too: every part but the last is at least 5 MiB. */
const MIN_PART_SIZE = 5 * 1024 * 1024
const UPLOAD_ID = /^[A-Za-z0-9_-]{32}$/

export function createLocalMultipart(root: string) {
  const dir = join(root, 'multipart')
  const uploadDir = (uploadId: string) => {
    if (!UPLOAD_ID.test(uploadId))
      throw new MultipartError('NoSuchUpload', 'The specified upload does not exist')
    return join(dir, uploadId)
  }
  const partPath = (uploadId: string, partNumber: number) =>
    join(uploadDir(uploadId), `part-${String(partNumber).padStart(5, '0')}`)

  /** The upload's meta, checked to belong to `key`: an upload id is only good for its own key. */
  const open = async (uploadId: string, key: string): Promise<UploadMeta> => {
    let meta: UploadMeta
    try {
      meta = JSON.parse(await readFile(join(uploadDir(uploadId), 'upload.json'), 'utf8')) as UploadMeta
    } catch {
      throw new MultipartError('NoSuchUpload', 'The specified upload does not exist')
    }
    if (meta.key !== key) throw new MultipartError('NoSuchUpload', 'The specified upload does not exist')
    return meta
  }

  const listParts = async (uploadId: string, key: string): Promise<PartInfo[]> => {
    await open(uploadId, key)
    const names = (await readdir(uploadDir(uploadId)))
      .filter((name) => /^part-\d{5}\.json$/.test(name))
      .sort()
    return Promise.all(
      names.map(async (name) => {
        const info = JSON.parse(await readFile(join(uploadDir(uploadId), name), 'utf8'))
        return { ...info, lastModified: new Date(info.lastModified) } as PartInfo
      }),
    )
  }

  return {
    async create(key: string, contentType: string, metadata: Record<string, string>): Promise<string> {
      const uploadId = randomBytes(24).toString('base64url')
      const meta: UploadMeta = { key, contentType, metadata, createdAt: new Date().toISOString() }
      try {
        await mkdir(uploadDir(uploadId), { recursive: true })
        await writeFile(join(uploadDir(uploadId), 'upload.json'), JSON.stringify(meta))
      } catch (error) {
        await rm(uploadDir(uploadId), { recursive: true, force: true })
        throw diskError(error)
      }
      return uploadId
    },

    /** Stores one part (again, if it is sent again) and answers its ETag, the MD5 of its bytes. */
    async putPart(
      uploadId: string,
      key: string,
      partNumber: number,
      body: AsyncIterable<Uint8Array>,
    ): Promise<string> {
      await open(uploadId, key)
      const target = partPath(uploadId, partNumber)
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`
      const md5 = createHash('md5')
      let size = 0
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          md5.update(chunk)
          size += chunk.length
          done(null, chunk)
        },
      })
      try {
        await pipeline(Readable.from(body), count, createWriteStream(tmp))
        const etag = `"${md5.digest('hex')}"`
        const info = { partNumber, etag, size, lastModified: new Date().toISOString() }
        await rename(tmp, target)
        await writeFile(`${target}.json`, JSON.stringify(info))
        return etag
      } catch (error) {
        throw diskError(error)
      } finally {
        await rm(tmp, { force: true })
      }
    },

    listParts,

    /**
     * Checks the client's part list against what arrived (S3's rules: ascending, known ETags, every
     * part but the last ≥ 5 MiB) and hands back the upload's type, metadata and a stream of the whole
     * object, for the store to write like any other object. `finish` removes the upload afterwards.
     */
    async assemble(uploadId: string, key: string, requested: { partNumber: number; etag: string }[]) {
      const meta = await open(uploadId, key)
      const stored = new Map((await listParts(uploadId, key)).map((part) => [part.partNumber, part]))
      if (requested.length === 0)
        throw new MultipartError('MalformedXML', 'The XML you provided was not well-formed')
      let previous = 0
      for (const [i, { partNumber, etag }] of requested.entries()) {
        if (partNumber <= previous)
          throw new MultipartError('InvalidPartOrder', 'The list of parts was not in ascending order')
        previous = partNumber
        const part = stored.get(partNumber)
        if (!part || part.etag.replaceAll('"', '') !== etag.replaceAll('"', ''))
          throw new MultipartError('InvalidPart', 'One or more of the specified parts could not be found')
        if (i < requested.length - 1 && part.size < MIN_PART_SIZE)
          throw new MultipartError(
            'EntityTooSmall',
            'Your proposed upload is smaller than the minimum allowed size',
          )
      }
      const parts = requested.map(({ partNumber }) => partPath(uploadId, partNumber))
      async function* body(): AsyncIterable<Uint8Array> {
        for (const path of parts) yield* createReadStream(path)
      }
      // S3's multipart ETag: MD5 of the parts' binary MD5s, then "-<part count>".
      const combined = createHash('md5')
      for (const { partNumber } of requested)
        combined.update(Buffer.from((stored.get(partNumber) as PartInfo).etag.replaceAll('"', ''), 'hex'))
      const etag = `"${combined.digest('hex')}-${requested.length}"`
      return { contentType: meta.contentType, metadata: meta.metadata, body: body(), etag }
    },

    async abort(uploadId: string, key: string): Promise<void> {
      await open(uploadId, key)
      await rm(uploadDir(uploadId), { recursive: true, force: true })
    },

    /** Called after a successful assemble, and by the sweeper for uploads left unfinished. */
    async remove(uploadId: string): Promise<void> {
      await rm(uploadDir(uploadId), { recursive: true, force: true })
    },

    /**
     * Unfinished uploads nobody touched for `maxAgeMs` (a part arriving changes the folder), for the
     * sweeper, with the key each was for when its meta can still be read.
     */
    async *stale(maxAgeMs: number, now = Date.now()): AsyncIterable<StaleUpload> {
      let ids: string[]
      try {
        ids = await readdir(dir)
      } catch {
        return
      }
      for (const id of ids) {
        // Not an upload folder of ours (remove() would refuse its name): left alone.
        if (!UPLOAD_ID.test(id)) continue
        const info = await stat(join(dir, id)).catch(() => null)
        if (!info || now - info.mtimeMs <= maxAgeMs) continue
        const meta: Partial<UploadMeta> = await readFile(join(dir, id, 'upload.json'), 'utf8')
          .then((text) => JSON.parse(text))
          .catch(() => ({}))
        yield { uploadId: id, key: typeof meta.key === 'string' ? meta.key : undefined, touched: info.mtime }
      }
    },
  }
}

export type LocalMultipart = ReturnType<typeof createLocalMultipart>
