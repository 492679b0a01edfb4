import { createHash } from 'node:crypto'
import { AwsV4Signer } from 'aws4fetch'
import { STAGING_PREFIX } from '../../core/keys.js'
import type { S3Settings } from '../../core/s3-settings.js'
import { encodeKey } from '../encode-key.js'
import { httpError, networkError, S3RequestError } from './s3-errors.js'
import { StreamStopped, seconds, sendStreamed } from './s3-stream-send.js'

/**
 * Server-to-store S3 calls (HEAD, ranged GET, DELETE, ListObjectsV2, multipart steps, bucket
 * configuration), signed in the Authorization header by aws4fetch's AwsV4Signer. Header signing,
 * not our presigner: R2 accepts presigned URLs only for GET/HEAD/PUT/DELETE, but these calls include
 * POSTs (CreateMultipartUpload, CompleteMultipartUpload), and a store call costs a network round trip,
 * so aws4fetch re-importing its HMAC key (~150 µs) does not matter here as it does on the presign hot
 * path. aws4fetch's own `AwsClient.fetch` is not used: it retries 5xx up to 10 times with backoff,
 * and a store that is down must answer 503 within a bounded time instead.
 *
 * Every call has a deadline. Requests without a streamed body get `timeoutMs` for the whole
 * exchange, answer body included. Requests with a streamed body (object and part uploads) get an
 * idle timeout instead, counted only while the connection takes no more of the body (waiting for a
 * slow client is not the store's fault), and once the body is sent, `timeoutMs` for the answer.
 */

export { answerMayBeLost, type S3FailureKind, S3RequestError } from './s3-errors.js'
export type { S3Settings }

export interface S3ClientOptions {
  /** Deadline of a call without a body to stream, and of the answer after a body was sent. */
  timeoutMs: number
  /** Longest pause allowed while a body is being sent. */
  idleTimeoutMs: number
}

export interface S3Request {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE'
  /** Object key, or undefined for the bucket itself. */
  key?: string
  /** The bucket asked, instead of the key's (bucketOf): a bucket setting of the quarantine bucket. */
  bucket?: string
  /** Query params, e.g. `{ uploads: '' }` or `{ partNumber: '1', uploadId }`. */
  query?: Record<string, string>
  headers?: Record<string, string>
  /** A small body sent whole (XML documents). */
  body?: string | Uint8Array
  /**
   * A body sent chunk by chunk without copying; `length` goes out as Content-Length. The chunks may
   * arrive as they are read (a part streamed straight from the client's upload); an error thrown
   * while reading them aborts the request and is what `send` rejects with.
   */
  stream?: { chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>; length: number }
  /** Statuses the caller handles itself; anything else is an S3RequestError. Default: 2xx. */
  accept?: readonly number[]
  /** This call's deadline instead of the client's `timeoutMs`. */
  timeoutMs?: number
  /** Read at most this many bytes of the answer body (default: all of it, up to 1 MiB). */
  maxBodyBytes?: number
}

export interface S3Response {
  status: number
  headers: Headers
  body: Uint8Array
  text(): string
}

export interface S3Client {
  readonly settings: Readonly<S3Settings>
  /** Path-style URL of the bucket (`bucket`, else the key's) or one of its objects. */
  url(key?: string, query?: Record<string, string>, bucket?: string): string
  /** The bucket a key lives in: staged keys in the quarantine bucket when there is one. */
  bucketOf(key?: string): string
  send(request: S3Request): Promise<S3Response>
}

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const DEFAULT_MAX_BODY = 1024 * 1024

