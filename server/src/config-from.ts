import { type Config, ConfigError, loadConfig } from './config.js'

/**
 * `configFrom(options)`: the configuration of an app that embeds the signer, from a plain object
 * instead of the environment. Each option is one environment variable of `loadConfig` (README
 * "Configuration"), so the checks, the defaults and the frozen `Config` are the same; its problems
 * name the option rather than the variable. Nothing is read from `process.env`: spread what you
 * want of it into the options yourself.
 */

export type StorageOptions =
  | { kind: 'local'; dataDir?: string }
  | {
      kind: 's3'
      endpoint: string
      bucket: string
      region?: string
      accessKeyId: string
      secretAccessKey: string
      quarantineBucket?: string
    }

export interface ConfigOptions {
  /** Where `dropgate serve` would listen; also the default of `linkBaseUrl`. */
  port?: number
  host?: string
  /** Secret keys: the raw key or `sha256:<hex of the key>`. */
  apiKeys?: readonly string[]
  storage?: StorageOptions
  /** Where the routes live in your app, e.g. `/uploads`. */
  basePath?: string
  /** Where clients reach the server's root (`https://example.com`); `basePath` is added to it. */
  linkBaseUrl?: string
  publicBaseUrl?: string
  maxImageBytes?: number
  maxVideoBytes?: number
  maxAudioBytes?: number
  /** Seconds. */
  uploadUrlTtl?: number
  /** Seconds. */
  fileTtl?: number
  partSizeMb?: number
  allowedOrigins?: readonly string[]
  publishableKeys?: readonly { key: string; origins: readonly string[] }[]
  publishableRateLimit?: { limit: number; windowSeconds: number }
  tokenSecret?: string
  /** `redis://…`: publishable keys counted by every instance together (pass `rateLimiter` too, README "Many instances"). */
  redisUrl?: string
  trustProxy?: boolean
  trustedProxyHops?: number
  /** Seconds. */
  bodyIdleTimeout?: number
  /** Seconds. */
  headersTimeout?: number
  /** Seconds. */
  shutdownGrace?: number
  /** Pixels, each side. */
  imageMinSide?: number
  /** Pixels, each side. */
  imageMaxSide?: number
  /** The longer side at most this many times the shorter (4: 4:1 to 1:4). */
  imageMaxAspect?: number
  /** width × height at most; defaults to DEFAULT_MAX_PIXELS. */
  imageMaxPixels?: number
  /** Audio and video, seconds. */
  mediaMinSeconds?: number
  /** Audio and video, seconds. */
  mediaMaxSeconds?: number
}

type Value = string | number | boolean
/** Option (as problems name it) → its environment variable → its text there. */
type Mapping = [option: string, variable: string, text: (value: never) => string]

const plain = (value: Value) => String(value)
const list = (values: readonly string[]) => {
  if (!Array.isArray(values))
    throw new TypeError('configFrom: apiKeys and allowedOrigins are arrays of strings')
  return values.join(',')
}

