// The media the widget knows by name. The server's policy is the authority on what is accepted;
// this table only supplies what a policy does not say: which extensions go with a type, and which
// spellings browsers and operating systems use for the same type.

export const MEDIA_KINDS = ['image', 'video', 'audio'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

export const isMediaKind = (value: unknown): value is MediaKind =>
  typeof value === 'string' && (MEDIA_KINDS as readonly string[]).includes(value)

/** Canonical MIME type → file extensions (without the dot), first one preferred. */
export const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov', 'qt'],
  'video/webm': ['webm'],
  'video/x-matroska': ['mkv'],
  'video/ogg': ['ogv'],
  'audio/mpeg': ['mp3'],
  'audio/wav': ['wav'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/flac': ['flac'],
  'audio/mp4': ['m4a', 'm4b'],
  'audio/aac': ['aac'],
  'audio/webm': ['weba'],
  'audio/x-matroska': ['mka'],
}

// Spellings seen from Chrome, Firefox, Safari, Windows' registry and older servers.
const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/heic-sequence': 'image/heic',
  'image/heif-sequence': 'image/heif',
  'video/x-m4v': 'video/mp4',
  'video/mkv': 'video/x-matroska',
  'audio/mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-flac': 'audio/flac',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
  'audio/aacp': 'audio/aac',
}

/** Lower-cases, drops parameters (`; codecs=…`) and folds aliases: `Audio/X-WAV` → `audio/wav`. */
export function normalizeMime(type: string): string {
  const bare = (type.split(';')[0] ?? '').trim().toLowerCase()
  return ALIASES[bare] ?? bare
}

export function kindOf(type: string): MediaKind | undefined {
  const kind = normalizeMime(type).split('/')[0]
  return isMediaKind(kind) ? kind : undefined
}

/** `photo.JPG` → `jpg`; `''` when there is none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : ''
}

/** The canonical type of a known extension, for files the browser gives no type (HEIC, MKV on many systems). */
export function mimeFromExtension(extension: string): string | undefined {
  const ext = extension.toLowerCase()
  for (const [mime, exts] of Object.entries(EXTENSIONS)) {
    if (exts.includes(ext)) return mime
  }
  return undefined
}
