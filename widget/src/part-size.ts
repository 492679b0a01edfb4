import type { MultipartPlan } from './policy.js'

const MIB = 1024 * 1024

/**
 * The part size the server signs for a file of `size` bytes: the plan's base size, or whole MiB
 * large enough to stay within `maxParts`. Must equal the server's `partSizeFor` (core/multipart-plan.ts)
 * byte for byte, since each part URL binds its exact length.
 */
export function partSizeFor(size: number, plan: MultipartPlan): number {
  return Math.max(plan.basePartSize, Math.ceil(size / plan.maxParts / MIB) * MIB)
}
