/** `limit` requests per `windowSeconds` (DROPGATE_PUBLISHABLE_RATE_LIMIT). */
export interface RateLimit {
  limit: number
  windowSeconds: number
}

/**
 * Counts the requests of one (credential, client address) against DROPGATE_PUBLISHABLE_RATE_LIMIT.
 * The in-memory one (below) holds per instance; a runtime entry may pass one shared by every
 * instance (AppDeps.rateLimiter). A synchronous answer spares the in-memory limiter a promise per
 * request; a shared one answers asynchronously.
 */
export interface RateLimiter {
  /** Counts one request of `id`; the seconds to wait when it is over the limit, else 0. */
  hit(id: string): number | Promise<number>
}

/**
 * A fixed-window counter per id, in memory, per instance: N instances hold N times the limit unless
 * a shared limiter is passed. Bounded: old windows are dropped.
 */
export function createRateLimiter(
  rule: RateLimit,
  now: () => number = Date.now,
  maxEntries = 100_000,
): RateLimiter & { hit(id: string): number } {
  const windows = new Map<string, { start: number; count: number }>()
  const windowMs = rule.windowSeconds * 1000
  return {
    /** Counts one request; returns the seconds to wait when over the limit, else 0. */
    hit(id: string): number {
      const t = now()
      let entry = windows.get(id)
      if (!entry || t - entry.start >= windowMs) {
        if (windows.size >= maxEntries)
          for (const [key, value] of windows) if (t - value.start >= windowMs) windows.delete(key)
        if (windows.size >= maxEntries) windows.delete(windows.keys().next().value as string)
        entry = { start: t, count: 0 }
        windows.set(id, entry)
      }
      entry.count += 1
      return entry.count > rule.limit ? Math.max(1, Math.ceil((entry.start + windowMs - t) / 1000)) : 0
    },
  }
}

/** Parses `<requests>/<seconds>`, e.g. `60/60`; null when malformed. */
export function parseRateLimit(value: string): RateLimit | null {
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value.trim())
  if (!match) return null
  const limit = Number(match[1])
  const windowSeconds = Number(match[2])
  return limit >= 1 && windowSeconds >= 1 ? { limit, windowSeconds } : null
}
