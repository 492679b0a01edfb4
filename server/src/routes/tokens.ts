import type { Context } from 'hono'
import * as v from 'valibot'
import { MEDIA_TYPES } from '../core/policy.js'
import { mintToken } from '../core/upload-token.js'
import { DropgateError, errors } from '../errors.js'
import type { AuthEnv } from '../http/auth.js'
import type { AppDeps } from '../usecases/deps.js'
import { readJsonBody, success } from './json.js'

/**
 * POST /api/v1/tokens (secret key only): mints an upload token for one browser session.
 * A scope wider than the server policy is refused rather than silently narrowed, so a backend
 * learns at once that it asked for something the server will never allow.
 */

const DEFAULT_TTL = 900
const MAX_TTL = 86_400

const TokenRequest = v.strictObject({
  types: v.optional(v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(64))),
  maxFileSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  maxFiles: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  subject: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  ttl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TTL))),
})

const FIELD_RULES: Record<string, string> = {
  types: 'types must be a non-empty list of media types such as "image/*" or "video/mp4"',
  maxFileSize: 'maxFileSize must be a positive whole number of bytes',
  maxFiles: 'maxFiles must be a whole number from 1 to 1000',
  subject: 'subject must be 1 to 64 letters, digits, _ or -',
  ttl: `ttl must be a whole number of seconds from 1 to ${MAX_TTL}`,
}

export function createTokenHandler(deps: AppDeps) {
  return async (c: Context<AuthEnv>) => {
    const parsed = v.safeParse(TokenRequest, await readJsonBody(c, deps.config.timeouts.bodyIdleMs))
    if (!parsed.success) {
      const field = parsed.issues[0]?.path?.[0]?.key
      const message = typeof field === 'string' ? FIELD_RULES[field] : undefined
      throw new DropgateError('invalid_token_request', 400, message ?? `Unknown field in token request`)
    }
    const { types, maxFileSize, maxFiles, subject, ttl = DEFAULT_TTL } = parsed.output
    const { caps } = deps.config
    const families = new Set<keyof typeof caps>()
    for (const pattern of types ?? ['image/*', 'video/*', 'audio/*']) {
      const family = pattern.slice(0, pattern.indexOf('/'))
      const known = pattern.endsWith('/*') ? family in caps : pattern in MEDIA_TYPES
      if (!known || !(family in caps))
        throw new DropgateError('scope_too_wide', 400, `Type "${pattern}" is not allowed by this server`)
      families.add(family as keyof typeof caps)
    }
    const largest = Math.max(...[...families].map((family) => caps[family]))
    if (maxFileSize !== undefined && maxFileSize > largest) throw errors.tooLarge(largest)

    const owner = subject ? `${c.get('caller').owner}.${subject}` : c.get('caller').owner
    const iat = Math.floor(Date.now() / 1000)
    const { token, claims } = mintToken(deps.config.tokenSecret, {
      owner,
      types: types ?? null,
      maxFileSize: maxFileSize ?? null,
      maxFiles: maxFiles ?? null,
      iat,
      exp: iat + ttl,
    })
    return c.json(success({ token, expiresAt: new Date(claims.exp * 1000).toISOString() }))
  }
}
