/**
 * A fixed-window counter per (credential, client address): `limit` requests per `windowSeconds`.
 * In memory, per instance: a browser credential's abuse is bounded on each instance, which is what
 * a per-key limit needs; a global limit belongs in the load balancer. Bounded: old windows are dropped.
 */
export interface RateLimit {
  limit: number
  windowSeconds: number
}

export function createRateLimiter(rule: RateLimit, now: () => number = Date.now, maxEntries = 100_000) {
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
