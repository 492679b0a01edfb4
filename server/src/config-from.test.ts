import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'
import { configFrom } from './config-from.js'
import { sha256 } from './core/api-keys.js'

/** Config without what is drawn at random each time (secrets nobody configured) and the warnings' words. */
const comparable = ({ linkSecret, tokenSecret, warnings, ...rest }: ReturnType<typeof loadConfig>) => rest

describe('configFrom', () => {
  it('has the defaults of loadConfig with an empty environment', () => {
    expect(comparable(configFrom())).toEqual(comparable(loadConfig({})))
    expect(Object.isFrozen(configFrom())).toBe(true)
    expect(configFrom().warnings).toEqual(['apiKeys is empty: every authenticated route answers 401'])
  })

  it('reads every option as its environment variable would be read', () => {
    const secret = 'x'.repeat(40)
    const fromObject = configFrom({
      port: 9000,
      host: '0.0.0.0',
      apiKeys: ['raw-key', `sha256:${sha256('other').toString('hex')}`],
      storage: {
        kind: 's3',
        endpoint: 'https://s3.example.com/',
        bucket: 'media',
        region: 'eu-west-1',
        accessKeyId: 'AKID',
        secretAccessKey: 'SECRET',
        quarantineBucket: 'media-quarantine',
      },
      basePath: '/uploads',
      linkBaseUrl: 'https://example.com',
      publicBaseUrl: 'https://cdn.example.com',
      maxImageBytes: 1000,
      maxVideoBytes: 2000,
      maxAudioBytes: 3000,
      uploadUrlTtl: 60,
      fileTtl: 3600,
      partSizeMb: 8,
      allowedOrigins: ['https://app.example.com'],
      publishableKeys: [{ key: 'pk_live_demo', origins: ['https://shop.example.com'] }],
      publishableRateLimit: { limit: 10, windowSeconds: 30 },
      tokenSecret: secret,
      trustProxy: true,
      trustedProxyHops: 2,
      bodyIdleTimeout: 5,
      headersTimeout: 3,
      shutdownGrace: 0,
    })
    const fromEnv = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DROPGATE_API_KEYS: `raw-key,sha256:${sha256('other').toString('hex')}`,
      DROPGATE_STORAGE: 's3',
      S3_ENDPOINT: 'https://s3.example.com/',
      S3_BUCKET: 'media',
      S3_REGION: 'eu-west-1',
      S3_ACCESS_KEY_ID: 'AKID',
      S3_SECRET_ACCESS_KEY: 'SECRET',
      S3_QUARANTINE_BUCKET: 'media-quarantine',
      DROPGATE_BASE_PATH: '/uploads',
      DROPGATE_LINK_BASE_URL: 'https://example.com',
      DROPGATE_PUBLIC_BASE_URL: 'https://cdn.example.com',
      DROPGATE_MAX_IMAGE_BYTES: '1000',
      DROPGATE_MAX_VIDEO_BYTES: '2000',
      DROPGATE_MAX_AUDIO_BYTES: '3000',
      DROPGATE_UPLOAD_URL_TTL: '60',
      DROPGATE_FILE_TTL: '3600',
      DROPGATE_PART_SIZE_MB: '8',
      DROPGATE_ALLOWED_ORIGINS: 'https://app.example.com',
      DROPGATE_PUBLISHABLE_KEYS: 'pk_live_demo|https://shop.example.com',
      DROPGATE_PUBLISHABLE_RATE_LIMIT: '10/30',
      DROPGATE_TOKEN_SECRET: secret,
      DROPGATE_TRUST_PROXY: 'true',
      DROPGATE_TRUSTED_PROXY_HOPS: '2',
      DROPGATE_BODY_IDLE_TIMEOUT: '5',
      DROPGATE_HEADERS_TIMEOUT: '3',
      DROPGATE_SHUTDOWN_GRACE: '0',
    })
    expect(fromObject).toEqual(fromEnv)
    expect(fromObject.linkBaseUrl).toBe('https://example.com/uploads')
    expect(fromObject.allowedOrigins).toEqual(['https://app.example.com', 'https://shop.example.com'])
  })

  it('names every problem at once by its option, never by a variable the caller did not use', () => {
    let thrown: unknown
    try {
      configFrom({
        port: 1.5,
        apiKeys: ['sha256:short'],
        storage: { kind: 's3', endpoint: 'ftp://x', bucket: 'b', accessKeyId: 'a', secretAccessKey: 's' },
        basePath: 'uploads',
      })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).problems).toEqual([
      'port must be a whole number from 0 to 65535 (got "1.5")',
      'apiKeys entry 1 is neither a key nor sha256:<64 hex characters>',
      'storage.endpoint must be an http(s) URL',
      'publicBaseUrl is required with storage.kind=s3',
      'basePath must be a path like /uploads (letters, digits, ., _, ~ and - between slashes)',
    ])
  })

  it('fails fast on options it does not know and on list entries that would split', () => {
    expect(() => configFrom({ apiKey: 'k' } as never)).toThrow(
      new TypeError('configFrom: unknown option apiKey'),
    )
    expect(() => configFrom({ storage: { kind: 'local', dir: '/tmp' } as never })).toThrow(
      /unknown option storage\.dir/,
    )
    expect(() => configFrom({ apiKeys: ['a,b'] })).toThrow(/an entry of apiKeys contains a comma/)
    expect(() => configFrom({ apiKeys: 'k' as never })).toThrow(TypeError)
  })
})
