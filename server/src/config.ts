import { createHmac, randomBytes } from 'node:crypto'
import type { Caps } from '@dropgate/core'
import { type MediaRules, MULTIPART, type MultipartPlan } from '@dropgate/core'
import { parseBasePath } from './base-path.js'
import { type ApiKey, parseApiKey } from './core/api-keys.js'
import { isOrigin, type PublishableKey, parsePublishableKey } from './core/publishable-keys.js'
import { parseRateLimit, type RateLimit } from './core/rate-limit.js'
import type { S3Settings } from './core/s3-settings.js'
import { readMediaRules } from './media-settings.js'

/**
 * `loadConfig(env)` reads every variable of docs/API.md §1, checks them all, and returns a frozen object.
 * A malformed setting stops start-up with one message naming every problem at once.
 */

const MiB = 1024 * 1024
/** SigV4 presigned URLs live at most 7 days (AWS and R2 both refuse longer). */
const MAX_PRESIGN_SECONDS = 604_800

export type { S3Settings } from './core/s3-settings.js'

export type StorageSettings =
  | { kind: 'local'; dataDir: string }
  | { kind: 's3'; s3: S3Settings }
  /** `DROPGATE_STORAGE=s3` without its variables: starts, and storage routes answer 500. */
  | { kind: 'unconfigured'; missing: string[] }

export interface Config {
  port: number
  host: string
  apiKeys: readonly ApiKey[]
  storage: StorageSettings
  /** Base of every public URL, without a trailing slash. */
  publicBaseUrl: string
  /**
   * Where the signer's routes live within the server: '' at its root, or a prefix like `/uploads`
   * when an app mounts it (DROPGATE_BASE_PATH, base-path.ts). Already part of the URLs below.
   */
  basePath: string
  /**
   * Where this server's signer is reached from outside, without a trailing slash: the base of
   * verified links (`<linkBaseUrl>/l/...`), the public URL of a presigned upload on a store that does
   * not check bytes as they arrive (S3). DROPGATE_LINK_BASE_URL (the server's root) + `basePath`.
   */
  linkBaseUrl: string
  /**
   * Signs verified links. Derived from the S3 secret key, so every instance on the same bucket and
   * every restart signs alike with nothing more to configure; random where no link is ever made.
   */
  linkSecret: Buffer
  caps: Caps
  uploadUrlTtl: number
  fileTtl: number
  /** How large files are cut into parts (published in the policy; the widget cuts files alike). */
  multipart: MultipartPlan
  /**
   * Pixels and lengths every route enforces (published in the policy, narrowed by upload tokens):
   * DROPGATE_IMAGE_* and DROPGATE_MEDIA_*_SECONDS (media-settings.ts).
   */
  media: MediaRules
  /** DROPGATE_ALLOWED_ORIGINS plus every publishable key's origins: what CORS lets in. */
  allowedOrigins: readonly string[]
  publishableKeys: readonly PublishableKey[]
  /** Signs upload tokens and large-file tickets; shared by every instance that must accept them. */
  tokenSecret: Buffer
  /**
   * DROPGATE_TOKEN_SECRET was not set, so `tokenSecret` was drawn at start-up: whatever it sealed
   * before a restart, or on another instance, fails to verify here for that reason and no other.
   */
  ephemeralTokenSecret: boolean
  publishableRateLimit: RateLimit
  /**
   * DROPGATE_REDIS_URL: where every instance counts publishable keys together (node/redis-rate-limiter.ts);
   * null: each instance counts in memory. It may hold a password: log only `redactedUrl(redisUrl)`.
   */
  redisUrl: string | null
  /** Take the client address from X-Forwarded-For (behind a proxy you run), not the socket. */
  trustProxy: boolean
  /** How many proxies of yours append to X-Forwarded-For: the client is that many entries from the right. */
  trustedProxyHops: number
  /** How long the server waits on a client, and on running uploads when it is told to stop. */
  timeouts: Timeouts
  /** Things worth telling the operator at start-up that do not stop it. */
  warnings: readonly string[]
}

export interface Timeouts {
  /** A request body that sends nothing for this long while it is waited for is cut off (408). */
  bodyIdleMs: number
  /** The request line and headers must arrive within this (Node's headersTimeout). */
  headersMs: number
  /** On SIGTERM, running requests get this long to finish before they are cut off cleanly. */
  shutdownGraceMs: number
}

