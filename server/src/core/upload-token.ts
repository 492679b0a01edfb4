import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Scope } from './scope.js'

/**
 * Upload tokens: `dg_tk_<payload>.<mac>`, payload = base64url JSON claims, mac = HMAC-SHA256 over
 * the payload text with the server's token secret. Stateless: any instance with the same secret
 * verifies them, and nothing is stored when one is minted.
 */

export interface TokenClaims extends Scope {
  /** Token id: random, and the seed of the token's file ids (token-slots.ts). */
  jti: string
  owner: string
  /** Seconds since the epoch. */
  iat: number
  exp: number
}

const PREFIX = 'dg_tk_'

export function mintToken(
  secret: Buffer,
  claims: Omit<TokenClaims, 'jti'>,
): { token: string; claims: TokenClaims } {
  const full: TokenClaims = { jti: randomBytes(12).toString('base64url'), ...claims }
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url')
  return { token: `${PREFIX}${payload}.${mac(secret, payload)}`, claims: full }
}

export type TokenVerdict =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' }

export function verifyToken(secret: Buffer, token: string, nowSeconds = Date.now() / 1000): TokenVerdict {
  if (!token.startsWith(PREFIX)) return { ok: false, reason: 'malformed' }
  const [payload, signature, extra] = token.slice(PREFIX.length).split('.')
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' }
  const expected = Buffer.from(mac(secret, payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad-signature' }
  let claims: TokenClaims
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (typeof claims.exp !== 'number' || typeof claims.owner !== 'string' || typeof claims.jti !== 'string')
    return { ok: false, reason: 'malformed' }
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' }
  return { ok: true, claims }
}

export function isUploadToken(value: string): boolean {
  return value.startsWith(PREFIX)
}

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url')
}
