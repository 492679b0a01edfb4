import { randomBytes } from 'node:crypto'
import type { Config, S3Settings } from '../config.js'
import {
  createS3Storage,
  isOlderThan,
  keepFirst,
  listIncompleteUploads,
  S3RequestError,
  type S3Storage,
  xmlRoot,
} from '../storage/s3/index.js'
import {
  corsGaps,
  expiryDays,
  parseCors,
  parseLifecycle,
  REQUIRED_CORS_METHODS,
  UPLOADS_PREFIX,
  uploadsLifecycle,
} from './bucket-config.js'
import { describeFailure, fetchPublic } from './check-findings.js'
import { checkQuarantine } from './check-quarantine.js'

/**
 * `dropgate storage check`: is this S3 bucket ready for Dropgate? Each finding is one line in plain
 * words. It lists the bucket (credentials, bucket name, region), uploads a small probe object through
 * a presigned URL exactly as a client would, reads it back at its public URL, deletes it, then reads
 * the bucket's CORS and lifecycle settings, and counts multipart uploads left incomplete for over a
 * day. Where a store does not report its CORS rules (Swift, MinIO), it sends the preflight requests a
 * browser would instead.
 */

import type { Status } from './check-findings.js'

export type { Status }
export { describeFailure, fetchPublic }

export interface Finding {
  status: Status
  topic: string
  text: string
}

export interface CheckOptions {
  /** Deadline of each store call, ms (default 5000). */
  timeoutMs?: number
  /** The clock incomplete uploads' ages are measured against (ms since the epoch). Default Date.now(). */
  now?: number
  /** Uploads per ListMultipartUploads page (default 1000). */
  uploadsPageSize?: number
}

/** What a bucket sub-resource GET (`?cors`, `?lifecycle`) says about the store's support for it. */
export type SubresourceAnswer =
  | { kind: 'document'; xml: string }
  | { kind: 'none' }
  | { kind: 'unsupported'; why: string }
  /** The credentials may not read it (object-only keys, e.g. an R2 token scoped to objects). */
  | { kind: 'denied'; why: string }

export async function readSubresource(
  storage: S3Storage,
  name: 'cors' | 'lifecycle',
  root: string,
  noneCode: string,
): Promise<SubresourceAnswer> {
  try {
    const answer = await storage.client.send({ method: 'GET', query: { [name]: '' } })
    const text = answer.text()
    const found = xmlRoot(text)
    if (found === root) return { kind: 'document', xml: text }
    // Swift's s3api ignores ?lifecycle and lists the bucket instead.
    return {
      kind: 'unsupported',
      why: `it answered ${found ? `a ${found} document` : 'something else'} instead`,
    }
  } catch (error) {
    if (!(error instanceof S3RequestError) || error.unavailable) throw error
    if (error.code === noneCode) return { kind: 'none' }
    if (error.status === 501 || error.status === 405 || error.code === 'NotImplemented')
      return { kind: 'unsupported', why: `it answered ${error.detail}` }
    if (error.status === 403) return { kind: 'denied', why: `it answered ${error.detail}` }
    throw error
  }
}

export async function checkStorage(config: Config, options: CheckOptions = {}): Promise<Finding[]> {
  if (config.storage.kind !== 's3') throw new TypeError('checkStorage needs DROPGATE_STORAGE=s3 settings')
  const settings: S3Settings = config.storage.s3
  const storage = createS3Storage(settings, config.publicBaseUrl, { timeoutMs: options.timeoutMs ?? 5000 })
  const findings: Finding[] = []
  const add = (status: Status, topic: string, text: string) => {
    findings.push({ status, topic, text })
  }

  // 1. Credentials, bucket, region: one listing of at most one key.
  try {
    await storage.client.send({ method: 'GET', query: { 'list-type': '2', 'max-keys': '1' } })
    add('ok', 'bucket', `credentials accepted; bucket "${settings.bucket}" listed`)
  } catch (error) {
    add('fail', 'bucket', bucketFailure(error, settings))
    return findings // nothing else can work
  }

  // 2. An upload through a presigned URL, as a client makes it; its public URL; its deletion.
  const probeKey = `${UPLOADS_PREFIX}.dropgate-check/${randomBytes(8).toString('hex')}.txt`
  const probe = Buffer.from(`dropgate storage check ${new Date().toISOString()}\n`)
  const origins = [...config.allowedOrigins]
  const etagExposedTo: string[] = []
  let probeStored = false
  try {
    const stored = await probeUpload(storage, probeKey, probe, origins, etagExposedTo)
    if (stored !== true) add('fail', 'upload URL', stored)
    else {
      probeStored = true
      add('ok', 'upload URL', `a presigned PUT stored a ${probe.length}-byte probe object (${probeKey})`)
      const served = await fetchPublic(storage.publicUrl(probeKey), options.timeoutMs ?? 5000)
      if (served.ok && Buffer.compare(served.body, probe) === 0)
        add('ok', 'public URL', `DROPGATE_PUBLIC_BASE_URL serves it: ${storage.publicUrl(probeKey)}`)
      else
        add(
          'fail',
          'public URL',
          `${storage.publicUrl(probeKey)} ${served.why}; DROPGATE_PUBLIC_BASE_URL must be where the bucket's ` +
            "objects are publicly readable (R2: the bucket's public r2.dev URL or custom domain; " +
            'S3: a bucket policy allowing s3:GetObject on uploads/*, or a CDN in front)',
        )
    }
  } catch (error) {
    add('fail', 'upload URL', describeFailure(error, settings.endpoint))
  }
  if (probeStored) await checkCopy(storage, probeKey, settings, add)
  try {
    await storage.client.send({ method: 'DELETE', key: probeKey, accept: [404] })
    add('ok', 'delete', 'the probe object was deleted (the server deletes files that fail checks)')
  } catch (error) {
    add('fail', 'delete', `deleting the probe object failed: ${describeFailure(error, settings.endpoint)}`)
  }

  // 2b. Where unchecked uploads wait, and whether the store takes conditional writes.
  await checkQuarantine(storage, settings, options.timeoutMs ?? 5000, add)

  // 3. CORS for the browser origins.
  await checkCors(storage, origins, probeKey, etagExposedTo, add)

  // 4. Expiry of uploaded files.
  await checkLifecycle(storage, config.fileTtl, add)

  // 5. Abandoned multipart uploads.
  await checkIncompleteUploads(storage, options, add)
  return findings
}

