import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { capFor, contentMatchesType, SNIFF_BYTES } from '@dropgate/core'
import { type Context, Hono } from 'hono'
import type { Config } from '../config.js'
import { isExpired } from '../core/file-record.js'
import { parseObjectKey } from '../core/keys.js'
import { resolveRange } from '../core/range.js'
import { DropgateError, errors, fail } from '../errors.js'
import { guardedBody } from '../http/guarded-body.js'
import { asHttpError } from '../http/storage-error.js'
import { limitBytes, peek } from '../http/streams.js'
import { verifyPresigned } from '../sign/sigv4.js'
import { type LocalStorage, MultipartError, ObjectExistsError } from '../storage/local/index.js'
import { bodyStream } from './body-stream.js'
import { isMediaRefusal, mediaCheck, mediaRulesOf } from './local-store-media.js'
import { emptyAnswer, escapeXml, listPartsXml, parseCompleteParts, s3Error, xml } from './local-store-xml.js'

/**
 * The embedded store's two faces. `/store/<key>` takes bytes through presigned URLs and answers as
 * S3 does (XML, ETags): PutObject and the multipart subset the browser uses. `GET /files/<key>`
 * serves objects publicly with Range support.
 */
export function localStoreRoutes(config: Config, storage: LocalStorage, shutdown?: AbortSignal): Hono {
  const app = new Hono()
  const { multipart } = storage

  /** Every /store request must carry a valid presigned signature for exactly this request. */
  const authorize = (c: Context): { key: string } | Response => {
    const verdict = verifyPresigned(storage.credentials, {
      method: c.req.method,
      url: c.req.url,
      headers: c.req.raw.headers,
    })
    if (!verdict.ok) {
      if (verdict.reason === 'expired') return s3Error(c, 403, 'AccessDenied', 'Request has expired')
      return s3Error(
        c,
        403,
        'SignatureDoesNotMatch',
        `The URL is not valid for this request (${verdict.reason})`,
      )
    }
    const key = keyFromPath(c.req.url, `${config.basePath}/store/`)
    if (!key) return s3Error(c, 403, 'AccessDenied', 'This URL does not allow that request')
    return { key }
  }
  const query = (c: Context) => new URL(c.req.url).searchParams
  const capOf = (c: Context, contentType: string): number | Response =>
    capFor(config.caps, contentType) ??
    s3Error(c, 403, 'AccessDenied', 'This URL does not allow that content type')
  // The bytes, under the deadlines of a client on a real network (guardedBody): a client gone or
  // stalled ends the write with an error, and the store removes what it wrote.
  const body = (c: Context): AsyncIterable<Uint8Array> => {
    const stream = bodyStream(c)
    return stream ? guardedBody(stream, { idleMs: config.timeouts.bodyIdleMs, shutdown }) : emptyBody()
  }

  app.put('/store/*', async (c) => {
    const auth = authorize(c)
    if (auth instanceof Response) return auth
    const params = query(c)
    const uploadId = params.get('uploadId')
    const partNumber = Number(params.get('partNumber'))
    if (uploadId !== null) {
      // UploadPart: its length is bound by its signature (the signer signed content-length).
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000)
        return s3Error(c, 400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000')
      const etag = await multipartCall(c, () =>
        multipart.putPart(uploadId, auth.key, partNumber, limitBytes(body(c), MAX_PART_BYTES)),
      )
      if (etag instanceof Response) return etag
      c.header('ETag', etag)
      return emptyAnswer(c, 200)
    }
    const contentType = c.req.header('content-type') ?? ''
    const cap = capOf(c, contentType)
    if (cap instanceof Response) return cap
    const metadata: Record<string, string> = {}
    for (const [name, value] of params)
      if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value
    const rules = mediaRulesOf(params, config.media)
    if (!rules) return s3Error(c, 400, 'InvalidArgument', 'The media rules of this URL are malformed')
    const md5 = createHash('md5')
    try {
      const checked = await checkedMedia(limitBytes(body(c), cap), contentType)
      if (checked instanceof Error) return s3Error(c, 400, 'InvalidArgument', checked.message)
      await storage.put(auth.key, hashing(checked, md5), {
        contentType,
        metadata,
        check: mediaCheck(rules, contentType, metadata.filename),
      })
    } catch (error) {
      if (error instanceof ObjectExistsError)
        return s3Error(c, 403, 'AccessDenied', 'This upload URL has already been used')
      if (isMediaRefusal(error)) return s3Error(c, 400, 'InvalidArgument', error.message)
      return storeFailure(c, error)
    }
    c.header('ETag', `"${md5.digest('hex')}"`)
    return emptyAnswer(c, 200)
  })

  app.post('/store/*', async (c) => {
    const auth = authorize(c)
    if (auth instanceof Response) return auth
    const params = query(c)
    const uploadId = params.get('uploadId')
    // No CreateMultipartUpload here: the server creates every upload itself (docs/API.md §2.5), so
    // that a key gets one upload only; a signed `?uploads` is refused as any other unknown POST.
    if (uploadId === null) return s3Error(c, 400, 'InvalidRequest', 'Unsupported POST request')
    const document = await readSmallBody(body(c)).catch((error: unknown) => storeFailure(c, error))
    if (document instanceof Response) return document
    const rules = mediaRulesOf(params, config.media)
    if (!rules) return s3Error(c, 400, 'InvalidArgument', 'The media rules of this URL are malformed')
    const parts = parseCompleteParts(document)
    if (!parts) return s3Error(c, 400, 'MalformedXML', 'The XML you provided was not well-formed')
    const assembled = await multipartCall(c, () => multipart.assemble(uploadId, auth.key, parts))
    if (assembled instanceof Response) return assembled
    const cap = capOf(c, assembled.contentType)
    if (cap instanceof Response) return cap
    try {
      const checked = await checkedMedia(limitBytes(assembled.body, cap), assembled.contentType)
      if (checked instanceof Error) {
        await multipart.remove(uploadId)
        return s3Error(c, 400, 'InvalidArgument', checked.message)
      }
      await storage.put(auth.key, checked, {
        contentType: assembled.contentType,
        metadata: assembled.metadata,
        check: mediaCheck(rules, assembled.contentType, assembled.metadata.filename),
      })
    } catch (error) {
      if (error instanceof ObjectExistsError)
        return s3Error(c, 403, 'AccessDenied', 'The object already exists')
      if (isMediaRefusal(error)) {
        await multipart.remove(uploadId)
        return s3Error(c, 400, 'InvalidArgument', error.message)
      }
      // Too large is for good: its parts go now, not with the sweeper a day later.
      if (error instanceof DropgateError && error.code === 'file_too_large') await multipart.remove(uploadId)
      return storeFailure(c, error)
    }
    await multipart.remove(uploadId)
    return xml(
      c,
      200,
      `<CompleteMultipartUploadResult><Location>${escapeXml(storage.publicUrl(auth.key))}</Location><Bucket>local</Bucket><Key>${escapeXml(auth.key)}</Key><ETag>${escapeXml(assembled.etag)}</ETag></CompleteMultipartUploadResult>`,
    )
  })

  app.get('/store/*', async (c) => {
    const auth = authorize(c)
    if (auth instanceof Response) return auth
    const uploadId = query(c).get('uploadId')
    if (uploadId === null) return s3Error(c, 400, 'InvalidRequest', 'Only ListParts is served here')
    const parts = await multipartCall(c, () => multipart.listParts(uploadId, auth.key))
    if (parts instanceof Response) return parts
    return xml(c, 200, listPartsXml(auth.key, uploadId, parts, query(c)))
  })

  app.delete('/store/*', async (c) => {
    const auth = authorize(c)
    if (auth instanceof Response) return auth
    const uploadId = query(c).get('uploadId')
    if (uploadId === null)
      return s3Error(c, 400, 'InvalidRequest', 'Only AbortMultipartUpload is served here')
    const done = await multipartCall(c, () => multipart.abort(uploadId, auth.key))
    if (done instanceof Response) return done
    return emptyAnswer(c, 204)
  })

  const serve = async (c: Context) => {
    const key = keyFromPath(c.req.url, `${config.basePath}/files/`)
    const info = key ? await storage.head(key) : null
    if (!key || !info || isExpired(info, config.fileTtl)) throw errors.fileNotFound()
    const range = resolveRange(c.req.header('range'), info.size)
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, info.size - 1]
    const withBody = c.req.method !== 'HEAD' && info.size > 0 && range.kind !== 'unsatisfiable'
    // Opened before any header is set: a delete since the head above answers a clean 404, and one that
    // lands while the bytes go out cannot cut them short (the open file reads to its end).
    const body = withBody ? await storage.openStream(key, start, end) : null
    if (withBody && !body) throw errors.fileNotFound()
    c.header('Accept-Ranges', 'bytes')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Content-Security-Policy', 'sandbox')
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cross-Origin-Resource-Policy', 'cross-origin')
    c.header('Last-Modified', info.lastModified.toUTCString())
    c.header('Cache-Control', 'public, max-age=3600')
    if (range.kind === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${info.size}`)
      throw fail('range_not_satisfiable')
    }
    c.header('Content-Type', info.contentType)
    c.header('Content-Length', String(Math.max(0, end - start + 1)))
    if (range.kind === 'partial') c.header('Content-Range', `bytes ${start}-${end}/${info.size}`)
    const status = range.kind === 'partial' ? 206 : 200
    if (!body) return c.body(null, status)
    return c.body(Readable.toWeb(body) as ReadableStream, status)
  }
  app.get('/files/*', serve)
  app.on('HEAD', '/files/*', serve)
  return app
}

/** Runs a multipart step, answering S3's error document for the errors S3 names. */
async function multipartCall<T>(c: Context, step: () => Promise<T>): Promise<T | Response> {
  try {
    return await step()
  } catch (error) {
    if (!(error instanceof MultipartError)) return storeFailure(c, error)
    return s3Error(c, error.s3Code === 'NoSuchUpload' ? 404 : 400, error.s3Code, error.message)
  }
}

/**
 * The body, once its first bytes proved it is media of its declared type; else the error, and nothing
 * of it is written. So what the embedded store holds passed the magic-byte check the moment it landed,
 * `complete` or not (a presigned URL already bound its type and length, within the policy and scope).
 */
async function checkedMedia(
  body: AsyncIterable<Uint8Array>,
  contentType: string,
): Promise<AsyncIterable<Uint8Array> | Error> {
  const { head, body: whole, close } = await peek(body, SNIFF_BYTES)
  if (contentMatchesType(head, contentType)) return whole
  await close() // the rest is not read: guardedBody drops what the client still sends
  return errors.contentMismatch()
}

/** S3 allows parts of up to 5 GiB; a longer body is not a part. */
const MAX_PART_BYTES = 5 * 1024 * 1024 * 1024

/**
 * What S3 answers for the failures a write can meet here, as its error documents: a body over its cap
 * (EntityTooLarge), a client that stalled (S3's RequestTimeout, a 400), a full disk (507, which S3
 * never sends: the operator must free space). Anything else goes on to the app's error handler.
 */
function storeFailure(c: Context, caught: unknown): Response {
  const error = asHttpError(caught)
  if (!(error instanceof DropgateError)) throw error
  if (error.code === 'file_too_large')
    return s3Error(c, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size')
  if (error.code === 'body_idle') {
    c.header('Connection', 'close')
    return s3Error(c, 400, 'RequestTimeout', error.message)
  }
  if (error.code === 'storage_full') return s3Error(c, 507, 'InsufficientStorage', error.message)
  throw error
}

/** A CompleteMultipartUpload document lists at most 10,000 parts: well under 1 MiB. */
async function readSmallBody(source: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = []
  for await (const chunk of limitBytes(source, 1024 * 1024)) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

/** The object key under a route prefix, decoded segment by segment; null for anything not ours. */
function keyFromPath(url: string, prefix: string): string | null {
  const path = new URL(url).pathname
  if (!path.startsWith(prefix)) return null
  try {
    const key = path.slice(prefix.length).split('/').map(decodeURIComponent).join('/')
    return parseObjectKey(key) ? key : null
  } catch {
    return null
  }
}

async function* hashing(source: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>) {
  for await (const chunk of source) {
    hash.update(chunk)
    yield chunk
  }
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
