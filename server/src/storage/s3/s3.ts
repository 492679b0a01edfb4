import { stagedKey } from '../../core/keys.js'
import type { Logger } from '../../log.js'
import { createPresigner } from '../../sign/sigv4.js'
import { createByteBudget } from '../byte-budget.js'
import { encodeKey } from '../encode-key.js'
import { retryLater } from '../retry-later.js'
import type {
  ObjectInfo,
  PresignedRequest,
  PresignPutInput,
  PresignRequestInput,
  PutInput,
  StorageOperations,
} from '../storage.js'
import { storageUnavailable, uploadChanged } from '../storage-errors.js'
import { createBucketAdmin, type S3BucketAdmin } from './s3-bucket-admin.js'
import {
  answerMayBeLost,
  createS3Client,
  type S3Client,
  S3RequestError,
  type S3Settings,
} from './s3-client.js'
import { abortIncompleteUpload } from './s3-incomplete-uploads.js'
import { metadataFrom, metadataHeaders } from './s3-metadata.js'
import { abortUploadsOf, MAX_PART_SIZE, MIN_PART_SIZE, streamingPut } from './s3-multipart-put.js'
import { createUpload } from './s3-multipart-steps.js'
import { createPromoter, type Promoted } from './s3-promote.js'
import { parseListPage } from './s3-xml.js'

/**
 * The S3 driver: any S3-compatible store (R2, AWS S3, MinIO, Swift's s3api) through path-style URLs
 * `<endpoint>/<bucket>/<key>`. Upload URLs are presigned by our own SigV4 presigner (cached signing
 * key, byte-identical to aws4fetch); everything the server itself asks of the store goes through
 * `s3-client.ts` with a deadline on every call.
 *
 * A store that is down, slow or failing (no connection, no answer in time, 5xx) becomes
 * `storageUnavailable()` (storage-errors.ts, a 503) and a `storage_unavailable` log line naming the call; a store
 * that refuses a call (4xx: credentials, bucket, permissions) is a configuration problem and stays an
 * S3RequestError, which the app logs and answers as a generic 500.
 */

export interface S3StorageOptions {
  /** Deadline of each metadata call (HEAD, GET range, DELETE, list, multipart steps), ms. Default 5000. */
  timeoutMs?: number
  /** Longest pause while sending object bytes to the store, ms. Default 15000. */
  idleTimeoutMs?: number
  /**
   * Part size of multipart uploads made by `put` from a body of unknown length (parts read whole), and
   * the least size of a part streamed straight through (`PutInput.lengthHint`); at least 5 MiB.
   * Default 8 MiB.
   */
  partSize?: number
  /** Parts `put` uploads at once (it reads the next meanwhile: partsInFlight + 1 parts in memory). Default 1. */
  partsInFlight?: number
  /**
   * Bytes of upload parts held in memory at once, across every upload this driver streams; a part
   * waits for room before it is read. Default 48 MiB (six 8 MiB parts). Parts streamed straight
   * through hold none, so with a length hint only the short tails count. Measured (bench/, part 2,
   * ten concurrent 100 MiB uploads, all parts read whole): peak RSS 362 MiB without a budget, 270 MiB
   * with 48 MiB, 261 MiB with 24 MiB at 6% less throughput.
   */
  bufferBudget?: number
  /** Keys per ListObjectsV2 page, 1..1000. Default 1000. */
  listPageSize?: number
  /** HEADs run at once while listing. Default 8. */
  listConcurrency?: number
  logger?: Logger
}

export interface S3Storage extends StorageOperations {
  readonly kind: 's3'
  readonly client: S3Client
  /** Bucket settings and probes, for `storage check|setup` (s3-bucket-admin.ts). */
  readonly admin: S3BucketAdmin
}

const MiB = 1024 * 1024
const DEFAULTS = {
  timeoutMs: 5000,
  idleTimeoutMs: 15_000,
  partSize: 8 * MiB,
  partsInFlight: 1,
  bufferBudget: 48 * MiB,
  listPageSize: 1000,
  listConcurrency: 8,
}

