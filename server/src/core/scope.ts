import { normalizeContentType, type PartialMediaRules } from '@dropgate/core'

/**
 * What a browser credential may do beyond the server policy: which types, how large, how many.
 * `null` means "no limit beyond the server's". Pure.
 */
export interface Scope {
  /** Exact types (`video/mp4`) or family patterns (`image/*`). */
  types: readonly string[] | null
  maxFileSize: number | null
  maxFiles: number | null
  /** Media rules tighter than the server's (an upload token's `media`); absent: the server's. */
  media?: PartialMediaRules | null
}

export const UNSCOPED: Scope = Object.freeze({ types: null, maxFileSize: null, maxFiles: null })

export function typeInScope(scope: Scope, contentType: string): boolean {
  if (!scope.types) return true
  const type = normalizeContentType(contentType)
  const family = type.slice(0, type.indexOf('/'))
  return scope.types.some((pattern) => pattern === type || pattern === `${family}/*`)
}

/** The stricter of the type's cap and the credential's own limit. */
export function effectiveCap(scope: Scope, typeCap: number): number {
  return scope.maxFileSize === null ? typeCap : Math.min(scope.maxFileSize, typeCap)
}
