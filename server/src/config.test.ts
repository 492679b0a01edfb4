import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'
import { sha256 } from './core/api-keys.js'

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ DROPGATE_API_KEYS: 'k' })
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      storage: { kind: 'local', dataDir: './.dropgate' },
      publicBaseUrl: 'http://127.0.0.1:8787/files',
      caps: { image: 10 * 1024 * 1024, video: 100 * 1024 * 1024, audio: 100 * 1024 * 1024 },
      uploadUrlTtl: 600,
      fileTtl: 604_800,
      multipart: { threshold: 100 * 1024 * 1024, basePartSize: 32 * 1024 * 1024, maxParts: 10_000 },
      allowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      trustProxy: false,
      trustedProxyHops: 1,
    })
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.caps)).toBe(true)
  })

  it('reads the client and shutdown deadlines, in seconds, and refuses what is out of range', () => {
    expect(loadConfig({}).timeouts).toEqual({
      bodyIdleMs: 30_000,
      headersMs: 20_000,
      shutdownGraceMs: 20_000,
    })
    expect(
      loadConfig({
        DROPGATE_BODY_IDLE_TIMEOUT: '5',
        DROPGATE_HEADERS_TIMEOUT: '2',
        DROPGATE_SHUTDOWN_GRACE: '0',
      }).timeouts,
    ).toEqual({ bodyIdleMs: 5000, headersMs: 2000, shutdownGraceMs: 0 })
    expect(() => loadConfig({ DROPGATE_BODY_IDLE_TIMEOUT: '0', DROPGATE_HEADERS_TIMEOUT: '1.5' })).toThrow(
      /DROPGATE_BODY_IDLE_TIMEOUT must be a whole number from 1 to 3600[\s\S]*DROPGATE_HEADERS_TIMEOUT/,
    )
  })

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DROPGATE_API_KEYS: ` a , sha256:${sha256('b').toString('hex')} `,
      DROPGATE_STORAGE: 's3',
      DROPGATE_PUBLIC_BASE_URL: 'https://files.example.com/',
      S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com/',
      S3_BUCKET: 'media',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      DROPGATE_MAX_IMAGE_BYTES: '1',
      DROPGATE_MAX_VIDEO_BYTES: '2',
      DROPGATE_MAX_AUDIO_BYTES: '3',
      DROPGATE_UPLOAD_URL_TTL: '60',
      DROPGATE_FILE_TTL: '3600',
      DROPGATE_PART_SIZE_MB: '8',
      DROPGATE_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000',
      DROPGATE_TRUST_PROXY: 'true',
      DROPGATE_TRUSTED_PROXY_HOPS: '2',
    })
    expect(config.port).toBe(9000)
    expect(config.apiKeys).toHaveLength(2)
    expect(config.storage).toEqual({
      kind: 's3',
      s3: {
        endpoint: 'https://acct.r2.cloudflarestorage.com',
        bucket: 'media',
        region: 'auto',
        accessKeyId: 'id',
        secretAccessKey: 'secret',
      },
    })
    expect(config.publicBaseUrl).toBe('https://files.example.com')
    expect(config.caps).toEqual({ image: 1, video: 2, audio: 3 })
    expect(config.multipart.basePartSize).toBe(8 * 1024 * 1024)
    expect(config.allowedOrigins).toEqual(['https://app.example.com', 'http://localhost:3000'])
    expect([config.trustProxy, config.trustedProxyHops]).toEqual([true, 2])
    expect(config.warnings.join()).not.toContain('DROPGATE_TRUSTED_PROXY_HOPS')
  })

  it('names every problem at once, and no key value', () => {
    let error: unknown
    try {
      loadConfig({
        PORT: 'eighty',
        DROPGATE_API_KEYS: 'fine,sha256:short-secret-bits',
        DROPGATE_STORAGE: 'ftp',
        DROPGATE_MAX_IMAGE_BYTES: '0',
        DROPGATE_UPLOAD_URL_TTL: '999999',
        DROPGATE_FILE_TTL: '-5',
        DROPGATE_PART_SIZE_MB: '4',
        DROPGATE_ALLOWED_ORIGINS: 'https://ok.example,https://bad.example/path',
        DROPGATE_PUBLIC_BASE_URL: 'not a url',
        DROPGATE_TRUST_PROXY: 'yes',
        DROPGATE_TRUSTED_PROXY_HOPS: '0',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems
    expect(problems).toHaveLength(11)
    for (const name of [
      'PORT',
      'DROPGATE_API_KEYS entry 2',
      'DROPGATE_STORAGE',
      'DROPGATE_MAX_IMAGE_BYTES',
      'DROPGATE_UPLOAD_URL_TTL',
      'DROPGATE_FILE_TTL',
      'DROPGATE_PART_SIZE_MB',
      'https://bad.example/path',
      'DROPGATE_PUBLIC_BASE_URL',
      'DROPGATE_TRUST_PROXY must be true or false',
      'DROPGATE_TRUSTED_PROXY_HOPS must be a whole number from 1',
    ])
      expect(problems.join('\n')).toContain(name)
    expect((error as Error).message).not.toContain('short-secret-bits')
  })

  it('starts s3 without its variables, with a warning', () => {
    const config = loadConfig({ DROPGATE_STORAGE: 's3', DROPGATE_PUBLIC_BASE_URL: 'https://cdn.example.com' })
    expect(config.storage).toEqual({
      kind: 'unconfigured',
      missing: ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
    })
    expect(config.warnings.some((w) => w.includes('answer 500'))).toBe(true)
  })

  it('requires a public base URL for s3', () => {
    expect(() =>
      loadConfig({
        DROPGATE_STORAGE: 's3',
        S3_ENDPOINT: 'http://x',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY_ID: 'i',
        S3_SECRET_ACCESS_KEY: 's',
      }),
    ).toThrow(/DROPGATE_PUBLIC_BASE_URL is required/)
  })

  it('reads DROPGATE_REDIS_URL, and refuses a malformed one without echoing it (it may hold a password)', () => {
    expect(loadConfig({}).redisUrl).toBeNull()
    expect(loadConfig({ DROPGATE_REDIS_URL: 'rediss://:pw@redis.internal:6380/2' }).redisUrl).toBe(
      'rediss://:pw@redis.internal:6380/2',
    )
    for (const bad of [
      'http://:hunter2@redis:6379',
      'redis//:hunter2@redis',
      'redis://:hunter2@',
      '10.0.0.9:6379',
    ]) {
      let problem = ''
      try {
        loadConfig({ DROPGATE_REDIS_URL: bad })
      } catch (error) {
        problem = (error as ConfigError).message
      }
      expect(problem).toContain('DROPGATE_REDIS_URL must be a redis:// or rediss:// URL')
      expect(problem).not.toContain('hunter2')
      expect(problem).not.toContain(bad)
    }
  })

  it('warns when no key is configured', () => {
    expect(loadConfig({}).warnings.join()).toMatch(/DROPGATE_API_KEYS is empty/)
  })

  it('counts proxy hops only as a whole number from 1, and only when the proxy is trusted', () => {
    for (const hops of ['0', '-1', '1.5', 'two'])
      expect(() => loadConfig({ DROPGATE_TRUST_PROXY: 'true', DROPGATE_TRUSTED_PROXY_HOPS: hops })).toThrow(
        `DROPGATE_TRUSTED_PROXY_HOPS must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER} (got "${hops}")`,
      )
    expect(loadConfig({ DROPGATE_TRUSTED_PROXY_HOPS: '2' }).warnings).toContain(
      'DROPGATE_TRUSTED_PROXY_HOPS has no effect without DROPGATE_TRUST_PROXY=true',
    )
  })

  it('warns that tokens and large-file tickets die with a random token secret, and how to keep them', () => {
    const random = loadConfig({ DROPGATE_API_KEYS: 'k' })
    expect(random.ephemeralTokenSecret).toBe(true)
    const warning = random.warnings.find((w) => w.startsWith('DROPGATE_TOKEN_SECRET'))
    expect(warning).toBe(
      'DROPGATE_TOKEN_SECRET is not set: a random secret is used, so upload tokens and large-file upload ' +
        'tickets are valid on this instance only and die when it restarts (an unfinished large-file upload ' +
        'can then only be aborted and must start again); set DROPGATE_TOKEN_SECRET (at least 32 characters) ' +
        'to the same value on every instance',
    )
    // Publishable keys start large-file uploads too.
    const publishableOnly = loadConfig({ DROPGATE_PUBLISHABLE_KEYS: 'dg_pk_shop|https://a.example' })
    expect(publishableOnly.warnings).toContain(warning)
    const shared = loadConfig({ DROPGATE_API_KEYS: 'k', DROPGATE_TOKEN_SECRET: 's'.repeat(32) })
    expect(shared.ephemeralTokenSecret).toBe(false)
    expect(shared.warnings.join()).not.toContain('DROPGATE_TOKEN_SECRET')
  })
})