export function createS3Storage(
  settings: S3Settings,
  publicBaseUrl: string,
  options: S3StorageOptions = {},
): S3Storage {
  const opts = { ...DEFAULTS, ...options }
  checkOptions(settings, publicBaseUrl, opts)
  const client = createS3Client(settings, { timeoutMs: opts.timeoutMs, idleTimeoutMs: opts.idleTimeoutMs })
  const budget = createByteBudget(Math.max(opts.bufferBudget, opts.partSize))
  const presign = createPresigner({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
    service: 's3',
  })
  const objectUrl = (key: string) =>
    `${settings.endpoint}/${encodeURIComponent(client.bucketOf(key))}/${encodeKey(key)}`
  const promoter = createPromoter(client)
  const publicBase = `${publicBaseUrl.replace(/\/+$/, '')}/`
  const { logger } = opts

  /**
   * A CreateMultipartUpload that got no answer may have created the upload all the same: found by
   * its key and aborted once the store answers again (its parts would be billed until the lifecycle
   * rule's day is up).
   */
  const abortLostUpload = (lost: string) =>
    retryLater(
      { operation: 'abort_lost_upload', key: lost },
      async () => {
        const aborted = await abortUploadsOf(client, lost)
        logger?.info('lost_upload_aborted', { key: lost, aborted })
      },
      logger,
    )

  /** Runs one store call, turning an outage into the 503 the API promises. */
  async function call<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      if (error instanceof S3RequestError && error.unavailable) {
        logger?.warn('storage_unavailable', { operation, key, reason: error.message })
        throw storageUnavailable(operation)
      }
      throw error
    }
  }

  const head = (key: string): Promise<ObjectInfo | null> =>
    call('head', key, async () => {
      const answer = await client.send({ method: 'HEAD', key, accept: [404] })
      if (answer.status === 404) return null
      return objectInfo(key, answer.headers)
    })

  const storage: S3Storage = {
    kind: 's3',
    client,
    admin: createBucketAdmin(client),

    // The hot path: no I/O, one SHA-256 and one HMAC with a cached key (sigv4.ts).
    async presignPut(input: PresignPutInput): Promise<PresignedRequest> {
      const { contentType, contentLength } = input
      const headers: Record<string, string> =
        contentLength === undefined
          ? { 'content-type': contentType }
          : { 'content-type': contentType, 'content-length': String(contentLength) }
      // `input.metadata` is not carried: S3 would require the uploader to send x-amz-meta-* as signed
      // headers (which breaks the documented curl command), and Swift's s3api ignores them as signed
      // query params. A file uploaded through a URL therefore has no stored filename, and its record
      // falls back to the file id (core/file-record.ts).
      const url = presign({
        method: 'PUT',
        url: objectUrl(input.key),
        expiresIn: input.expiresIn,
        headers,
      })
      return { method: 'PUT', url, headers: { 'Content-Type': contentType } }
    },

    // The browser's multipart steps (create, parts, list, complete, abort): signed, never sent from here.
    presignRequest(input: PresignRequestInput): string {
      const url = new URL(objectUrl(input.key))
      for (const [name, value] of Object.entries(input.query ?? {})) url.searchParams.set(name, value)
      return presign({ method: input.method, url, expiresIn: input.expiresIn, headers: input.headers ?? {} })
    },

    put(key: string, body: AsyncIterable<Uint8Array>, input: PutInput): Promise<{ size: number }> {
      return call('put', key, () =>
        streamingPut(client, {
          key,
          body,
          headers: { 'content-type': input.contentType, ...metadataHeaders(input.metadata) },
          partSize: opts.partSize,
          partsInFlight: opts.partsInFlight,
          budget,
          ...(input.lengthHint && { lengthHint: input.lengthHint }),
          onLostCreate: abortLostUpload,
          // The lifecycle rule AbortIncompleteMultipartUpload (`dropgate storage setup`) would remove
          // it after a day; until then its parts are billed, so it goes as soon as the store answers.
          onFailedAbort: (failed, uploadId) =>
            retryLater(
              { operation: 'abort_failed_upload', key: failed },
              async () => {
                const result = await abortIncompleteUpload(client, { key: failed, uploadId })
                logger?.info('failed_upload_aborted', { key: failed, result })
              },
              logger,
            ),
        }),
      )
    },

    head,

    readRange(key: string, start: number, end: number, ifMatch?: string): Promise<Uint8Array | null> {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0)
        throw new TypeError(`bad range ${start}-${end}`)
      if (end < start) return Promise.resolve(new Uint8Array(0))
      return call('read', key, async () => {
        const answer = await client.send({
          method: 'GET',
          key,
          headers: { range: `bytes=${start}-${end}`, ...(ifMatch && { 'if-match': ifMatch }) },
          accept: [404, 412, 416],
          // A store that ignores Range answers 200 with the whole object: only what was asked is read.
          maxBodyBytes: end + 1,
        })
        if (answer.status === 404) return null
        if (answer.status === 412) throw uploadChanged()
        // 416: the object is empty or shorter than `start`.
        if (answer.status === 416) return new Uint8Array(0)
        if (answer.status === 200) return answer.body.subarray(start, end + 1)
        return answer.body.subarray(0, end - start + 1)
      })
    },

    delete(key: string): Promise<void> {
      return call('delete', key, async () => {
        await client.send({ method: 'DELETE', key, accept: [404] })
      })
    },

    async *list(prefix: string): AsyncIterable<ObjectInfo> {
      let token: string | undefined
      do {
        const query: Record<string, string> = {
          'list-type': '2',
          prefix,
          'max-keys': String(opts.listPageSize),
        }
        if (token !== undefined) query['continuation-token'] = token
        const page = await call('list', prefix, async () =>
          parseListPage((await client.send({ method: 'GET', query, maxBodyBytes: 16 * MiB })).text()),
        )
        // ObjectInfo needs each object's type and metadata, which only HEAD gives; a few at a time.
        for (let i = 0; i < page.objects.length; i += opts.listConcurrency) {
          const batch = page.objects.slice(i, i + opts.listConcurrency)
          for (const info of await Promise.all(batch.map((object) => head(object.key)))) if (info) yield info // gone between the listing and the HEAD: skipped
        }
        token = page.nextToken
      } while (token !== undefined)
    },

    publicUrl(key: string): string {
      return publicBase + encodeKey(key)
    },

    // S3 takes any bytes a presigned PUT sends: they land out of the public prefix until checked.
    stagingKey: stagedKey,

    createMultipartUpload(key: string, contentType: string): Promise<string> {
      return call('create multipart upload', key, async () => {
        try {
          return await createUpload(client, key, { 'content-type': contentType })
        } catch (error) {
          // No answer: the store may have created it all the same, under an id nobody knows.
          if (answerMayBeLost(error)) abortLostUpload(key)
          throw error
        }
      })
    },

    promote(staged: string, key: string, checked: { etag: string; size: number }): Promise<Promoted> {
      return call('promote', key, () => promoter.promote(staged, key, checked))
    },
  }
  return storage
}

