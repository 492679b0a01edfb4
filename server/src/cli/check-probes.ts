import type { S3Settings } from '../config.js'
import type { S3Storage } from '../storage/s3/index.js'
import { isOlderThan, S3RequestError } from '../storage/s3/index.js'
import { REQUIRED_CORS_METHODS, UPLOADS_PREFIX } from './bucket-config.js'
import { type AddFinding, describeFailure } from './check-findings.js'

/** `storage check`'s probes: requests sent as a client or the server would, each turned into findings. */

export function bucketFailure(error: unknown, settings: S3Settings): string {
  if (!(error instanceof S3RequestError) || error.unavailable)
    return describeFailure(error, settings.endpoint)
  const hints: Record<string, string> = {
    NoSuchBucket: `bucket "${settings.bucket}" does not exist at ${settings.endpoint} (check S3_BUCKET)`,
    InvalidAccessKeyId: 'the store does not know this access key (check S3_ACCESS_KEY_ID)',
    SignatureDoesNotMatch: 'the secret does not match the access key (check S3_SECRET_ACCESS_KEY)',
    AccessDenied: 'the credentials may not list this bucket (give the key read/write access to it)',
    AuthorizationHeaderMalformed: `the store expects another region than "${settings.region}" (check S3_REGION)`,
    PermanentRedirect: 'the bucket lives in another region or endpoint (check S3_ENDPOINT and S3_REGION)',
  }
  const hint = hints[error.code]
  return hint ? `${hint}: ${error.detail}` : `listing bucket "${settings.bucket}" failed: ${error.detail}`
}

/**
 * PUTs the probe through a presigned URL once per browser origin (with that Origin header), noting
 * which origins get `Access-Control-Expose-Headers` with ETag. The origins that may read ETag, or why
 * the PUT failed.
 */
export async function probeUpload(
  storage: S3Storage,
  key: string,
  body: Buffer,
  origins: readonly string[],
): Promise<{ etagExposedTo: string[] } | string> {
  const etagExposedTo: string[] = []
  for (const origin of origins.length > 0 ? origins : [undefined]) {
    const presigned = await storage.presignPut({
      key,
      contentType: 'text/plain',
      contentLength: body.length,
      expiresIn: 60,
    })
    let res: Response
    try {
      res = await fetch(presigned.url, {
        method: 'PUT',
        headers: { ...presigned.headers, ...(origin ? { origin } : {}) },
        body: new Uint8Array(body),
        signal: AbortSignal.timeout(10_000),
      })
    } catch (error) {
      return `a presigned PUT failed: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`
    }
    const text = await res.text()
    if (!res.ok)
      return `a presigned PUT was refused: ${res.status} ${/<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? ''} (check S3_REGION and the clock of this machine)`
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/)
    if (origin && (exposed.includes('etag') || exposed.includes('*'))) etagExposedTo.push(origin)
  }
  return { etagExposedTo }
}

/** The required methods a preflight from `origin` to an upload URL of `key` is refused for. */
export async function preflightGaps(storage: S3Storage, key: string, origin: string): Promise<string[]> {
  const refused: string[] = []
  const presigned = await storage.presignPut({ key, contentType: 'text/plain', expiresIn: 60 })
  for (const method of REQUIRED_CORS_METHODS) {
    const headers: Record<string, string> = { origin, 'access-control-request-method': method }
    if (method === 'PUT' || method === 'POST') headers['access-control-request-headers'] = 'content-type'
    try {
      const res = await fetch(presigned.url, {
        method: 'OPTIONS',
        headers,
        signal: AbortSignal.timeout(5000),
      })
      await res.arrayBuffer()
      const allowOrigin = res.headers.get('access-control-allow-origin')
      const allowMethods = (res.headers.get('access-control-allow-methods') ?? '')
        .toUpperCase()
        .split(/\s*,\s*/)
      const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '')
        .toLowerCase()
        .split(/\s*,\s*/)
      const ok =
        res.ok &&
        (allowOrigin === origin || allowOrigin === '*') &&
        (allowMethods.includes(method) || allowMethods.includes('*')) &&
        (headers['access-control-request-headers'] === undefined ||
          allowHeaders.includes('content-type') ||
          allowHeaders.includes('*'))
      if (!ok) refused.push(method)
    } catch {
      refused.push(method)
    }
  }
  return refused
}

/**
 * Multipart mode stores a form's file with one PUT of the length the form declares; a form with fields
 * after the file is then cut to its real length within the store (S3 UploadPartCopy of a byte range).
 */
export async function checkCopy(storage: S3Storage, key: string, add: AddFinding): Promise<void> {
  try {
    await storage.admin.keepFirstBytes(key, 8, 'text/plain')
    const info = await storage.head(key)
    if (info?.size !== 8) throw new Error(`the object is ${info?.size ?? 'gone'} bytes after the copy, not 8`)
    add('ok', 'copy', 'the store copies a byte range of an object within itself (UploadPartCopy)')
  } catch (error) {
    add(
      'warn',
      'copy',
      `copying a byte range within the store failed (${describeFailure(error, storage.admin.endpoint)}): ` +
        'a form with fields after its file, sent in multipart mode, will fail on this store',
    )
  }
}

/** What `storage check` calls abandoned: what the lifecycle rule of `storage setup` aborts (1 day). */
const ABANDONED_MS = 24 * 60 * 60 * 1000

/**
 * Multipart uploads never completed keep their parts, billed as storage, until aborted. Counting them
 * is a warning at most: they cost money, they do not stop uploads from working.
 */
export async function checkIncompleteUploads(
  storage: S3Storage,
  options: { now?: number; uploadsPageSize?: number },
  add: AddFinding,
): Promise<void> {
  const now = options.now ?? Date.now()
  let count = 0
  let oldest: Date | undefined
  try {
    for await (const upload of storage.admin.incompleteUploads(UPLOADS_PREFIX, options.uploadsPageSize)) {
      if (!isOlderThan(upload, ABANDONED_MS, now)) continue
      count += 1
      if (!oldest || upload.initiated < oldest) oldest = upload.initiated
    }
  } catch (error) {
    add(
      'warn',
      'incomplete uploads',
      `listing incomplete multipart uploads (ListMultipartUploads) failed: ${describeFailure(error, storage.admin.endpoint)}; ` +
        '`dropgate storage sweep` needs it (AWS: s3:ListBucketMultipartUploads)',
    )
    return
  }
  if (count === 0) {
    add(
      'ok',
      'incomplete uploads',
      `no multipart upload under ${UPLOADS_PREFIX} was left incomplete for more than 24h`,
    )
    return
  }
  add(
    'warn',
    'incomplete uploads',
    `${count} multipart upload(s) under ${UPLOADS_PREFIX} started more than 24h ago were never completed ` +
      `(the oldest on ${oldest?.toISOString()}); the store keeps, and bills, their parts until they are aborted: ` +
      'run `dropgate storage sweep` (on a schedule where the store has no lifecycle rules), or add a lifecycle rule ' +
      'with AbortIncompleteMultipartUpload (`dropgate storage setup` writes one where the store takes it)',
  )
}