export class ConfigError extends Error {
  readonly problems: readonly string[]
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

export const EPHEMERAL_SECRET_WARNING =
  'DROPGATE_TOKEN_SECRET is not set: a random secret is used, so upload tokens and large-file upload ' +
  'tickets are valid on this instance only and die when it restarts (an unfinished large-file upload ' +
  'can then only be aborted and must start again); set DROPGATE_TOKEN_SECRET (at least 32 characters) ' +
  'to the same value on every instance'

export const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173']

type Env = Record<string, string | undefined>

export function loadConfig(env: Env): Config {
  const problems: string[] = []
  const warnings: string[] = []
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value === '' ? undefined : value
  }
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name)
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`)
      return fallback
    }
    return value
  }

  const port = integer('PORT', 8787, 0, 65_535)
  const host = read('HOST') ?? '127.0.0.1'

  const apiKeys: ApiKey[] = []
  for (const [i, entry] of (read('DROPGATE_API_KEYS') ?? '').split(',').entries()) {
    if (entry.trim() === '') continue
    const key = parseApiKey(entry)
    if (key) apiKeys.push(key)
    // Name the position, never the value: a malformed entry may still be most of a real secret.
    else problems.push(`DROPGATE_API_KEYS entry ${i + 1} is neither a key nor sha256:<64 hex characters>`)
  }
  if (apiKeys.length === 0 && problems.every((p) => !p.startsWith('DROPGATE_API_KEYS')))
    warnings.push('DROPGATE_API_KEYS is empty: every authenticated route answers 401')

  const storage = readStorage(read, problems, warnings)

  let publicBaseUrl = read('DROPGATE_PUBLIC_BASE_URL')
  if (publicBaseUrl !== undefined) {
    if (!isHttpUrl(publicBaseUrl)) problems.push(`DROPGATE_PUBLIC_BASE_URL must be an http(s) URL`)
    publicBaseUrl = publicBaseUrl.replace(/\/+$/, '')
  } else if (storage.kind === 's3') {
    problems.push('DROPGATE_PUBLIC_BASE_URL is required with DROPGATE_STORAGE=s3')
  }
  const basePath = parseBasePath(read('DROPGATE_BASE_PATH'))
  if (basePath === null)
    problems.push(
      'DROPGATE_BASE_PATH must be a path like /uploads (letters, digits, ., _, ~ and - between slashes)',
    )
  const urlHost = host.includes(':') ? `[${host}]` : host
  const givenLinkBase = read('DROPGATE_LINK_BASE_URL')
  if (givenLinkBase !== undefined && !isHttpUrl(givenLinkBase))
    problems.push('DROPGATE_LINK_BASE_URL must be an http(s) URL')
  // The server's root as clients reach it; the signer's own URLs add the base path to it.
  const serverRoot = (givenLinkBase ?? `http://${urlHost}:${port}`).replace(/\/+$/, '')
  if (basePath && givenLinkBase !== undefined && serverRoot.endsWith(basePath))
    warnings.push(
      `DROPGATE_LINK_BASE_URL ends with DROPGATE_BASE_PATH, which is added to it: links read ${serverRoot}${basePath}/l/...`,
    )
  const linkBaseUrl = `${serverRoot}${basePath ?? ''}`
  publicBaseUrl ??= `${linkBaseUrl}/files`
  const linkSecret =
    storage.kind === 's3'
      ? createHmac('sha256', storage.s3.secretAccessKey).update('dropgate verified links v1').digest()
      : randomBytes(32)

  const caps: Caps = {
    image: integer('DROPGATE_MAX_IMAGE_BYTES', 10 * MiB, 1, Number.MAX_SAFE_INTEGER),
    video: integer('DROPGATE_MAX_VIDEO_BYTES', 100 * MiB, 1, Number.MAX_SAFE_INTEGER),
    audio: integer('DROPGATE_MAX_AUDIO_BYTES', 100 * MiB, 1, Number.MAX_SAFE_INTEGER),
  }
  const uploadUrlTtl = integer('DROPGATE_UPLOAD_URL_TTL', 600, 1, MAX_PRESIGN_SECONDS)
  const fileTtl = integer('DROPGATE_FILE_TTL', 604_800, 1, Number.MAX_SAFE_INTEGER)
  const timeouts: Timeouts = {
    bodyIdleMs: integer('DROPGATE_BODY_IDLE_TIMEOUT', 30, 1, 3600) * 1000,
    headersMs: integer('DROPGATE_HEADERS_TIMEOUT', 20, 1, 600) * 1000,
    shutdownGraceMs: integer('DROPGATE_SHUTDOWN_GRACE', 20, 0, 3600) * 1000,
  }
  // S3's part limits: 5 MiB to 5 GiB.
  const partSizeMiB = integer('DROPGATE_PART_SIZE_MB', MULTIPART.basePartSize / MiB, 5, 5120)
  const multipart = Object.freeze({ ...MULTIPART, basePartSize: partSizeMiB * MiB })

  const media = readMediaRules(read, problems)

  const allowedOrigins: string[] = []
  const originsRaw = read('DROPGATE_ALLOWED_ORIGINS')
  for (const origin of originsRaw?.split(',') ?? DEV_ORIGINS) {
    const trimmed = origin.trim()
    if (trimmed === '') continue
    if (isOrigin(trimmed)) allowedOrigins.push(trimmed)
    else
      problems.push(`DROPGATE_ALLOWED_ORIGINS entry "${trimmed}" is not an origin like https://example.com`)
  }

  const publishableKeys: PublishableKey[] = []
  for (const [i, entry] of (read('DROPGATE_PUBLISHABLE_KEYS') ?? '').split(',').entries()) {
    if (entry.trim() === '') continue
    const parsed = parsePublishableKey(entry)
    if (typeof parsed === 'string') problems.push(`DROPGATE_PUBLISHABLE_KEYS entry ${i + 1}: ${parsed}`)
    else publishableKeys.push(parsed)
  }
  for (const key of publishableKeys)
    for (const origin of key.origins) if (!allowedOrigins.includes(origin)) allowedOrigins.push(origin)

  let tokenSecret: Buffer
  const secretRaw = read('DROPGATE_TOKEN_SECRET')
  if (secretRaw !== undefined) {
    if (secretRaw.length < 32) problems.push('DROPGATE_TOKEN_SECRET must be at least 32 characters')
    tokenSecret = Buffer.from(secretRaw, 'utf8')
  } else {
    tokenSecret = randomBytes(32)
    // Publishable keys start large-file uploads too: their tickets die with the secret as well.
    if (apiKeys.length > 0 || publishableKeys.length > 0) warnings.push(EPHEMERAL_SECRET_WARNING)
  }

  const rateRaw = read('DROPGATE_PUBLISHABLE_RATE_LIMIT') ?? '60/60'
  const publishableRateLimit = parseRateLimit(rateRaw) ?? { limit: 60, windowSeconds: 60 }
  if (!parseRateLimit(rateRaw))
    problems.push(
      `DROPGATE_PUBLISHABLE_RATE_LIMIT must look like <requests>/<seconds>, e.g. 60/60 (got "${rateRaw}")`,
    )

  const redisUrl = read('DROPGATE_REDIS_URL') ?? null
  // Never echo the value: it may hold a password.
  if (redisUrl !== null && !isRedisUrl(redisUrl))
    problems.push(
      'DROPGATE_REDIS_URL must be a redis:// or rediss:// URL such as redis://:password@127.0.0.1:6379/0 (the value is not shown: it may hold a password)',
    )

  const trustRaw = (read('DROPGATE_TRUST_PROXY') ?? 'false').toLowerCase()
  if (!['true', 'false', '1', '0'].includes(trustRaw))
    problems.push('DROPGATE_TRUST_PROXY must be true or false')
  const trustProxy = trustRaw === 'true' || trustRaw === '1'
  const trustedProxyHops = integer('DROPGATE_TRUSTED_PROXY_HOPS', 1, 1, Number.MAX_SAFE_INTEGER)
  if (!trustProxy && read('DROPGATE_TRUSTED_PROXY_HOPS') !== undefined)
    warnings.push('DROPGATE_TRUSTED_PROXY_HOPS has no effect without DROPGATE_TRUST_PROXY=true')

  if (problems.length > 0) throw new ConfigError(problems)
  return Object.freeze({
    port,
    host,
    apiKeys: Object.freeze(apiKeys),
    storage: Object.freeze(storage),
    publicBaseUrl,
    basePath: basePath ?? '',
    linkBaseUrl,
    linkSecret,
    caps: Object.freeze(caps),
    uploadUrlTtl,
    fileTtl,
    timeouts: Object.freeze(timeouts),
    multipart,
    media,
    allowedOrigins: Object.freeze(allowedOrigins),
    publishableKeys: Object.freeze(publishableKeys.map((key) => Object.freeze(key))),
    tokenSecret,
    ephemeralTokenSecret: secretRaw === undefined,
    publishableRateLimit: Object.freeze(publishableRateLimit),
    redisUrl,
    trustProxy,
    trustedProxyHops,
    warnings: Object.freeze(warnings),
  })
}

