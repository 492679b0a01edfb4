/**
 * How a large file is cut into parts. Pure, and published in the policy so the widget cuts files
 * exactly as the server signs them: each part's length is bound into its upload URL.
 * - S3: every part but the last is at least 5 MiB, at most 10,000 parts.
 * - R2: every part but the last has the same size.
 */
const MiB = 1024 * 1024

export const MULTIPART = Object.freeze({
  /** Files from this size up go in parts (the widget's default; any size may). */
  threshold: 100 * MiB,
  /** The part size unless the file needs larger parts to stay within maxParts. */
  basePartSize: 8 * MiB,
  maxParts: 10_000,
})

/** Equal parts of whole MiB, large enough that no upload needs more than maxParts of them. */
export function partSizeFor(fileSize: number): number {
  return Math.max(MULTIPART.basePartSize, Math.ceil(fileSize / MULTIPART.maxParts / MiB) * MiB)
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
