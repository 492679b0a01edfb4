import { describe, expect, it } from 'vitest'
import { type Sniffed, sniff } from './sniff.js'

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)),
  )

const utf16 = (text: string, bom: number[], littleEndian: boolean): Uint8Array =>
  bytes(
    bom,
    [...text].flatMap((c) => (littleEndian ? [c.charCodeAt(0), 0] : [0, c.charCodeAt(0)])),
  )

const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'free')
}

const format = (result: Sniffed) =>
  result.verdict === 'unknown' ? 'unknown' : `${result.verdict}:${result.format}`

describe('sniff: media', () => {
  const cases: [string, Uint8Array, string][] = [
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'), 'image/jpeg'],
    ['gif', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['gif', bytes('GIF87a'), 'image/gif'],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['avif', ftyp('avif', 'mif1', 'miaf'), 'image/avif'],
    ['avif', ftyp('mif1', 'avif', 'miaf'), 'image/avif'],
    ['heic', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    ['mp4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4'],
    ['mov', ftyp('qt  ', 'qt  '), 'video/quicktime'],
    // QuickTime without ftyp: the first atom is the movie, its samples or padding.
    ['mov', bytes([0, 0, 0x12, 0x34], 'moov', [0, 0, 0, 0x6c], 'mvhd'), 'video/quicktime'],
    ['mov', bytes([0, 0, 0, 8], 'wide', [0, 0x10, 0, 0], 'mdat'), 'video/quicktime'],
    ['mov', bytes([0, 0x10, 0, 0], 'mdat', [0xff, 0xd8, 0xff, 0xe0]), 'video/quicktime'],
    ['mov', bytes([0, 0, 0, 8], 'free', [0, 0, 0x12, 0x34], 'moov'), 'video/quicktime'],
    ['m4a', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio/mp4'],
    [
      'webm',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'),
      'video/webm',
    ],
    ['mkv', bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'), 'video/x-matroska'],
    ['id3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
    ['mp3', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['wav', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['ogg', bytes('OggS', [0, 2]), 'audio/ogg'],
    ['flac', bytes('fLaC', [0, 0, 0, 0x22]), 'audio/flac'],
    ['aac', bytes([0xff, 0xf1, 0x50, 0x80]), 'audio/aac'],
  ]

  for (const [name, input, type] of cases) {
    it(`recognizes ${name} as ${type}`, () => {
      const result = sniff(input)
      expect(format(result)).toBe(`media:${name}`)
      expect(result.verdict === 'media' && result.types[0]).toBe(type)
    })
  }

  it('lets a QuickTime movie be declared as audio/mp4 (sound alone), as before', () => {
    for (const head of [ftyp('qt  ', 'qt  '), bytes([0, 0, 0x12, 0x34], 'moov')]) {
      const result = sniff(head)
      expect(result.verdict === 'media' && result.types).toContain('audio/mp4')
    }
  })

  it('lets an audio-only MP4 or WebM be declared as audio', () => {
    const mp4 = sniff(ftyp('mp42', 'isom'))
    expect(mp4.verdict === 'media' && mp4.types).toContain('audio/mp4')
    const webm = sniff(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x84], 'webm'))
    expect(webm.verdict === 'media' && webm.types).toContain('audio/webm')
  })
})

describe('sniff: refused content', () => {
  const cases: [string, Uint8Array, string][] = [
    ['a doctype', bytes('<!DOCTYPE html><html>'), 'html'],
    ['leading whitespace and a BOM', bytes([0xef, 0xbb, 0xbf], '\n  <html lang="en">'), 'html'],
    ['an upper-case tag', bytes('<HTML>'), 'html'],
    ['a comment', bytes('<!-- hi -->'), 'html'],
    ['a bare paragraph', bytes('<p>hello'), 'html'],
    ['a script tag', bytes('<script>alert(1)</script>'), 'script'],
    ['UTF-16LE markup', utf16('<html>', [0xff, 0xfe], true), 'html'],
    ['UTF-16BE markup', utf16('<html>', [0xfe, 0xff], false), 'html'],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), 'svg'],
    ['an SVG behind an XML declaration', bytes('<?xml version="1.0"?>\n<svg>'), 'svg'],
    ['plain XML', bytes('<?xml version="1.0"?><feed>'), 'xml'],
    ['unknown markup', bytes('<x-widget>'), 'xml'],
    ['PHP', bytes('<?php echo 1;'), 'script'],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /'), 'script'],
    ['a ZIP', bytes('PK', [3, 4, 20, 0]), 'zip'],
    ['an empty ZIP', bytes('PK', [5, 6, 0, 0]), 'zip'],
    ['a PDF', bytes('%PDF-1.7\n'), 'pdf'],
    ['a Windows executable', bytes('MZ', [0x90, 0]), 'executable'],
    ['an ELF binary', bytes([0x7f], 'ELF', [2, 1, 1]), 'executable'],
    ['a Mach-O binary', bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'executable'],
    ['WebAssembly', bytes([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 'executable'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0]), 'archive'],
  ]

  for (const [name, input, expected] of cases) {
    it(`refuses ${name}`, () => {
      expect(format(sniff(input))).toBe(`refused:${expected}`)
    })
  }
})

describe('sniff: unknown', () => {
  it('knows nothing of plain text, empty files or random bytes', () => {
    expect(sniff(bytes('hello world')).verdict).toBe('unknown')
    expect(sniff(new Uint8Array()).verdict).toBe('unknown')
    expect(sniff(bytes('RIFF', [0, 0, 0, 0], 'AVI ')).verdict).toBe('unknown')
    // Frame sync with reserved fields set is not MPEG audio.
    expect(sniff(bytes([0xff, 0xfb, 0xff, 0x00])).verdict).toBe('unknown')
  })
})
