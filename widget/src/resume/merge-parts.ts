import { partCountFor, partLength } from '@dropgate/core'
import type { ListedPart } from './list-parts.js'

/**
 * Which parts of the plan the store already holds: a listed part counts only if it is a part of this
 * plan and has exactly the length the plan gives it (a part cut from another file or another plan
 * would assemble a wrong object). Its ETag is kept for CompleteMultipartUpload, as S3 needs it.
 */
export function storedParts(
  plan: { readonly fileSize: number; readonly partSize: number },
  listed: readonly ListedPart[],
): Map<number, string> {
  const kept = new Map<number, string>()
  for (const part of listed)
    if (partLength(plan.fileSize, plan.partSize, part.partNumber) === part.size && part.etag !== '')
      kept.set(part.partNumber, part.etag)
  return kept
}

/** The part numbers still to send, in order. */
export function missingParts(
  plan: { readonly fileSize: number; readonly partSize: number },
  stored: ReadonlyMap<number, string>,
): number[] {
  const missing: number[] = []
  for (let n = 1; n <= partCountFor(plan.fileSize, plan.partSize); n++) if (!stored.has(n)) missing.push(n)
  return missing
}

/** Bytes of the stored parts, for "62% sent". */
export function storedBytes(
  plan: { readonly fileSize: number; readonly partSize: number },
  stored: ReadonlyMap<number, string>,
) {
  let bytes = 0
  for (const n of stored.keys()) bytes += partLength(plan.fileSize, plan.partSize, n) ?? 0
  return bytes
}
