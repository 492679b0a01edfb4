import type { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import type { Scope } from './scope.js'
import { seal, unseal } from './sealed.js'

/**
 * Upload tokens: sealed claims (sealed.ts) with the `dg_tk_` prefix, signed with the server's token
 * secret. Stateless: any instance with the same secret verifies them, and nothing is stored when
 * one is minted.
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
  return { token: seal(secret, PREFIX, full), claims: full }
}

export type TokenVerdict =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' }

export function verifyToken(secret: Buffer, token: string, nowSeconds = Date.now() / 1000): TokenVerdict {
  const opened = unseal<TokenClaims>(secret, PREFIX, token)
  if (!opened.ok) return opened
  const { claims } = opened
  if (typeof claims.exp !== 'number' || typeof claims.owner !== 'string' || typeof claims.jti !== 'string')
    return { ok: false, reason: 'malformed' }
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' }
  return { ok: true, claims }
}

export function isUploadToken(value: string): boolean {
  return value.startsWith(PREFIX)
}