/**
 * Multipart mode stores a form's file with one PUT of the length the form declares; a form with fields
 * after the file is then cut to its real length within the store (S3 UploadPartCopy of a byte range).
 */
async function checkCopy(
  storage: S3Storage,
  key: string,
  settings: S3Settings,
  add: (status: Status, topic: string, text: string) => void,
) {
  try {
    await keepFirst(storage.client, key, { 'content-type': 'text/plain' }, 8)
    const info = await storage.head(key)
    if (info?.size !== 8) throw new Error(`the object is ${info?.size ?? 'gone'} bytes after the copy, not 8`)
    add('ok', 'copy', 'the store copies a byte range of an object within itself (UploadPartCopy)')
  } catch (error) {
    add(
      'warn',
      'copy',
      `copying a byte range within the store failed (${describeFailure(error, settings.endpoint)}): ` +
        'a form with fields after its file, sent in multipart mode, will fail on this store',
    )
  }
}

function bucketFailure(error: unknown, settings: S3Settings): string {
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
 * which origins get `Access-Control-Expose-Headers` with ETag. True, or why it failed.
 */
async function probeUpload(
  storage: S3Storage,
  key: string,
  body: Buffer,
  origins: string[],
  etagExposedTo: string[],
): Promise<true | string> {
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
  return true
}

async function checkCors(
  storage: S3Storage,
  origins: string[],
  probeKey: string,
  etagExposedTo: string[],
  add: (status: Status, topic: string, text: string) => void,
) {
  if (origins.length === 0) {
    add('warn', 'CORS', 'DROPGATE_ALLOWED_ORIGINS is empty: browsers cannot upload, only servers and scripts')
    return
  }
  let answer: SubresourceAnswer
  try {
    answer = await readSubresource(storage, 'cors', 'CORSConfiguration', 'NoSuchCORSConfiguration')
  } catch (error) {
    add(
      'fail',
      'CORS',
      `reading the bucket's CORS rules failed: ${describeFailure(error, storage.client.settings.endpoint)}`,
    )
    return
  }
  if (answer.kind === 'none') {
    add(
      'fail',
      'CORS',
      'the bucket has no CORS rules, so browsers cannot upload to it: run `dropgate storage setup`',
    )
    return
  }
  if (answer.kind === 'document') {
    const gaps = corsGaps(parseCors(answer.xml).rules, origins)
    if (gaps.length === 0)
      add('ok', 'CORS', `the bucket's rules let ${origins.join(', ')} upload and read ETag`)
    else add('fail', 'CORS', `${gaps.join('; ')}: run \`dropgate storage setup\``)
    return
  }
  // The store keeps CORS in its own configuration: ask it the way a browser does.
  const gaps: string[] = []
  for (const origin of origins) {
    const refused = await preflightGaps(storage, probeKey, origin)
    if (refused.length > 0) gaps.push(`${origin} may not ${refused.join('/')}`)
    if (!etagExposedTo.includes(origin)) gaps.push(`${origin} cannot read the ETag header`)
  }
  const why =
    answer.kind === 'denied'
      ? `these credentials may not read the bucket's CORS rules (GetBucketCors: ${answer.why})`
      : `this store does not report CORS rules (GetBucketCors: ${answer.why})`
  if (gaps.length === 0)
    add('ok', 'CORS', `${why}; browser preflights from ${origins.join(', ')} are allowed and ETag is exposed`)
  else
    add(
      'fail',
      'CORS',
      `${why}; browser preflights show: ${gaps.join('; ')}. Set CORS in the store's own configuration ` +
        '(Swift: cors_allow_origin and cors_expose_headers in proxy-server.conf, s3api cors_preflight_allow_origin; ' +
        'MinIO: MINIO_API_CORS_ALLOW_ORIGIN) for these origins, methods GET/PUT/POST/DELETE/HEAD, any header, exposing ETag',
    )
}

/** The required methods a preflight from `origin` is refused for. */
async function preflightGaps(storage: S3Storage, key: string, origin: string): Promise<string[]> {
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

async function checkLifecycle(
  storage: S3Storage,
  fileTtl: number,
  add: (status: Status, topic: string, text: string) => void,
) {
  const days = expiryDays(fileTtl)
  let answer: SubresourceAnswer
  try {
    answer = await readSubresource(
      storage,
      'lifecycle',
      'LifecycleConfiguration',
      'NoSuchLifecycleConfiguration',
    )
  } catch (error) {
    add(
      'fail',
      'lifecycle',
      `reading the bucket's lifecycle rules failed: ${describeFailure(error, storage.client.settings.endpoint)}`,
    )
    return
  }
  if (answer.kind === 'unsupported') {
    add(
      'warn',
      'lifecycle',
      `this store does not support lifecycle rules (GetBucketLifecycleConfiguration: ${answer.why}), so uploaded ` +
        `files are never deleted by the store: the API stops serving their records after DROPGATE_FILE_TTL, but their ` +
        `public URLs keep working. Delete objects under ${UPLOADS_PREFIX} older than ${days} day(s) with a scheduled job, ` +
        "or with the store's own expiry (Swift: the object expirer, X-Delete-After through its native API)",
    )
    return
  }
  if (answer.kind === 'denied') {
    add(
      'warn',
      'lifecycle',
      `these credentials may not read the bucket's lifecycle rules (${answer.why}): make sure, in the store's ` +
        `console, that objects under ${UPLOADS_PREFIX} expire after ${days} day(s)`,
    )
    return
  }
  const rules = answer.kind === 'document' ? uploadsLifecycle(parseLifecycle(answer.xml).rules) : undefined
  if (!rules || rules.expirationDays === undefined) {
    add(
      'fail',
      'lifecycle',
      `no rule expires objects under ${UPLOADS_PREFIX}: files are kept forever; run \`dropgate storage setup\``,
    )
    return
  }
  const ttlDays = fileTtl / 86_400
  if (rules.expirationDays < ttlDays)
    add(
      'warn',
      'lifecycle',
      `objects under ${UPLOADS_PREFIX} expire after ${rules.expirationDays} day(s), before DROPGATE_FILE_TTL ` +
        `(${Number(ttlDays.toFixed(2))} days) ends: files disappear early; run \`dropgate storage setup\``,
    )
  else add('ok', 'lifecycle', `objects under ${UPLOADS_PREFIX} expire after ${rules.expirationDays} day(s)`)
  if (rules.abortIncompleteDays === undefined)
    add(
      'warn',
      'lifecycle',
      'no rule aborts incomplete multipart uploads: abandoned browser uploads keep their parts; run `dropgate storage setup`',
    )
}

/** What `storage check` calls abandoned: what the lifecycle rule of `storage setup` aborts (1 day). */
const ABANDONED_MS = 24 * 60 * 60 * 1000

/**
 * Multipart uploads never completed keep their parts, billed as storage, until aborted. Counting them
 * is a warning at most: they cost money, they do not stop uploads from working.
 */
async function checkIncompleteUploads(
  storage: S3Storage,
  options: CheckOptions,
  add: (status: Status, topic: string, text: string) => void,
) {
  const now = options.now ?? Date.now()
  let count = 0
  let oldest: Date | undefined
  try {
    for await (const upload of listIncompleteUploads(storage.client, UPLOADS_PREFIX, {
      ...(options.uploadsPageSize !== undefined && { pageSize: options.uploadsPageSize }),
    })) {
      if (!isOlderThan(upload, ABANDONED_MS, now)) continue
      count += 1
      if (!oldest || upload.initiated < oldest) oldest = upload.initiated
    }
  } catch (error) {
    add(
      'warn',
      'incomplete uploads',
      `listing incomplete multipart uploads (ListMultipartUploads) failed: ${describeFailure(error, storage.client.settings.endpoint)}; ` +
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

const LABEL: Record<Status, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' }

/** One line per finding. */
export function formatLines(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${LABEL[f.status]}  ${f.topic}: ${f.text}\n`).join('')
}

/** The report: one line per finding, then a verdict. */
export function formatFindings(findings: readonly Finding[]): string {
  const failed = findings.filter((f) => f.status === 'fail').length
  const warned = findings.filter((f) => f.status === 'warn').length
  const verdict =
    failed > 0
      ? `${failed} problem(s) to fix${warned > 0 ? `, ${warned} warning(s)` : ''}.`
      : warned > 0
        ? `Ready, with ${warned} warning(s).`
        : 'Ready.'
  return `${formatLines(findings)}${verdict}\n`
}

export function heading(config: Config): string {
  if (config.storage.kind !== 's3') return ''
  const { bucket, endpoint, region } = config.storage.s3
  return `S3 bucket "${bucket}" at ${endpoint} (region ${region})\n`
}
