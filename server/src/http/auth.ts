import type { Context, MiddlewareHandler, Next } from 'hono'
import type { Config } from '../config.js'
import { matchApiKey } from '../core/api-keys.js'
import { createRateLimiter, type RateLimiter } from '../core/rate-limit.js'
import { type Scope, UNSCOPED } from '../core/scope.js'
import { isUploadToken, type TokenClaims, verifyToken } from '../core/upload-token.js'
import { type DropgateError, errors, fail } from '../errors.js'
import { clientAddress } from './client-address.js'

/**
 * Who is calling, from `Authorization: Bearer <credential>`: a secret API key (servers and scripts),
 * an upload token (minted by a backend for one user, scoped), or a publishable key (public, bound to
 * origins, rate-limited). The owner is the storage prefix every file of this caller lives under.
 */
export type CallerKind = 'secret-key' | 'upload-token' | 'publishable-key'

export interface Caller {
  kind: CallerKind
  owner: string
  scope: Scope
  /** Set for upload tokens: their id and issue time seed the token's file ids. */
  token?: TokenClaims
  /**
   * Set for publishable keys: counts `requests` more against this request's rate limit (a batch of n
   * files is n requests, docs/API.md §2.2), throwing `rate_limited` once over it.
   */
  charge?: (requests: number) => void | Promise<void>
}

export type AuthEnv = { Variables: { caller: Caller } }

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')
  return match ? (match[1] as string) : null
}

const refusedFor: Record<CallerKind, () => DropgateError> = {
  'secret-key': () => fail('forbidden'),
  'upload-token': () => fail('secret_key_required'),
  'publishable-key': () => fail('upload_only'),
}

/**
 * Builds the authentication middleware; `allow` names the kinds of caller a route accepts. Without
 * a shared `limiter`, publishable keys are limited per instance (in memory).
 */
export function createAuth(
  config: Config,
  limiter: RateLimiter = createRateLimiter(config.publishableRateLimit),
) {
  // A key's caller is the same on every request: built once, frozen so no route can change it for
  // the next one. Upload tokens carry their own claims, so theirs is built per request.
  const secretCallers = new Map(
    config.apiKeys.map((key) => [
      key,
      freezeCaller({ kind: 'secret-key', owner: key.owner, scope: UNSCOPED }),
    ]),
  )
  const publishableCallers = new Map(
    config.publishableKeys.map((entry) => [
      entry,
      freezeCaller({ kind: 'publishable-key', owner: entry.owner, scope: UNSCOPED }),
    ]),
  )

  // A shared limiter answers asynchronously: only publishable keys wait for it.
  const resolve = (c: Context, presented: string): Caller | Promise<Caller> => {
    if (isUploadToken(presented)) {
      const verdict = verifyToken(config.tokenSecret, presented)
      if (!verdict.ok) throw fail(verdict.reason === 'expired' ? 'token_expired' : 'invalid_token')
      const { types, maxFileSize, maxFiles, media, owner } = verdict.claims
      const scope = { types, maxFileSize, maxFiles, ...(media && { media }) }
      return { kind: 'upload-token', owner, scope, token: verdict.claims }
    }
    const publishable = config.publishableKeys.find((entry) => entry.key === presented)
    if (publishable) {
      const origin = c.req.header('origin')
      if (!origin || !publishable.origins.includes(origin)) throw fail('origin_not_allowed')
      const caller = publishableCallers.get(publishable) as Caller
      const id = `${publishable.key}|${clientAddress(c, config)}`
      // `requests` hits at once; over the limit when any of them is (a shared limiter answers each
      // asynchronously, the in-memory one at once, sparing a promise per request).
      const count = (requests: number): void | Promise<void> => {
        const waits = Array.from({ length: requests }, () => limiter.hit(id))
        if (waits.every((w): w is number => typeof w === 'number')) return refuseOver(Math.max(0, ...waits))
        return Promise.all(waits).then((w) => refuseOver(Math.max(0, ...w)))
      }
      const charged = { ...caller, charge: count }
      const first = count(1)
      return first instanceof Promise ? first.then(() => charged) : charged
    }
    const key = matchApiKey(config.apiKeys, presented)
    if (!key) throw errors.unauthorized()
    return secretCallers.get(key) as Caller
  }

  // Not async: it hands back next()'s promise instead of wrapping it in one more, on every request.
  return (allow: readonly CallerKind[]): MiddlewareHandler<AuthEnv> =>
    (c, next) => {
      const presented = bearerToken(c.req.header('authorization'))
      if (!presented) throw errors.unauthorized()
      const caller = resolve(c, presented)
      // No closure for the usual, synchronous answer: one made per request is a cost of its own.
      return caller instanceof Promise
        ? caller.then((known) => admitCaller(c, next, allow, known))
        : admitCaller(c, next, allow, caller)
    }
}

function admitCaller(c: Context<AuthEnv>, next: Next, allow: readonly CallerKind[], caller: Caller) {
  if (!allow.includes(caller.kind)) throw refusedFor[caller.kind]()
  c.set('caller', caller)
  return next()
}

function refuseOver(wait: number): void {
  if (wait > 0) throw fail('rate_limited', { seconds: wait }, { 'Retry-After': String(wait) })
}

/** UNSCOPED is frozen already. */
function freezeCaller(caller: Caller): Caller {
  return Object.freeze(caller)
}
