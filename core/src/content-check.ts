import { canonicalType, familyOf } from './media-types.js'
import type { Sniffed } from './sniff.js'

/**
 * Whether a file's first bytes may be stored under its declared type: the bytes must be media of the
 * declared type's family (an audio-only MP4 may be declared audio/mp4, a PNG saved as .jpg is still an
 * image). The server refuses anything else with `content_mismatch`; the widget refuses the same files
 * before sending them, and may relabel a same-family file with the type its bytes name (check-file.ts).
 */
export function contentMatchesType(sniffed: Sniffed, declaredType: string): boolean {
  const family = familyOf(declaredType)
  if (!family || sniffed.verdict !== 'media') return false
  return sniffed.types.some((type) => familyOf(type) === family)
}

/** The type to record when a client declared none: what the bytes name first, if anything. */
export function typeFromSniffed(sniffed: Sniffed): string | null {
  return sniffed.verdict === 'media' ? canonicalType(sniffed.types[0] ?? '') : null
}
