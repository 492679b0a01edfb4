import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { makeApp } from '../../test/harness.js'
import { recordingLogger } from '../../test/recording-logger.js'
import { startRedis, type TestRedis } from '../../test/redis-server.js'
import { loadConfig } from '../config.js'
import { createRateLimiter } from '../core/rate-limit.js'
import { silentLogger } from '../log.js'
import { createNodeApp } from './node-app.js'
import { createRedisRateLimiter, type RedisRateLimiter } from './redis-rate-limiter.js'

/** Against a real redis-server of its own (test/redis-server.ts), stopped, stalled and restarted. */
let redis: TestRedis
let admin: Redis
const open: RedisRateLimiter[] = []
let prefix = 0

beforeAll(async () => {
  redis = await startRedis()
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 })
  // The test's own connection sees the outages the tests make: nothing to report.
  admin.on('error', () => {})
})
afterEach(async () => {
  await Promise.all(open.splice(0).map((limiter) => limiter.close()))
  if (!redis.pid) await redis.start()
})
afterAll(async () => {
  admin.disconnect()
  await redis.close()
})

function limiter(
  rule = { limit: 3, windowSeconds: 60 },
  extra: { timeoutMs?: number; probeMs?: number } = {},
) {
  const log = recordingLogger()
  // A prefix per limiter: a test's counts never meet another's.
  const made = createRedisRateLimiter({
    url: redis.url,
    rule,
    logger: log.logger,
    keyPrefix: `t${prefix++}`,
    ...extra,
  })
  open.push(made)
  return { limiter: made, log }
}

const verdict = (wait: number) => (wait > 0 ? 'wait' : 'ok')

async function ready(made: RedisRateLimiter) {
  expect(await made.connected).toBe(true)
}

describe('the Redis limiter counts as the in-memory one does', () => {
  it('gives the same answers to the same sequence, window expiry included', async () => {
    const rule = { limit: 3, windowSeconds: 2 }
    // The in-memory limiter reads Redis's own clock (TIME) just before each count: both see the same
    // seconds pass, however slowly a loaded machine runs the sequence.
    let clock = 0
    const memory = createRateLimiter(rule, () => clock)
    const { limiter: shared } = limiter(rule)
    await ready(shared)
    await admin.config('SET', 'notify-keyspace-events', 'Ex')
    const events = new Redis(redis.url)
    events.on('error', () => {})
    const expired: string[] = []
    let onExpired = () => {}
    await events.subscribe('__keyevent@0__:expired')
    events.on('message', (_channel, key: string) => {
      expired.push(key)
      onExpired()
    })
    const sequence = ['a', 'a', 'b', 'a', 'a', 'b', 'b', 'b', 'a', 'c']
    const both = async (ids: string[]) => {
      const fromMemory: number[] = []
      const fromRedis: number[] = []
      for (const id of ids) {
        const [seconds, micros] = await admin.time()
        clock = Number(seconds) * 1000 + Number(micros) / 1000
        fromMemory.push(memory.hit(id) as number)
        fromRedis.push(await shared.hit(id))
      }
      return { fromMemory, fromRedis }
    }
    const first = await both(sequence)
    expect(first.fromRedis).toEqual(first.fromMemory)
    // 3 of a, 3 of b admitted; the rest wait out what is left of the 2 s window.
    expect(first.fromMemory.map(verdict).join(' ')).toBe('ok ok ok ok wait ok ok wait wait ok')
    // Redis ends the window when it expires the key (an event, no sleep).
    const aExpired = new Promise<void>((resolve) => {
      onExpired = () => expired.some((key) => key.endsWith(':a')) && resolve()
      onExpired()
    })
    await aExpired
    const second = await both(['a', 'a', 'a', 'a'])
    expect(second.fromRedis).toEqual(second.fromMemory)
    expect(second.fromMemory.map(verdict).join(' ')).toBe('ok ok ok wait')
    events.disconnect()
  })

  it('holds one limit for two limiters on the same Redis (two instances)', async () => {
    const rule = { limit: 4, windowSeconds: 60 }
    const one = createRedisRateLimiter({
      url: redis.url,
      rule,
      logger: recordingLogger().logger,
      keyPrefix: 'two',
    })
    const other = createRedisRateLimiter({
      url: redis.url,
      rule,
      logger: recordingLogger().logger,
      keyPrefix: 'two',
    })
    open.push(one, other)
    await Promise.all([ready(one), ready(other)])
    const answers: number[] = []
    for (let i = 0; i < 6; i++) answers.push(await (i % 2 === 0 ? one : other).hit('pk|1.2.3.4'))
    expect(answers).toEqual([0, 0, 0, 0, 60, 60])
  })
})

