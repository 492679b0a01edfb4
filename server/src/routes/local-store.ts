import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { type Context, Hono } from 'hono'
import type { Config } from '../config.js'
import { isExpired } from '../core/file-record.js'
import { parseObjectKey } from '../core/keys.js'
import { capFor } from '../core/policy.js'
import { resolveRange } from '../core/range.js'
import { DropgateError, errors } from '../errors.js'
import { limitBytes } from '../http/streams.js'
import { verifyPresigned } from '../sign/sigv4.js'
import { type LocalStorage, ObjectExistsError } from '../storage/local.js'

/**
 * The embedded store's two faces: `PUT /store/<key>` takes bytes through a presigned URL and answers
 * as S3 does (XML errors, an ETag), and `GET /files/<key>` serves them publicly with Range support.
 */
export function localStoreRoutes(config: Config, storage: LocalStorage): Hono {
  const app = new Hono()

  app.put('/store/*', async (c) => {
    const verdict = verifyPresigned(storage.credentials, {
      method: 'PUT',
      url: c.req.url,
      headers: c.req.raw.headers,
    })
    if (!verdict.ok) {
      if (verdict.reason === 'expired') return s3Error(c, 403, 'AccessDenied', 'Request has expired')
      return s3Error(
        c,
        403,
        'SignatureDoesNotMatch',
        `The upload URL is not valid for this request (${verdict.reason})`,
      )
    }
    const key = keyFromPath(c.req.url, '/store/')
    const contentType = c.req.header('content-type') ?? ''
    const cap = capFor(config.caps, contentType)
    if (!key || !verdict.signedHeaders.includes('content-type') || cap === null)
      return s3Error(c, 403, 'AccessDenied', 'This URL does not allow that upload')
    const metadata: Record<string, string> = {}
    for (const [name, value] of new URL(c.req.url).searchParams)
      if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value

    const md5 = createHash('md5')
    try {
      await storage.put(key, hashing(limitBytes(c.req.raw.body ?? emptyBody(), cap), md5), {
        contentType,
        metadata,
      })
    } catch (error) {
      if (error instanceof ObjectExistsError)
        return s3Error(c, 403, 'AccessDenied', 'This upload URL has already been used')
      if (error instanceof DropgateError && error.code === 'file_too_large')
        return s3Error(c, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size')
      throw error
    }
    c.header('ETag', `"${md5.digest('hex')}"`)
    return c.body(null, 200)
  })

  const serve = async (c: Context) => {
    const key = keyFromPath(c.req.url, '/files/')
    const info = key ? await storage.head(key) : null
    if (!key || !info || isExpired(info, config.fileTtl)) throw errors.fileNotFound()
    const range = resolveRange(c.req.header('range'), info.size)
    c.header('Accept-Ranges', 'bytes')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Content-Security-Policy', 'sandbox')
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cross-Origin-Resource-Policy', 'cross-origin')
    c.header('Last-Modified', info.lastModified.toUTCString())
    c.header('Cache-Control', 'public, max-age=3600')
    if (range.kind === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${info.size}`)
      throw new DropgateError('range_not_satisfiable', 416, 'Requested range not satisfiable')
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, info.size - 1]
    c.header('Content-Type', info.contentType)
    c.header('Content-Length', String(Math.max(0, end - start + 1)))
    if (range.kind === 'partial') c.header('Content-Range', `bytes ${start}-${end}/${info.size}`)
    const status = range.kind === 'partial' ? 206 : 200
    if (c.req.method === 'HEAD' || info.size === 0) return c.body(null, status)
    return c.body(Readable.toWeb(storage.stream(key, start, end)) as ReadableStream, status)
  }
  app.get('/files/*', serve)
  app.on('HEAD', '/files/*', serve)
  return app
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

function s3Error(c: Context, status: 400 | 403, code: string, message: string) {
  c.header('Content-Type', 'application/xml')
  return c.body(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    status,
  )
}

async function* hashing(source: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>) {
  for await (const chunk of source) {
    hash.update(chunk)
    yield chunk
  }
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