function objectInfo(key: string, headers: Headers): ObjectInfo {
  const size = Number(headers.get('content-length'))
  const lastModified = new Date(headers.get('last-modified') ?? '')
  if (!Number.isSafeInteger(size) || Number.isNaN(lastModified.getTime()))
    throw new S3RequestError('store-error', `HEAD ${key}`, 'answer without Content-Length or Last-Modified')
  return {
    key,
    size,
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    lastModified,
    metadata: metadataFrom(headers),
    ...(headers.get('etag') !== null && { etag: headers.get('etag') as string }),
  }
}

function checkOptions(
  settings: S3Settings,
  publicBaseUrl: string,
  opts: Required<Omit<S3StorageOptions, 'logger'>>,
) {
  for (const name of ['endpoint', 'bucket', 'region', 'accessKeyId', 'secretAccessKey'] as const)
    if (typeof settings?.[name] !== 'string' || settings[name] === '')
      throw new TypeError(`s3 storage: settings.${name} must be a non-empty string`)
  for (const [name, value] of [
    ['endpoint', settings.endpoint],
    ['publicBaseUrl', publicBaseUrl],
  ] as const) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new TypeError(`s3 storage: ${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError(`s3 storage: ${name} must be http(s), got ${url.protocol}`)
  }
  if (settings.endpoint.endsWith('/')) throw new TypeError('s3 storage: endpoint must not end with "/"')
  const positive = (name: string, value: number, min: number, max: number) => {
    if (!Number.isSafeInteger(value) || value < min || value > max)
      throw new TypeError(`s3 storage: ${name} must be a whole number in ${min}..${max}, got ${value}`)
  }
  positive('timeoutMs', opts.timeoutMs, 1, 600_000)
  positive('idleTimeoutMs', opts.idleTimeoutMs, 1, 600_000)
  // S3 UploadPart: 5 MiB minimum for every part but the last, 5 GiB maximum.
  positive('partSize', opts.partSize, MIN_PART_SIZE, MAX_PART_SIZE)
  // S3 ListObjectsV2: max-keys up to 1000.
  positive('partsInFlight', opts.partsInFlight, 1, 16)
  positive('listPageSize', opts.listPageSize, 1, 1000)
  positive('listConcurrency', opts.listConcurrency, 1, 64)
}
