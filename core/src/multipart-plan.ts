import { MiB } from './caps.js'

/**
 * How a large file is cut into parts. Published in the policy so the widget cuts files exactly as the
 * server signs them: each part's length is bound into its upload URL, so both sides run this code.
 * - S3: every part but the last is at least 5 MiB, at most 10,000 parts.
 * - R2: every part but the last has the same size.
 */
export interface MultipartPlan {
  /** Files from this size up go in parts (the widget's default; any size may). */
  readonly threshold: number
  /** The part size unless the file needs larger parts to stay within maxParts. */
  readonly basePartSize: number
  readonly maxParts: number
}

/**
 * The default plan. 32 MiB parts: in Chromium, 4 parts in flight of a 256 MiB file into Swift went
 * up at 117-140 MiB/s with 32 MiB parts, 88-101 with 16 MiB and 77-85 with 8 MiB (each part is a
 * request the store and the browser pay for); 64 MiB gained nothing more. Operators whose users have
 * slow or flaky links can choose smaller parts (DROPGATE_PART_SIZE_MB): a failed part is sent again whole.
 */
export const MULTIPART: MultipartPlan = Object.freeze({
  threshold: 100 * MiB,
  basePartSize: 32 * MiB,
  maxParts: 10_000,
})

/** Equal parts of whole MiB, large enough that no upload needs more than maxParts of them. */
export function partSizeFor(fileSize: number, plan: MultipartPlan = MULTIPART): number {
  return Math.max(plan.basePartSize, Math.ceil(fileSize / plan.maxParts / MiB) * MiB)
}

export function partCountFor(fileSize: number, partSize: number): number {
  return Math.max(1, Math.ceil(fileSize / partSize))
}

/** The exact length of part `partNumber` (1-based), or null when the file has no such part. */
export function partLength(fileSize: number, partSize: number, partNumber: number): number | null {
  const count = partCountFor(fileSize, partSize)
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > count) return null
  return partNumber < count ? partSize : fileSize - partSize * (count - 1)
}
