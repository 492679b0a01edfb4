import { fileTypeFromBuffer } from 'file-type'
import { familyOf, type MediaFamily, normalizeContentType } from './policy.js'

/**
 * Magic-number check of an object's first bytes against its declared type. Text formats (HTML, SVG,
 * XML, scripts) have no magic number, so anything file-type cannot name is refused rather than trusted.
 */

/** file-type needs at most this many leading bytes to decide. */
export const SNIFF_BYTES = 4100

/** Containers that carry either sound or pictures: an .m4a is an MP4, an audio-only WebM is a WebM. */
const AUDIO_OR_VIDEO = new Set([
  'video/mp4',
  'audio/mp4',
  'audio/x-m4a',
  'video/quicktime',
  'video/webm',
  'audio/webm',
  'video/x-matroska',
  'video/ogg',
  'audio/ogg',
  'audio/opus',
  'application/ogg',
  'video/3gpp',
])

export interface Sniffed {
  mime: string
  families: readonly MediaFamily[]
}

/** What the bytes are, as far as they are media this service accepts; null for anything else. */
export async function sniffMedia(head: Uint8Array): Promise<Sniffed | null> {
  const found = await fileTypeFromBuffer(head)
  if (!found) return null
  if (AUDIO_OR_VIDEO.has(found.mime)) return { mime: found.mime, families: ['video', 'audio'] }
  const family = familyOf(found.mime)
  return family ? { mime: found.mime, families: [family] } : null
}

/** True when the first bytes are media of the declared type's family. */
export async function contentMatchesType(head: Uint8Array, declaredType: string): Promise<boolean> {
  const family = familyOf(normalizeContentType(declaredType))
  if (!family) return false
  const sniffed = await sniffMedia(head)
  return sniffed?.families.includes(family) ?? false
}

/** The type to record when a client declared none: what the bytes say, where they say it clearly. */
export async function typeFromBytes(head: Uint8Array): Promise<string | null> {
  const sniffed = await sniffMedia(head)
  if (!sniffed) return null
  if (sniffed.mime === 'application/ogg') return 'audio/ogg'
  return familyOf(sniffed.mime) ? sniffed.mime : null
}
