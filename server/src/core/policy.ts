/**
 * What may be uploaded: the allow-list of media types, their extensions, and the per-family caps.
 * Pure: no I/O. Only media a browser renders as media is listed; SVG (scriptable XML) is not.
 */

export type MediaFamily = 'image' | 'video' | 'audio'

export interface Caps {
  image: number
  video: number
  audio: number
}

/** Allowed MIME types → known extensions, the first being the one a stored key gets by default. */
export const MEDIA_TYPES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'image/bmp': ['bmp'],
  'image/tiff': ['tif', 'tiff'],
  'video/mp4': ['mp4', 'm4v'],
  'video/webm': ['webm'],
  'video/quicktime': ['mov', 'qt'],
  'video/x-matroska': ['mkv'],
  'video/ogg': ['ogv'],
  'video/mpeg': ['mpeg', 'mpg'],
  'video/3gpp': ['3gp'],
  'audio/mpeg': ['mp3', 'mpga'],
  'audio/mp4': ['m4a', 'mp4'],
  'audio/x-m4a': ['m4a'],
  'audio/aac': ['aac'],
  'audio/wav': ['wav'],
  'audio/x-wav': ['wav'],
  'audio/wave': ['wav'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/opus': ['opus'],
  'audio/webm': ['weba', 'webm'],
  'audio/flac': ['flac'],
  'audio/x-flac': ['flac'],
})

/** Lower-cases and drops parameters (`; charset=…`), the form every decision is made on. */
export function normalizeContentType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase()
}

export function familyOf(contentType: string): MediaFamily | null {
  const type = normalizeContentType(contentType)
  if (!(type in MEDIA_TYPES)) return null
  return type.slice(0, type.indexOf('/')) as MediaFamily
}

export function isAllowedType(contentType: string): boolean {
  return familyOf(contentType) !== null
}

export function capFor(caps: Caps, contentType: string): number | null {
  const family = familyOf(contentType)
  return family ? caps[family] : null
}

export function largestCap(caps: Caps): number {
  return Math.max(caps.image, caps.video, caps.audio)
}

/** The stored extension: the filename's own when it is a known extension of the type, else the type's. */
export function extensionFor(filename: string, contentType: string): string {
  const known = MEDIA_TYPES[normalizeContentType(contentType)]
  if (!known || known.length === 0) throw new TypeError(`not an allowed content type: ${contentType}`)
  const dot = filename.lastIndexOf('.')
  const own = dot >= 0 ? filename.slice(dot + 1).toLowerCase() : ''
  return known.includes(own) ? own : (known[0] as string)
}

/** The allowed type whose extension this filename has, used when a client declares no type. */
export function typeFromFilename(filename: string): string | null {
  const dot = filename.lastIndexOf('.')
  if (dot < 0) return null
  const ext = filename.slice(dot + 1).toLowerCase()
  for (const [type, exts] of Object.entries(MEDIA_TYPES)) if (exts.includes(ext)) return type
  return null
}
