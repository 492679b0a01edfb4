import { partLength } from '@dropgate/core'
import type { Md5 } from './md5.js'

/** An ETag that can be an MD5 of the part's bytes: 32 hex digits once S3's quotes are off. */
const MD5_SHAPED = /^[0-9a-f]{32}$/
const unquoted = (etag: string) => etag.replace(/^(W\/)?"+|"+$/g, '').toLowerCase()

export interface CheckedParts {
  /** The parts to keep, with their ETags as listed (for CompleteMultipartUpload). */
  readonly kept: Map<number, string>
  /** Stored parts whose bytes are not the local file's: sent again. */
  readonly changed: number[]
  /** 'md5': ETags compared with the local bytes; 'size': the store's ETags tell nothing, or no MD5. */
  readonly by: 'md5' | 'size'
}

/**
 * Which of the size-checked stored parts (merge-parts.ts) hold the local file's bytes. S3 gives a
 * part the MD5 of its bytes as its ETag, and so do the embedded store and Swift; a stored part whose
 * ETag is not the MD5 of the same slice of the local file was cut from other bytes (the file changed
 * after that part went up, keeping its name, size, date and first part) and is sent again.
 *
 * Not every store's part ETags are MD5s: S3 with SSE-KMS or SSE-C encryption gives 32 hex digits
 * that are not, and other S3-compatible stores give opaque strings. Those of another shape are
 * checked by size only. Those of MD5's shape are calibrated on the first stored part, which is
 * usually part 1, whose bytes the fingerprint (a SHA-256 of the first part) already vouched for:
 * if its MD5 is not its ETag, this store's ETags are not MD5s, and comparing the others would send
 * every part again for nothing, so all are checked by size only. Parts are hashed one by one, in
 * order, each as the slice of the file the plan gives it.
 */
export async function checkParts(
  plan: { readonly fileSize: number; readonly partSize: number },
  stored: ReadonlyMap<number, string>,
  file: Blob,
  md5: Md5 | undefined,
): Promise<CheckedParts> {
  const everything = (): CheckedParts => ({ kept: new Map(stored), changed: [], by: 'size' })
  if (!md5) return everything()
  const kept = new Map<number, string>()
  const changed: number[] = []
  let calibrated = false
  for (const [n, etag] of [...stored].sort(([a], [b]) => a - b)) {
    const expected = unquoted(etag)
    const length = partLength(plan.fileSize, plan.partSize, n)
    if (!MD5_SHAPED.test(expected) || length === null) {
      kept.set(n, etag)
      continue
    }
    const start = (n - 1) * plan.partSize
    const same = (await md5(file.slice(start, start + length))) === expected
    if (!calibrated) {
      calibrated = true
      if (!same) return everything()
    }
    if (same) kept.set(n, etag)
    else changed.push(n)
  }
  return { kept, changed, by: calibrated ? 'md5' : 'size' }
}
