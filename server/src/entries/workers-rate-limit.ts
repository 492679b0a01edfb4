import { createRateLimiter, type RateLimit, type RateLimiter } from '../core/rate-limit.js'
import type { Logger } from '../log.js'

/**
 * DROPGATE_PUBLISHABLE_RATE_LIMIT shared by every Worker instance: one Durable Object per counted id
 * (credential + client address), which Cloudflare runs once worldwide, so its count is the count.
 * Cloudflare's Rate Limiting binding is not used: it takes periods of 10 or 60 s only and counts per
 * location, approximately, so it cannot mean what DROPGATE_PUBLISHABLE_RATE_LIMIT means elsewhere.
 */

/** The parts of Cloudflare's Durable Object types this file uses (no @cloudflare/workers-types). */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> }
}
interface DurableObjectStorageLike {
  get<T>(key: string): Promise<T | undefined>
  put(key: string, value: unknown): Promise<void>
  deleteAll(): Promise<void>
  setAlarm(scheduledTime: number): Promise<void>
}
interface DurableObjectStateLike {
  storage: DurableObjectStorageLike
}

interface Window {
  start: number
  count: number
}

/**
 * The Durable Object (class name `PublishableRateLimit`, binding `RATE_LIMITER`, wrangler.toml): one
 * fixed window, with the same arithmetic as core/rate-limit.ts `createRateLimiter`: a window starts at
 * the first request after the last one ended, and past `limit` the answer is the seconds left in it
 * (at least 1). The window is kept in the object's storage, not its memory, so that an object
 * evicted mid-window does not start counting again; an alarm at its end deletes it.
 */
export class PublishableRateLimit {
  constructor(private readonly state: DurableObjectStateLike) {}

  async fetch(request: Request): Promise<Response> {
    const rule = (await request.json()) as RateLimit
    const windowMs = rule.windowSeconds * 1000
    const now = Date.now()
    // Storage calls hold the object's input gate: no other request runs between this read and write.
    let window = await this.state.storage.get<Window>('window')
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 }
      await this.state.storage.setAlarm(now + windowMs)
    }
    window.count += 1
    await this.state.storage.put('window', window)
    const retryAfter =
      window.count > rule.limit ? Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) : 0
    return Response.json({ retryAfter })
  }

  async alarm(): Promise<void> {
    await this.state.storage.deleteAll()
  }
}

/**
 * The app's RateLimiter over that object. When the object cannot be reached, that request is counted
 * by this instance in memory instead (logged `rate_limiter_unavailable`): an outage of the counter
 * neither refuses every browser upload nor lets them through unlimited.
 */
export function durableObjectRateLimiter(
  namespace: DurableObjectNamespaceLike,
  rule: RateLimit,
  logger: Logger,
): RateLimiter {
  const fallback = createRateLimiter(rule)
  const body = JSON.stringify(rule)
  return {
    async hit(id) {
      try {
        const stub = namespace.get(namespace.idFromName(id) as never)
        const answer = await stub.fetch('https://rate-limit/hit', { method: 'POST', body })
        if (!answer.ok) throw new Error(`status ${answer.status}`)
        const { retryAfter } = (await answer.json()) as { retryAfter: number }
        return retryAfter
      } catch (error) {
        logger.error('rate_limiter_unavailable', { error: String(error) })
        return fallback.hit(id)
      }
    },
  }
}
