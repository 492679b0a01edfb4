import { describe, expect, it } from 'vitest'
import { contentMatchesType, typeFromBytes } from './content-check.js'
import { sniff } from './sniff.js'

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)),
  )
const ftyp = (major: string) => bytes([0, 0, 0, 16], 'ftyp', major, [0, 0, 0, 0], [0, 0, 0, 8], 'free')
const transportStream = () => {
  const ts = new Uint8Array(600)
  for (const at of [0, 188, 376, 564]) ts[at] = 0x47
  return ts
}

describe('the formats the media table has beyond the old widget sniffer', () => {
  it.each([
    ['bmp', bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]), 'image/bmp'],
    ['tiff', bytes('II', [0x2a, 0, 8, 0, 0, 0]), 'image/tiff'],
    ['tiff', bytes('MM', [0, 0x2a, 0, 0, 0, 8]), 'image/tiff'],
    ['mpeg', bytes([0, 0, 1, 0xba, 0x44]), 'video/mpeg'],
    ['mpeg-ts', transportStream(), 'video/mpeg'],
    ['3gp', ftyp('3gp5'), 'video/3gpp'],
  ])('recognizes %s', (format, input, type) => {
    const found = sniff(input)
    expect(found.verdict === 'media' && [found.format, found.types[0]]).toEqual([format, type])
  })

  it('does not take two letters "BM" for a bitmap', () => {
    expect(sniff(bytes('BMW owners club')).verdict).toBe('unknown')
  })
})

describe('contentMatchesType', () => {
  it('accepts bytes of the declared family, aliases included', () => {
    expect(contentMatchesType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/x-wav')).toBe(true)
    expect(contentMatchesType(ftyp('isom'), 'audio/mp4')).toBe(true)
    expect(contentMatchesType(bytes('OggS', [0, 2]), 'audio/opus')).toBe(true)
    expect(contentMatchesType(ftyp('3gp5'), 'video/3gpp')).toBe(true)
  })

  it('refuses other families, markup, unknown bytes and types outside the table', () => {
    const png = bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a])
    expect(contentMatchesType(png, 'video/mp4')).toBe(false)
    expect(contentMatchesType(bytes('<html><body>'), 'image/png')).toBe(false)
    expect(contentMatchesType(bytes('hello'), 'audio/mpeg')).toBe(false)
    expect(contentMatchesType(png, 'image/svg+xml')).toBe(false)
  })

  it('decides on the first SNIFF_BYTES only, as the widget reads them', () => {
    const late = new Uint8Array(4096)
    late.set(bytes('<html>'), 600)
    expect(sniff(late).verdict).toBe('unknown')
  })

  it('names the type of undeclared media by its table name', () => {
    expect(typeFromBytes(bytes('OggS', [0, 2]))).toBe('audio/ogg')
    expect(typeFromBytes(bytes('<svg>'))).toBeNull()
  })
})
