import type { RefusedFormat, Sniffed } from './sniff.js'
import { ascii, startsWith } from './sniff-bytes.js'

/** Content that is never uploaded, whatever its name says: executables, archives, PDF and markup. */

const refused = (format: RefusedFormat): Sniffed => ({ verdict: 'refused', format })

const EXECUTABLE_MAGIC: readonly (readonly number[])[] = [
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, also Java class files
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
]

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

export function sniffRefused(b: Uint8Array): Sniffed | undefined {
  if (ascii(b, 0, 2) === 'MZ' || startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return refused('executable')
  if (EXECUTABLE_MAGIC.some((magic) => startsWith(b, magic))) return refused('executable')
  if (ascii(b, 0, 2) === 'PK' && [0x03, 0x05, 0x07].includes(b[2] ?? 0)) return refused('zip')
  if (ascii(b, 0, 5) === '%PDF-') return refused('pdf')
  if (startsWith(b, [0x1f, 0x8b]) || ascii(b, 0, 6) === 'Rar!\x1a\x07' || ascii(b, 0, 4) === '7z\xbc\xaf') {
    return refused('archive')
  }
  return sniffText(b)
}

/**
 * The first 256 bytes as text, enough to see how markup starts. Markup starts with ASCII, so each
 * UTF-8 byte is read as one character (TextDecoder is a browser and Node global, not the language's),
 * and UTF-16 (behind its byte-order mark) as the low byte of each unit.
 */
function textHead(b: Uint8Array): string {
  const window = b.subarray(0, 256)
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) {
    const low = b[0] === 0xff ? 0 : 1
    const units: number[] = []
    for (let at = 2 + low; at < window.length; at += 2) units.push(window[at] ?? 0)
    return String.fromCharCode(...units)
  }
  const text = ascii(window, 0, window.length)
  return text.startsWith('\xef\xbb\xbf') ? text.slice(3) : text
}

function sniffText(b: Uint8Array): Sniffed | undefined {
  const text = textHead(b).replace(/^[\t\n\f\r ]+/, '')
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
