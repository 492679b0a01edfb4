import { canonicalType, familyOf } from './media-types.js'
import { type Sniffed, sniff } from './sniff.js'

/**
 * Whether a file's first bytes may be stored under its declared type: the bytes must be media of the
 * declared type's family (an audio-only MP4 may be declared audio/mp4; a PNG saved as .jpg is still an
 * image). The server refuses anything else with `content_mismatch`; the widget refuses the same files
 * before sending them (its check-file.ts reads the same `sniff`), and may relabel a same-family file
 * with the type its bytes name.
 */
export function sniffedMatchesType(sniffed: Sniffed, declaredType: string): boolean {
  const family = familyOf(declaredType)
  if (!family || sniffed.verdict !== 'media') return false
  return sniffed.types.some((type) => familyOf(type) === family)
}

/** `sniffedMatchesType` of a file's first bytes (SNIFF_BYTES of them are read). */
export function contentMatchesType(head: Uint8Array, declaredType: string): boolean {
  return sniffedMatchesType(sniff(head), declaredType)
}

/** The type to record when a client declared none: what the bytes name first, if anything. */
export function typeFromBytes(head: Uint8Array): string | null {
  const sniffed = sniff(head)
  return sniffed.verdict === 'media' ? canonicalType(sniffed.types[0] ?? '') : null
}
