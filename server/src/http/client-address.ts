import type { Context } from 'hono'
import { ioOf } from './runtime-io.js'

/**
 * The client's address, which the publishable-key rate limit counts by. Behind proxies you run
 * (`DROPGATE_TRUST_PROXY=true`), it comes from X-Forwarded-For, where each proxy appends the address
 * it was reached from. Everything left of what your proxies appended was written by the client and
 * may change on every request, so the address is the entry your outermost proxy appended: the
 * `hops`-th from the right (`DROPGATE_TRUSTED_PROXY_HOPS`, one proxy by default).
 */
export interface ProxyTrust {
  trustProxy: boolean
  trustedProxyHops: number
}

/**
 * The `hops`-th entry from the right of an X-Forwarded-For value (repeated headers arrive joined by
 * commas, in order, which is the same list), or null when there are fewer entries than that. Fewer
 * means the request did not pass all the proxies declared (or the setting is too high): then no
 * entry is known to be a proxy's, as the leftmost may be the client's own, so the caller falls back
 * to the socket's address, which no client can choose.
 */
export function forwardedClient(header: string | undefined, hops: number): string | null {
  if (header === undefined) return null
  // Empty entries ("a,,b", a blank header) are nobody's address and no proxy appends one: dropped,
  // they can neither become the address nor move a proxy's entry.
  const entries = header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  return entries[entries.length - hops] ?? null
}

export function clientAddress(c: Context, proxy: ProxyTrust): string {
  if (proxy.trustProxy) {
    const forwarded = forwardedClient(c.req.header('x-forwarded-for'), proxy.trustedProxyHops)
    if (forwarded !== null) return forwarded
  }
  return ioOf(c).remoteAddress(c)
}