describe('when Redis fails, the limiter fails open to the per-instance limit', () => {
  it('counts in memory while Redis is stopped, logs the outage once, and shares again once it is back', async () => {
    const { limiter: shared, log } = limiter({ limit: 2, windowSeconds: 60 }, { probeMs: 50 })
    await ready(shared)
    expect(await shared.hit('k')).toBe(0)
    await redis.stop()
    const answers: number[] = []
    for (let i = 0; i < 4; i++) answers.push(await shared.hit('k'))
    // Memory starts its own count: 2 admitted, then the window's 60 s.
    expect(answers).toEqual([0, 0, 60, 60])
    expect(shared.shared).toBe(false)
    expect(log.count('rate_limit_redis_down')).toBe(1)
    expect(log.lines.find((line) => line.event === 'rate_limit_redis_down')?.level).toBe('warn')
    await redis.start()
    await log.logged('rate_limit_redis_back')
    expect(shared.shared).toBe(true)
    // Back on Redis, whose restarted (empty) store counts afresh.
    expect([await shared.hit('k'), await shared.hit('k'), await shared.hit('k')]).toEqual([0, 0, 60])
    expect(log.count('rate_limit_redis_down')).toBe(1)
  })

  it('starts while Redis is down, and finds it when it comes up', async () => {
    await redis.stop()
    const { limiter: shared, log } = limiter({ limit: 1, windowSeconds: 60 }, { probeMs: 50 })
    expect(await shared.connected).toBe(false)
    expect(log.count('rate_limit_redis_down')).toBe(1)
    expect(await shared.hit('k')).toBe(0)
    expect(await shared.hit('k')).toBe(60)
    await redis.start()
    await log.logged('rate_limit_redis_back')
    expect(await shared.hit('k')).toBe(0)
    expect(log.count('rate_limit_redis_down')).toBe(1)
  })

  it('never waits longer than its timeout on a Redis that stalls, nor at all once it knows', async () => {
    const { limiter: shared, log } = limiter({ limit: 5, windowSeconds: 60 }, { timeoutMs: 200, probeMs: 50 })
    await ready(shared)
    redis.pause()
    try {
      const started = performance.now()
      expect(await shared.hit('k')).toBe(0)
      const firstMs = performance.now() - started
      expect(firstMs).toBeGreaterThanOrEqual(150)
      expect(firstMs).toBeLessThan(1000)
      const next = performance.now()
      for (let i = 0; i < 20; i++) await shared.hit(`k${i}`)
      expect(performance.now() - next).toBeLessThan(100)
      expect(log.count('rate_limit_redis_down')).toBe(1)
    } finally {
      redis.resume()
    }
    await log.logged('rate_limit_redis_back')
    expect(shared.shared).toBe(true)
  })

  it('never logs the password of the URL', async () => {
    await redis.stop()
    const log = recordingLogger()
    const made = createRedisRateLimiter({
      url: `redis://user:s3cret-pw@127.0.0.1:${redis.port}`,
      rule: { limit: 1, windowSeconds: 60 },
      logger: log.logger,
    })
    open.push(made)
    await made.hit('k')
    await log.logged('rate_limit_redis_down')
    const text = JSON.stringify(log.lines)
    expect(text).not.toContain('s3cret-pw')
    expect(text).toContain(`redis://user:***@127.0.0.1:${redis.port}`)
  })
})

describe('close', () => {
  const ours = async () =>
    String(await admin.call('CLIENT', 'LIST'))
      .split('\n')
      .filter((line: string) => line.includes('name=dropgate')).length

  it('closes its connection to Redis', async () => {
    const { limiter: made } = limiter()
    await ready(made)
    expect(await ours()).toBe(1)
    await made.close()
    expect(await ours()).toBe(0)
  })

  it('returns at once while Redis is down', async () => {
    const { limiter: shared } = limiter({ limit: 1, windowSeconds: 60 }, { probeMs: 50 })
    await ready(shared)
    await redis.stop()
    await shared.hit('k')
    const started = performance.now()
    await shared.close()
    expect(performance.now() - started).toBeLessThan(200)
  })
})

describe('wired into the Node app', () => {
  it('answers 429 with Retry-After once the key is over its limit in Redis', async () => {
    const { limiter: rateLimiter } = limiter({ limit: 2, windowSeconds: 60 })
    await ready(rateLimiter)
    const origin = 'https://shop.example.com'
    const t = await makeApp({ DROPGATE_PUBLISHABLE_KEYS: `dg_pk_wired|${origin}` })
    try {
      const app = createNodeApp({ config: t.config, storage: t.storage, logger: silentLogger, rateLimiter })
      const post = () =>
        app.request('/api/v1/files', {
          method: 'POST',
          headers: { authorization: 'Bearer dg_pk_wired', origin, 'content-type': 'application/json' },
          body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', fileSize: 100 }),
        })
      expect([(await post()).status, (await post()).status]).toEqual([200, 200])
      const limited = await post()
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toBe('60')
      expect(await limited.json()).toMatchObject({ code: 429, msg: 'Too many requests, retry in 60 s' })
    } finally {
      await t.close()
    }
  })

  it('refuses DROPGATE_REDIS_URL without a limiter rather than count per instance silently', () => {
    const config = loadConfig({ DROPGATE_REDIS_URL: redis.url })
    expect(() => createNodeApp({ config, storage: null, logger: silentLogger })).toThrow(
      /DROPGATE_REDIS_URL is set: pass rateLimiter/,
    )
  })
})
