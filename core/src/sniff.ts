import { ascii, startsWith } from './sniff-bytes.js'
import { sniffRefused } from './sniff-refused.js'

/**
 * The magic-byte rules the widget and the server both apply: which media a file's first bytes are,
 * or which content it is that is never uploaded (markup, scripts, archives, executables). A file's
 * declared type comes from its name, so a page or a signer that trusted it would put a renamed HTML
 * file at a public URL. Signatures follow each format's own specification (PNG, JFIF/EXIF, GIF87a/89a,
 * RIFF, BMP, TIFF, ISO/IEC 14496-12 `ftyp` brands, EBML DocType, MPEG program and transport streams,
 * ID3/MPEG frame sync, ADTS, Ogg, FLAC) and WHATWG MIME Sniffing §7.1 for markup.
 *
 * Why these rules and not the server's old `file-type`: the widget's script-tag bundle must stay within
 * 100 KB gzip and had 5.7 KB left when this was decided; `file-type/core` alone measured 18.9 KB gzip
 * there (and is async).
 * So the rules live here, once, covering every type of the media table (media-types.ts), and both
 * sides decide with them over the same first SNIFF_BYTES bytes.
 */

/** How many leading bytes `sniff` reads; anything past them is ignored, so every caller decides alike. */
export const SNIFF_BYTES = 512

export type RefusedFormat = 'html' | 'svg' | 'xml' | 'script' | 'zip' | 'archive' | 'pdf' | 'executable'

export type Sniffed =
  /** A media format; `types` are the table types these bytes may honestly be declared as, best first. */
  | { verdict: 'media'; format: string; types: readonly string[] }
  /** Content that is never uploaded, whatever its name says. */
  | { verdict: 'refused'; format: RefusedFormat }
  /** No signature these rules know. */
  | { verdict: 'unknown' }

const media = (format: string, ...types: string[]): Sniffed => ({ verdict: 'media', format, types })

export function sniff(head: Uint8Array): Sniffed {
  const bytes = head.subarray(0, SNIFF_BYTES)
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
  if (isBmp(b)) return media('bmp', 'image/bmp')
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]))
    return media('tiff', 'image/tiff')
  if (ascii(b, 4, 4) === 'ftyp') return sniffIsoBmff(b)
  // Older QuickTime files and cameras' MJPEG clips open with a movie atom, not ftyp: the movie
  // header itself, the samples, or padding (Apple's QuickTime File Format, "Atoms").
  if (QUICKTIME_ATOMS.includes(ascii(b, 4, 4))) return media('mov', ...QUICKTIME_TYPES)
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType element (0x4282) names WebM or Matroska within the header.
    const header = ascii(b, 0, Math.min(b.length, 64))
    if (header.includes('webm')) return media('webm', 'video/webm', 'audio/webm')
    return media('mkv', 'video/x-matroska', 'audio/x-matroska', 'video/webm', 'audio/webm')
  }
  // MPEG-1/2 program stream (pack header) or video elementary stream (sequence header).
  if (startsWith(b, [0x00, 0x00, 0x01, 0xba]) || startsWith(b, [0x00, 0x00, 0x01, 0xb3]))
    return media('mpeg', 'video/mpeg')
  // MPEG transport stream: a sync byte every 188 bytes.
  if (b[0] === 0x47 && b[188] === 0x47 && b[376] === 0x47) return media('mpeg-ts', 'video/mpeg')
  if (ascii(b, 0, 4) === 'OggS') return media('ogg', 'audio/ogg', 'video/ogg', 'audio/opus')
  if (ascii(b, 0, 4) === 'fLaC') return media('flac', 'audio/flac')
  // An ID3v2 tag can precede MP3, AAC and (rarely) FLAC streams; what follows is past our window.
  if (ascii(b, 0, 3) === 'ID3') return media('id3', 'audio/mpeg', 'audio/aac', 'audio/flac')
  if (ascii(b, 0, 4) === 'ADIF') return media('aac', 'audio/aac')
  return sniffFrameSync(b[0] ?? 0, b[1] ?? 0, b[2] ?? 0)
}

/** "BM", then a DIB header of one of the sizes Windows and OS/2 defined (at offset 14). */
function isBmp(b: Uint8Array): boolean {
  if (ascii(b, 0, 2) !== 'BM') return false
  const dib = (b[14] ?? 0) | ((b[15] ?? 0) << 8) | ((b[16] ?? 0) << 16) | ((b[17] ?? 0) << 24)
  return [12, 16, 40, 52, 56, 64, 108, 124].includes(dib)
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

const QUICKTIME_ATOMS = ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']
/** A QuickTime movie may carry sound alone, as MP4 may: declared as audio/mp4 it is still that. */
const QUICKTIME_TYPES = ['video/quicktime', 'video/mp4', 'audio/mp4']
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']
const AUDIO_BRANDS = ['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']

function sniffIsoBmff(b: Uint8Array): Sniffed {
  // ftyp box: size (4), 'ftyp' (4), major brand (4), minor version (4), compatible brands (4 each).
  const size = (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0
  const end = Math.min(size || 16, b.length)
  const brands = [ascii(b, 8, 4)]
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(b, at, 4))
  const major = brands[0] ?? ''
  if (brands.includes('avif') || brands.includes('avis')) return media('avif', 'image/avif')
  if (HEIF_BRANDS.includes(major)) return media('heic', 'image/heic', 'image/heif')
  if (major === 'qt  ') return media('mov', ...QUICKTIME_TYPES)
  if (AUDIO_BRANDS.includes(major)) return media('m4a', 'audio/mp4')
  // 3GPP and 3GPP2 (3gp4, 3gp5, 3g2a, …): phone video, or sound alone.
  if (major.startsWith('3g')) return media('3gp', 'video/3gpp', 'video/mp4', 'audio/mp4')
  // Generic brands (isom, mp41, mp42, avc1, dash, …) carry video or audio alike.
  return media('mp4', 'video/mp4', 'audio/mp4', 'video/quicktime')
}
