import { isAllowedType, type MediaRules, normalizeContentType, type PartialMediaRules } from '@dropgate/core'
import type { Context } from 'hono'
import * as v from 'valibot'
import { mintToken } from '../core/upload-token.js'
import { type DropgateError, errors, fail } from '../errors.js'
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

/** The body, read strictly: a field it does not name is refused (exported for the OpenAPI document). */
export const TokenRequest = v.strictObject({
  types: v.optional(v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(64))),
  maxFileSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  maxFiles: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  subject: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))),
  ttl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TTL))),
  media: v.optional(
    v.strictObject({
      image: v.optional(
        v.strictObject({
          minSide: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
          maxSide: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
          maxAspect: v.optional(v.pipe(v.number(), v.minValue(1))),
          maxPixels: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
        }),
      ),
      duration: v.optional(
        v.strictObject({
          minSeconds: v.optional(v.pipe(v.number(), v.minValue(0))),
          maxSeconds: v.optional(v.pipe(v.number(), v.minValue(0))),
        }),
      ),
    }),
  ),
})

/** The error of each field's rule; a field the request may not have is `token_field_unknown`. */
const FIELD_ERRORS: Record<string, () => DropgateError> = {
  types: () => fail('token_types_invalid'),
  maxFileSize: () => fail('token_max_file_size_invalid'),
  maxFiles: () => fail('token_max_files_invalid'),
  subject: () => fail('token_subject_invalid'),
  ttl: () => fail('token_ttl_invalid', { max: MAX_TTL }),
  media: () => fail('token_media_invalid'),
}

/**
 * A token's media rules may only tighten the server's (core's narrowMediaRules): one that would
 * loosen a limit is refused, as a type outside the policy is, so the backend learns of it at once.
 */
function loosens(server: MediaRules, token: PartialMediaRules): boolean {
  const below = (asked: number | undefined, limit: number | undefined) =>
    asked !== undefined && limit !== undefined && asked < limit
  const above = (asked: number | undefined, limit: number | undefined) =>
    asked !== undefined && limit !== undefined && asked > limit
  const { image = {}, duration = {} } = token
  return (
    below(image.minSide, server.image.minSide) ||
    above(image.maxSide, server.image.maxSide) ||
    above(image.maxAspect, server.image.maxAspect) ||
    above(image.maxPixels, server.image.maxPixels) ||
    below(duration.minSeconds, server.duration.minSeconds) ||
    above(duration.maxSeconds, server.duration.maxSeconds)
  )
}

export function createTokenHandler(deps: AppDeps) {
  return async (c: Context<AuthEnv>) => {
    const parsed = v.safeParse(TokenRequest, await readJsonBody(c, deps.config.timeouts.bodyIdleMs))
    if (!parsed.success) {
      const field = parsed.issues[0]?.path?.[0]?.key
      const fieldError =
        typeof field === 'string' && Object.hasOwn(FIELD_ERRORS, field) ? FIELD_ERRORS[field] : undefined
      throw fieldError ? fieldError() : fail('token_field_unknown')
    }
    const { types, maxFileSize, maxFiles, subject, ttl = DEFAULT_TTL, media } = parsed.output
    if (media && loosens(deps.config.media, media)) throw fail('token_media_invalid')
    const { caps } = deps.config
    const families = new Set<keyof typeof caps>()
    for (const pattern of types ?? ['image/*', 'video/*', 'audio/*']) {
      const family = pattern.slice(0, pattern.indexOf('/'))
      const known = pattern.endsWith('/*')
        ? family in caps
        : isAllowedType(pattern) && normalizeContentType(pattern) === pattern
      if (!known || !(family in caps)) throw fail('scope_too_wide', { type: pattern })
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
      ...(media && { media }),
      iat,
      exp: iat + ttl,
    })
    return c.json(success({ token, expiresAt: new Date(claims.exp * 1000).toISOString() }))
  }
}