function readStorage(
  read: (name: string) => string | undefined,
  problems: string[],
  warnings: string[],
): StorageSettings {
  const kind = read('DROPGATE_STORAGE') ?? 'local'
  if (kind === 'local') return { kind: 'local', dataDir: read('DROPGATE_DATA_DIR') ?? './.dropgate' }
  if (kind !== 's3') {
    problems.push(`DROPGATE_STORAGE must be "local" or "s3" (got "${kind}")`)
    return { kind: 'local', dataDir: './.dropgate' }
  }
  const names = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
  const missing = names.filter((name) => read(name) === undefined)
  if (missing.length > 0) {
    warnings.push(`DROPGATE_STORAGE=s3 without ${missing.join(', ')}: storage routes answer 500`)
    return { kind: 'unconfigured', missing }
  }
  const endpoint = (read('S3_ENDPOINT') as string).replace(/\/+$/, '')
  if (!isHttpUrl(endpoint)) problems.push('S3_ENDPOINT must be an http(s) URL')
  return {
    kind: 's3',
    s3: {
      endpoint,
      bucket: read('S3_BUCKET') as string,
      region: read('S3_REGION') ?? 'auto',
      accessKeyId: read('S3_ACCESS_KEY_ID') as string,
      secretAccessKey: read('S3_SECRET_ACCESS_KEY') as string,
      ...(read('S3_QUARANTINE_BUCKET') !== undefined && {
        quarantineBucket: read('S3_QUARANTINE_BUCKET') as string,
      }),
    },
  }
}

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== ''
  } catch {
    return false
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
