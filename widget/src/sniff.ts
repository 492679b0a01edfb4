// Magic numbers of the media the widget accepts, and of the content it must never upload.
// The browser's `File.type` comes from the file name, so a page that trusted it would send a
// renamed HTML file to a public URL. Signatures follow each format's own specification (PNG, JFIF/
// EXIF, GIF87a/89a, RIFF, ISO/IEC 14496-12 `ftyp` brands, EBML DocType, ID3/MPEG frame sync,
// ADTS, Ogg, FLAC) and WHATWG MIME Sniffing §7.1 for markup.

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 512

export type RefusedFormat = 'html' | 'svg' | 'xml' | 'script' | 'zip' | 'archive' | 'pdf' | 'executable'

export type Sniffed =
  /** A media format; `types` are the MIME types these bytes may honestly be declared as, best first. */
  | { verdict: 'media'; format: string; types: readonly string[] }
  /** Content that is never uploaded, whatever its name says. */
  | { verdict: 'refused'; format: RefusedFormat }
  /** No signature the widget knows. */
  | { verdict: 'unknown' }

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length))

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  signature.every((byte, i) => bytes[offset + i] === byte)

const media = (format: string, ...types: string[]): Sniffed => ({ verdict: 'media', format, types })
const refused = (format: RefusedFormat): Sniffed => ({ verdict: 'refused', format })

export function sniff(bytes: Uint8Array): Sniffed {
  // A UTF-16 byte-order mark (FF FE) also reads as an MPEG frame sync: text goes first then.
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])
  const found = utf16 ? sniffRefused(bytes) : (sniffMedia(bytes) ?? sniffRefused(bytes))
  return found ?? { verdict: 'unknown' }
}

function sniffMedia(b: Uint8Array): Sniffed | undefined {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return media('png', 'image/png')
  if (startsWith(b, [0xff, 0xd8, 0xff])) return media('jpeg', 'image/jpeg')
  const head6 = ascii(b, 0, 6)
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return media('gif', 'image/gif')
  if (ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 4)
    if (form === 'WEBP') return media('webp', 'image/webp')
    if (form === 'WAVE') return media('wav', 'audio/wav')
    return undefined
  }
  if (ascii(b, 4, 4) === 'ftyp') return sniffIsoBmff(b)
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType element (0x4282) names WebM or Matroska within the header.
    const header = ascii(b, 0, Math.min(b.length, 64))
    if (header.includes('webm')) return media('webm', 'video/webm', 'audio/webm')
    return media('mkv', 'video/x-matroska', 'audio/x-matroska', 'video/webm', 'audio/webm')
  }
  if (ascii(b, 0, 4) === 'OggS') return media('ogg', 'audio/ogg', 'video/ogg')
  if (ascii(b, 0, 4) === 'fLaC') return media('flac', 'audio/flac')
  // An ID3v2 tag can precede MP3, AAC and (rarely) FLAC streams; what follows is past our window.
  if (ascii(b, 0, 3) === 'ID3') return media('id3', 'audio/mpeg', 'audio/aac', 'audio/flac')
  if (ascii(b, 0, 4) === 'ADIF') return media('aac', 'audio/aac')
  return sniffFrameSync(b[0] ?? 0, b[1] ?? 0, b[2] ?? 0)
}

function sniffFrameSync(b0: number, b1: number, b2: number): Sniffed | undefined {
  // 11-bit frame sync, then two layer bits: 00 for ADTS (AAC), non-zero for MPEG audio. The
  // reserved values of the following fields are checked too, so random bytes rarely pass.
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined
  if ((b1 & 0x06) === 0) {
    const frequencyIndex = (b2 >> 2) & 0x0f
    return (b1 & 0xf0) === 0xf0 && frequencyIndex < 13 ? media('aac', 'audio/aac') : undefined
  }
  const version = (b1 >> 3) & 0x03
  const bitrate = b2 >> 4
  const frequency = (b2 >> 2) & 0x03
  return version !== 1 && bitrate !== 0x0f && frequency !== 3 ? media('mp3', 'audio/mpeg') : undefined
}

const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']
const AUDIO_BRANDS = ['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']

function sniffIsoBmff(b: Uint8Array): Sniffed {
  // ftyp box: size (4), 'ftyp' (4), major brand (4), minor version (4), compatible brands (4 each).
  const size = (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0
  const end = Math.min(size || 16, b.length)
  const brands = [ascii(b, 8, 4)]
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(b, at, 4))
  const major = brands[0]
  if (brands.includes('avif') || brands.includes('avis')) return media('avif', 'image/avif')
  if (major !== undefined && HEIF_BRANDS.includes(major)) return media('heic', 'image/heic', 'image/heif')
  if (major === 'qt  ') return media('mov', 'video/quicktime', 'video/mp4')
  if (major !== undefined && AUDIO_BRANDS.includes(major)) return media('m4a', 'audio/mp4')
  // Generic brands (isom, mp41, mp42, avc1, dash, …) carry video or audio alike.
  return media('mp4', 'video/mp4', 'audio/mp4', 'video/quicktime')
}

const MARKUP_TAGS = [
  '!doctype html',
  'html',
  'head',
  'body',
  'script',
  'iframe',
  'h1',
  'div',
  'font',
  'table',
  'a',
  'style',
  'title',
  'b',
  'br',
  'p',
  '!--',
]

function sniffRefused(b: Uint8Array): Sniffed | undefined {
  if (ascii(b, 0, 2) === 'MZ' || startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return refused('executable')
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, also Java class files
    [0x00, 0x61, 0x73, 0x6d], // WebAssembly
  ]) {
    if (startsWith(b, magic)) return refused('executable')
  }
  if (ascii(b, 0, 2) === 'PK' && [0x03, 0x05, 0x07].includes(b[2] ?? 0)) return refused('zip')
  if (ascii(b, 0, 5) === '%PDF-') return refused('pdf')
  if (startsWith(b, [0x1f, 0x8b]) || ascii(b, 0, 6) === 'Rar!\x1a\x07' || ascii(b, 0, 4) === '7z\xbc\xaf') {
    return refused('archive')
  }
  return sniffText(b)
}

function sniffText(b: Uint8Array): Sniffed | undefined {
  let text = new TextDecoder('utf-8').decode(b.subarray(0, 256))
  // A UTF-16 BOM hides markup from a UTF-8 reading; decode it as what it says it is.
  if (startsWith(b, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(b.subarray(2, 256))
  if (startsWith(b, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(b.subarray(2, 256))
  text = text.replace(/^\uFEFF/, '').replace(/^[\t\n\f\r ]+/, '')
  if (text.startsWith('#!')) return refused('script')
  if (!text.startsWith('<')) return undefined
  const lower = text.slice(1).toLowerCase()
  if (lower.startsWith('?xml')) return refused(/<svg[\s>]/.test(text.toLowerCase()) ? 'svg' : 'xml')
  if (lower.startsWith('svg')) return refused('svg')
  if (lower.startsWith('?php') || lower.startsWith('%')) return refused('script')
  for (const tag of MARKUP_TAGS) {
    if (!lower.startsWith(tag)) continue
    const next = lower.charAt(tag.length)
    if (tag === '!--' || next === ' ' || next === '>' || next === '\t' || next === '\n' || next === '/') {
      return refused(tag === 'script' ? 'script' : 'html')
    }
  }
  // No media format starts with '<'; whatever markup this is, it is not a picture or a sound.
  return refused('xml')
}