export function createS3Client(settings: S3Settings, options: S3ClientOptions): S3Client {
  const { quarantineBucket } = settings
  const bucketOf = (key?: string): string =>
    quarantineBucket !== undefined && key?.startsWith(STAGING_PREFIX) ? quarantineBucket : settings.bucket
  // aws4fetch keeps the derived signing key here (per secret, day, region, service).
  const cache = new Map<string, ArrayBuffer>()

  const url = (key?: string, query?: Record<string, string>, bucket = bucketOf(key)): string => {
    const bucketBase = `${settings.endpoint}/${encodeURIComponent(bucket)}`
    let out = key === undefined ? bucketBase : `${bucketBase}/${encodeKey(key)}`
    if (query) {
      const params = new URLSearchParams(query).toString()
      // `?uploads` and `?cors` are sent as `uploads=`: S3 treats both spellings alike, and it is
      // what URLSearchParams (and so the signature) produces.
      if (params !== '') out += `?${params}`
    }
    return out
  }

  async function send(request: S3Request): Promise<S3Response> {
    // A bucket-level call (a listing) goes to the bucket its prefix lives in.
    const place = request.key ?? request.query?.prefix
    const bucket = request.bucket ?? bucketOf(place)
    const target = url(request.key, request.query, bucket)
    const what = `${request.method} /${bucket}${request.key === undefined ? '' : `/${request.key}`}`
    const headers: Record<string, string> = { ...request.headers }
    let body: BodyInit | undefined
    if (request.stream) {
      headers['content-length'] = String(request.stream.length)
      headers['x-amz-content-sha256'] = UNSIGNED_PAYLOAD
    } else if (request.body !== undefined) {
      const bytes = typeof request.body === 'string' ? Buffer.from(request.body) : request.body
      headers['x-amz-content-sha256'] = createHash('sha256').update(bytes).digest('hex')
      body = new Uint8Array(bytes)
    } else {
      headers['x-amz-content-sha256'] = EMPTY_SHA256
    }

    const answerMs = request.timeoutMs ?? options.timeoutMs
    const signed = await new AwsV4Signer({
      method: request.method,
      url: target,
      headers,
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      service: 's3',
      region: settings.region,
      cache,
    }).sign()
    const answer = request.stream
      ? await sendStream(what, signed, request.stream, request, answerMs)
      : await sendWhole(what, signed, body, request, answerMs)
    const accepted = request.accept?.includes(answer.status) ?? false
    if (!accepted && (answer.status < 200 || answer.status > 299)) throw httpError(what, answer)
    return answer
  }

  /** A request without a body to stream: fetch, `answerMs` for the whole exchange, answer body included. */
  async function sendWhole(
    what: string,
    signed: { url: URL | string; headers: Headers },
    body: BodyInit | undefined,
    request: S3Request,
    answerMs: number,
  ): Promise<S3Response> {
    const controller = new AbortController()
    let stalled = false
    const timer = setTimeout(() => {
      stalled = true
      controller.abort()
    }, answerMs)
    try {
      const response = await fetch(signed.url, {
        method: request.method,
        headers: signed.headers,
        body,
        signal: controller.signal,
        redirect: 'manual',
      })
      return s3Response(
        response.status,
        response.headers,
        await readBody(response, request.maxBodyBytes ?? DEFAULT_MAX_BODY),
      )
    } catch (error) {
      if (stalled)
        throw new S3RequestError('timeout', what, `no answer within ${seconds(answerMs)}`, {
          code: 'TIMEOUT',
          cause: error,
        })
      throw networkError(what, error)
    } finally {
      clearTimeout(timer)
    }
  }

  return { settings: Object.freeze({ ...settings }), url, bucketOf, send }

  /** A streamed body goes out over node:http, with back-pressure (s3-stream-send.ts). */
  async function sendStream(
    what: string,
    signed: { url: URL | string; headers: Headers },
    stream: NonNullable<S3Request['stream']>,
    request: S3Request,
    answerMs: number,
  ): Promise<S3Response> {
    try {
      const answer = await sendStreamed({
        method: request.method,
        url: String(signed.url),
        headers: Object.fromEntries(signed.headers),
        chunks: stream.chunks,
        idleMs: options.idleTimeoutMs,
        answerMs,
        maxBodyBytes: request.maxBodyBytes ?? DEFAULT_MAX_BODY,
      })
      return s3Response(answer.status, answer.headers, answer.body)
    } catch (error) {
      if (error instanceof StreamStopped) {
        if (error.reason === 'body') throw error.bodyError
        throw new S3RequestError('timeout', what, error.message, { code: 'TIMEOUT', cause: error })
      }
      throw networkError(what, error)
    }
  }
}

function s3Response(status: number, headers: Headers, body: Uint8Array): S3Response {
  return {
    status,
    headers,
    body,
    text: () => Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
  }
}

/** The answer body, at most `max` bytes; the rest is not downloaded. */
async function readBody(response: Response, max: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  try {
    while (length < max) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      length += value.length
    }
  } finally {
    // A store that ignored Range sends the whole object: stop after what we asked for.
    if (length >= max) await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
  const all = chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks)
  return all.length > max ? all.subarray(0, max) : all
}
