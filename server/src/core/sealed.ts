import { Buffer } from 'node:buffer'
import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * `<prefix><base64url JSON>.<HMAC-SHA256 of that text>`: claims a client carries and hands back,
 * which the server trusts only because it can recompute the MAC. Used by upload tokens and by
 * multipart upload tickets, each with its own prefix so one can never pass for the other.
 */
export function seal(secret: Buffer, prefix: string, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${prefix}${payload}.${mac(secret, prefix, payload)}`
}

export type Opened<T> = { ok: true; claims: T } | { ok: false; reason: 'malformed' | 'bad-signature' }

export function unseal<T>(secret: Buffer, prefix: string, value: string): Opened<T> {
  if (!value.startsWith(prefix)) return { ok: false, reason: 'malformed' }
  const [payload, signature, extra] = value.slice(prefix.length).split('.')
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' }
  const expected = Buffer.from(mac(secret, prefix, payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad-signature' }
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown
    if (typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' }
    return { ok: true, claims: claims as T }
  } catch {
    return { ok: false, reason: 'malformed' }
  }
}

function mac(secret: Buffer, prefix: string, payload: string): string {
  return createHmac('sha256', secret).update(`${prefix}${payload}`).digest('base64url')
}