const TOP_LEVEL: Record<Exclude<keyof ConfigOptions, 'storage'>, [string, (value: never) => string]> = {
  port: ['PORT', plain],
  host: ['HOST', plain],
  apiKeys: ['DROPGATE_API_KEYS', list],
  basePath: ['DROPGATE_BASE_PATH', plain],
  linkBaseUrl: ['DROPGATE_LINK_BASE_URL', plain],
  publicBaseUrl: ['DROPGATE_PUBLIC_BASE_URL', plain],
  maxImageBytes: ['DROPGATE_MAX_IMAGE_BYTES', plain],
  maxVideoBytes: ['DROPGATE_MAX_VIDEO_BYTES', plain],
  maxAudioBytes: ['DROPGATE_MAX_AUDIO_BYTES', plain],
  uploadUrlTtl: ['DROPGATE_UPLOAD_URL_TTL', plain],
  fileTtl: ['DROPGATE_FILE_TTL', plain],
  partSizeMb: ['DROPGATE_PART_SIZE_MB', plain],
  allowedOrigins: ['DROPGATE_ALLOWED_ORIGINS', list],
  publishableKeys: [
    'DROPGATE_PUBLISHABLE_KEYS',
    (keys: ConfigOptions['publishableKeys'] & {}) =>
      keys.map(({ key, origins }) => [key, ...origins].join('|')).join(','),
  ],
  publishableRateLimit: [
    'DROPGATE_PUBLISHABLE_RATE_LIMIT',
    ({ limit, windowSeconds }: { limit: number; windowSeconds: number }) => `${limit}/${windowSeconds}`,
  ],
  tokenSecret: ['DROPGATE_TOKEN_SECRET', plain],
  redisUrl: ['DROPGATE_REDIS_URL', plain],
  trustProxy: ['DROPGATE_TRUST_PROXY', plain],
  trustedProxyHops: ['DROPGATE_TRUSTED_PROXY_HOPS', plain],
  bodyIdleTimeout: ['DROPGATE_BODY_IDLE_TIMEOUT', plain],
  headersTimeout: ['DROPGATE_HEADERS_TIMEOUT', plain],
  shutdownGrace: ['DROPGATE_SHUTDOWN_GRACE', plain],
  imageMinSide: ['DROPGATE_IMAGE_MIN_SIDE', plain],
  imageMaxSide: ['DROPGATE_IMAGE_MAX_SIDE', plain],
  imageMaxAspect: ['DROPGATE_IMAGE_MAX_ASPECT', plain],
  imageMaxPixels: ['DROPGATE_IMAGE_MAX_PIXELS', plain],
  mediaMinSeconds: ['DROPGATE_MEDIA_MIN_SECONDS', plain],
  mediaMaxSeconds: ['DROPGATE_MEDIA_MAX_SECONDS', plain],
}

const STORAGE: Record<string, string> = {
  kind: 'DROPGATE_STORAGE',
  dataDir: 'DROPGATE_DATA_DIR',
  endpoint: 'S3_ENDPOINT',
  bucket: 'S3_BUCKET',
  region: 'S3_REGION',
  accessKeyId: 'S3_ACCESS_KEY_ID',
  secretAccessKey: 'S3_SECRET_ACCESS_KEY',
  quarantineBucket: 'S3_QUARANTINE_BUCKET',
}

const MAPPINGS: Mapping[] = [
  ...Object.entries(TOP_LEVEL).map(([option, [variable, text]]): Mapping => [option, variable, text]),
  ...Object.entries(STORAGE).map(([field, variable]): Mapping => [`storage.${field}`, variable, plain]),
]

export function configFrom(options: ConfigOptions = {}): Config {
  const env: Record<string, string> = {}
  const unknown: string[] = []
  const given: Record<string, unknown> = { ...options, storage: undefined }
  for (const [field, value] of Object.entries(options.storage ?? {})) given[`storage.${field}`] = value
  for (const [option, value] of Object.entries(given)) {
    if (value === undefined) continue
    const mapping = MAPPINGS.find(([name]) => name === option)
    if (!mapping) {
      unknown.push(option)
      continue
    }
    const listed = Array.isArray(value) ? (value as unknown[]) : []
    if (listed.some((entry) => typeof entry === 'string' && entry.includes(',')))
      throw new TypeError(`configFrom: an entry of ${option} contains a comma`)
    env[mapping[1]] = mapping[2](value as never)
  }
  if (unknown.length > 0) throw new TypeError(`configFrom: unknown option ${unknown.join(', ')}`)
  let config: Config
  try {
    config = loadConfig(env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    throw new ConfigError(error.problems.map(inOptionNames))
  }
  return Object.freeze({ ...config, warnings: Object.freeze(config.warnings.map(inOptionNames)) })
}

/** A problem as loadConfig words it, with each variable named by its option instead. */
function inOptionNames(problem: string): string {
  let text = problem
  for (const [option, variable] of MAPPINGS) text = text.replace(new RegExp(`\\b${variable}\\b`, 'g'), option)
  return text
}
