/**
 * The one media table: every type the signer accepts, the family it counts under, the extensions it
 * goes by (the first is what a stored key gets by default) and the other spellings browsers, operating
 * systems and older servers use for it. Only media a browser renders as media is listed; SVG
 * (scriptable XML) is not. The widget and the server both read this table, and the server publishes it
 * in GET /api/v1/policy, so a type is accepted on both sides or on neither.
 */

export const MEDIA_FAMILIES = ['image', 'video', 'audio'] as const
export type MediaFamily = (typeof MEDIA_FAMILIES)[number]

export interface MediaType {
  readonly family: MediaFamily
  readonly extensions: readonly string[]
  /** Other names of the same type: accepted as it, and folded into it by `canonicalType`. */
  readonly aliases: readonly string[]
}

const entry = (family: MediaFamily, extensions: string[], aliases: string[] = []): MediaType =>
  Object.freeze({ family, extensions: Object.freeze(extensions), aliases: Object.freeze(aliases) })

/** Canonical type → its row. Object order matters: an extension names the first type listing it. */
export const MEDIA_TYPES: Readonly<Record<string, MediaType>> = Object.freeze({
  'image/jpeg': entry('image', ['jpg', 'jpeg', 'jpe', 'jfif'], ['image/jpg', 'image/pjpeg']),
  'image/png': entry('image', ['png'], ['image/x-png']),
  'image/gif': entry('image', ['gif']),
  'image/webp': entry('image', ['webp']),
  'image/avif': entry('image', ['avif']),
  'image/heic': entry('image', ['heic'], ['image/heic-sequence']),
  'image/heif': entry('image', ['heif'], ['image/heif-sequence']),
  'image/bmp': entry('image', ['bmp'], ['image/x-ms-bmp', 'image/x-bmp']),
  'image/tiff': entry('image', ['tif', 'tiff']),
  'video/mp4': entry('video', ['mp4', 'm4v'], ['video/x-m4v']),
  'video/webm': entry('video', ['webm']),
  'video/quicktime': entry('video', ['mov', 'qt']),
  'video/x-matroska': entry('video', ['mkv'], ['video/mkv']),
  'video/ogg': entry('video', ['ogv']),
  'video/mpeg': entry('video', ['mpeg', 'mpg']),
  'video/3gpp': entry('video', ['3gp']),
  'audio/mpeg': entry('audio', ['mp3', 'mpga'], ['audio/mp3', 'audio/mpeg3', 'audio/x-mpeg', 'audio/x-mp3']),
  'audio/mp4': entry('audio', ['m4a', 'm4b', 'mp4'], ['audio/x-m4a', 'audio/m4a']),
  'audio/aac': entry('audio', ['aac'], ['audio/x-aac', 'audio/aacp']),
  'audio/wav': entry('audio', ['wav'], ['audio/x-wav', 'audio/wave', 'audio/vnd.wave']),
  'audio/ogg': entry('audio', ['ogg', 'oga', 'opus']),
  'audio/opus': entry('audio', ['opus']),
  'audio/webm': entry('audio', ['weba', 'webm']),
  'audio/flac': entry('audio', ['flac'], ['audio/x-flac']),
  'audio/x-matroska': entry('audio', ['mka']),
})

const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries(MEDIA_TYPES).flatMap(([type, row]) => [
    [type, type] as const,
    ...row.aliases.map((alias) => [alias, type] as const),
  ]),
)

export const isMediaFamily = (value: unknown): value is MediaFamily =>
  typeof value === 'string' && (MEDIA_FAMILIES as readonly string[]).includes(value)

/** Lower-cases and drops parameters (`; codecs=…`): `Audio/X-WAV; x=1` → `audio/x-wav`. */
export function normalizeContentType(value: string): string {
  // What `value.split(';')[0]` is, without the array: this runs several times on every upload request.
  const semicolon = value.indexOf(';')
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase()
}

/** The table's name for a type or any alias of it (`audio/x-wav` → `audio/wav`); null when not listed. */
export function canonicalType(contentType: string): string | null {
  return CANONICAL.get(normalizeContentType(contentType)) ?? null
}

/** Every spelling the table accepts, canonical names and aliases, for one family. */
export function typesOf(family: MediaFamily): string[] {
  return [...CANONICAL.entries()]
    .filter(([, type]) => MEDIA_TYPES[type]?.family === family)
    .map(([name]) => name)
}

/** Every extension of one family's types, in table order, each once. */
export function extensionsOf(family: MediaFamily): string[] {
  const rows = Object.values(MEDIA_TYPES).filter((row) => row.family === family)
  return [...new Set(rows.flatMap((row) => row.extensions))]
}

export function familyOf(contentType: string): MediaFamily | null {
  const type = canonicalType(contentType)
  return type ? (MEDIA_TYPES[type]?.family ?? null) : null
}

export function isAllowedType(contentType: string): boolean {
  return canonicalType(contentType) !== null
}

/** `photo.JPG` → `jpg`; `''` when the name has none (a dotfile such as `.bashrc` has none). */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : ''
}

/** The stored extension: the filename's own when it is a known extension of the type, else the type's. */
export function extensionFor(filename: string, contentType: string): string {
  const type = canonicalType(contentType)
  const known = type ? MEDIA_TYPES[type]?.extensions : undefined
  if (!known || known.length === 0) throw new TypeError(`not an allowed content type: ${contentType}`)
  const own = extensionOf(filename)
  return known.includes(own) ? own : (known[0] as string)
}

/** The canonical type a known extension names (without the dot), for files that come with no type. */
export function typeFromExtension(extension: string): string | null {
  const ext = extension.toLowerCase()
  for (const [type, row] of Object.entries(MEDIA_TYPES)) if (row.extensions.includes(ext)) return type
  return null
}

/** The type a filename's extension names, used when a client declares no type. */
export function typeFromFilename(filename: string): string | null {
  const ext = extensionOf(filename)
  return ext ? typeFromExtension(ext) : null
}
