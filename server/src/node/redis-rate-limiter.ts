import type { Redis } from 'ioredis'
import type { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { createRateLimiter, type RateLimit, type RateLimiter } from '../core/rate-limit.js'
import type { Logger } from '../log.js'
import { redactedUrl, scrubbed } from './redis-url.js'

export interface RedisRateLimiterOptions {
  /** DROPGATE_REDIS_URL. */
  url: string
  /** DROPGATE_PUBLISHABLE_RATE_LIMIT: the same rule as the in-memory limiter's. */
  rule: RateLimit
  logger: Logger
  /** A count Redis has not answered within this is answered by the per-instance fallback. */
  timeoutMs?: number
  /** While Redis is out, how often one PING asks whether it is back. */
  probeMs?: number
  /** Keys are `<prefix><credential>|<client address>`. */
  keyPrefix?: string
}

export interface RedisRateLimiter extends RateLimiter {
  hit(id: string): Promise<number>
  /** Whether counts are shared now (false during an outage: each instance counts on its own). */
  readonly shared: boolean
  /**
   * Settles once the first connection is made (true) or has failed (false, the outage logged):
   * the Node entry waits for it so that its first requests are counted in Redis already.
   */
  readonly connected: Promise<boolean>
  /** Ends the connection and its reconnection attempts (the Node entry's stop). */
  close(): Promise<void>
}

/** Redis on the same network answers in about a millisecond; a count is never worth more delay. */
const DEFAULT_TIMEOUT_MS = 250
const DEFAULT_PROBE_MS = 1000
const QUIT_MS = 1000

/**
 * DROPGATE_PUBLISHABLE_RATE_LIMIT counted in Redis, by every instance together. rate-limiter-flexible's
 * RateLimiterRedis is the same fixed window as core/rate-limit.ts's: it opens on a credential's first
 * request (one atomic script: SET NX EX, INCRBY, PTTL), and a request over the limit waits out what is
 * left of it, in whole seconds, at least 1.
 *
 * When Redis is unreachable, stalls past `timeoutMs` or errs, it fails OPEN to the per-instance limit:
 * the request is counted by this instance's in-memory limiter, exactly as without DROPGATE_REDIS_URL
 * (so N instances admit at most N × the limit per window). A publishable key then never loses its
 * uploads to a counter's outage, and abuse stays bounded. The outage is logged once
 * (`rate_limit_redis_down`), its end once (`rate_limit_redis_back`); while it lasts requests do not
 * wait on Redis at all: one PING every `probeMs` finds it back.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RedisRateLimiter {
  const { url, rule, logger } = options
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const probeMs = options.probeMs ?? DEFAULT_PROBE_MS
  const where = redactedUrl(url)
  const fallback = createRateLimiter(rule)
  // 'connecting' until the first connection is made or fails: counted in memory, no outage yet.
  let state: 'connecting' | 'shared' | 'down' = 'connecting'
  let closed = false
  let probe: ReturnType<typeof setInterval> | null = null
  let settle: (connected: boolean) => void = () => {}
  const connected = new Promise<boolean>((resolve) => {
    settle = resolve
  })

  const back = () => {
    if (state === 'shared' || closed) return
    if (state === 'down') logger.info('rate_limit_redis_back', { redis: where })
    state = 'shared'
    settle(true)
    if (probe) clearInterval(probe)
    probe = null
  }
  const down = (error: unknown) => {
    if (state === 'down' || closed) return
    state = 'down'
    settle(false)
    const reason = scrubbed(error instanceof Error ? error.message : String(error), url)
    logger.warn('rate_limit_redis_down', { redis: where, reason, fallback: 'per-instance limit' })
    probe = setInterval(() => {
      if (client) within(client.ping(), timeoutMs).then(back, () => {})
    }, probeMs)
    probe.unref()
  }
  // Loaded when first used: importing ioredis takes long enough (~0.2 s idle, seconds on a loaded
  // machine) to slow every start of the command line, Redis or not. Until it is, counts stay in memory.
  let client: Redis | null = null
  let counter: RateLimiterRedis | null = null
  let OverLimit: typeof RateLimiterRes | null = null
  const loading = Promise.all([import('ioredis'), import('rate-limiter-flexible')]).then(
    ([{ Redis }, flexible]) => {
      if (closed) return
      OverLimit = flexible.RateLimiterRes
      client = new Redis(url, {
        // Fail a command at once while disconnected, rather than queue it behind a reconnection.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: timeoutMs,
        connectTimeout: Math.max(timeoutMs, 2000),
        // Keep trying, at most every 2 s: the limiter must find Redis back without a restart.
        retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
        // Named in Redis's CLIENT LIST.
        connectionName: 'dropgate',
      })
      counter = new flexible.RateLimiterRedis({
        storeClient: client,
        points: rule.limit,
        duration: rule.windowSeconds,
        keyPrefix: options.keyPrefix ?? 'dropgate:publishable',
        rejectIfRedisNotReady: true,
      })
      // ioredis reports every failed (re)connection here; an unheard 'error' would be thrown.
      client.on('error', down)
      client.once('ready', back)
    },
    down,
  )

  return {
    get shared() {
      return state === 'shared'
    },
    connected,
    async hit(id) {
      if (state !== 'shared' || !counter) return fallback.hit(id)
      try {
        await within(counter.consume(id), timeoutMs)
        return 0
      } catch (answer) {
        if (OverLimit && answer instanceof OverLimit)
          return Math.max(1, Math.ceil(answer.msBeforeNext / 1000))
        down(answer)
        return fallback.hit(id)
      }
    },
    async close() {
      closed = true
      settle(false)
      if (probe) clearInterval(probe)
      await loading
      if (!client) return
      if (client.status === 'ready') await within(client.quit(), QUIT_MS).catch(() => {})
      client.disconnect()
    },
  }
}

/** `promise`, or a rejection once `ms` have passed without an answer. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}
