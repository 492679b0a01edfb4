import { type Caps, capFor, formatCap, isAllowedType } from '@dropgate/core'
import { effectiveCap, typeInScope } from '../core/scope.js'
import { type DropgateError, errors, fail } from '../errors.js'
import type { Caller } from '../http/auth.js'

/**
 * The one place that decides whether a caller may store a file of this type and size, for every
 * route that creates or completes uploads. Server policy first (400, docs/API.md §2.2), then the
 * credential's own scope (403, so a page knows it is its credential, not the file, that is limited).
 * Returns the byte cap that applies.
 */
export function admit(caps: Caps, caller: Caller, type: string, size?: number): Admitted {
  const typeCap = capFor(caps, type)
  if (typeCap === null || !isAllowedType(type)) throw errors.typeNotAllowed()
  if (!typeInScope(caller.scope, type)) throw fail('type_out_of_scope', { type })
  if (size !== undefined && size > typeCap) throw errors.tooLarge(typeCap)
  const cap = effectiveCap(caller.scope, typeCap)
  const tooLarge = cap < typeCap ? () => tooLargeForCredential(cap) : () => errors.tooLarge(cap)
  if (size !== undefined && size > cap) throw tooLarge()
  return { cap, tooLarge }
}

export interface Admitted {
  cap: number
  /** The error for a body that turns out larger than `cap` while it streams. */
  tooLarge: () => DropgateError
}

export function tooLargeForCredential(cap: number): DropgateError {
  return fail('file_too_large_for_credential', { cap: formatCap(cap) })
}
