import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import { SCOPE_TERMINATOR } from './canonical-request.js'

/**
 * [SigV4 signing key] kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service),
 * "aws4_request"). Cached by key `date \0 region \0 service \0 secret`. Bounded: only the newest
 * signing date seen and the day before are kept (a key is valid for one UTC day; presigns made just
 * before midnight are still verified just after), and never more than MAX_CACHED_KEYS entries. Keys
 * for older dates (a verify of a days-old URL) are derived but not kept.
 */
const keyCache = new Map<string, KeyObject>()
const MAX_CACHED_KEYS = 64
let newestDate = '' // yyyymmdd
let oldestKeptDate = ''

/** Number of cached signing keys. Read-only; for tests and metrics. */
export function signingKeyCacheSize(): number {
  return keyCache.size
}

function previousDay(yyyymmdd: string): string {
  const t = Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)) - 86_400_000
  return new Date(t).toISOString().slice(0, 10).replace(/-/g, '')
}

export function signingKey(secret: string, date: string, region: string, service: string): KeyObject {
  const cacheKey = `${date}\0${region}\0${service}\0${secret}`
  const cached = keyCache.get(cacheKey)
  if (cached !== undefined) return cached

  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest()
  const kRegion = createHmac('sha256', kDate).update(region).digest()
  const kService = createHmac('sha256', kRegion).update(service).digest()
  // Kept as a KeyObject: createHmac then skips re-importing raw key bytes on every signature.
  const kSigning = createSecretKey(createHmac('sha256', kService).update(SCOPE_TERMINATOR).digest())

  if (date > newestDate) {
    newestDate = date
    oldestKeptDate = previousDay(date)
    for (const k of keyCache.keys()) if (k.slice(0, 8) < oldestKeptDate) keyCache.delete(k)
  }
  if (date >= oldestKeptDate) {
    if (keyCache.size >= MAX_CACHED_KEYS) {
      const first = keyCache.keys().next()
      if (!first.done) keyCache.delete(first.value) // oldest insertion
    }
    keyCache.set(cacheKey, kSigning)
  }
  return kSigning
}
