import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

/**
 * Small but real media files, built byte by byte so the tests need no binary fixtures:
 * each is a valid file of its format (a decoder opens it), not just a magic number.
 */

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A width×height RGB PNG whose pixels come from `seed`, so two images differ. */
export function png(width = 4, height = 4, seed = 1): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: RGB
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let i = 0; i < rows.length; i++) rows[i] = i % (width * 3 + 1) === 0 ? 0 : (i * 31 + seed) & 0xff
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A PNG padded with an ancillary chunk to about `bytes` bytes (decoders skip unknown chunks). */
export function pngOfSize(bytes: number): Buffer {
  const base = png()
  const pad = Math.max(0, bytes - base.length - 12)
  const iend = base.subarray(base.length - 12)
  return Buffer.concat([base.subarray(0, base.length - 12), pngChunk('zzPd', Buffer.alloc(pad, 7)), iend])
}

export function gif(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
}

export function wav(samples = 800): Buffer {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'latin1')
  header.writeUInt32LE(36 + samples * 2, 4)
  header.write('WAVEfmt ', 8, 'latin1')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(8000, 24)
  header.writeUInt32LE(16000, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'latin1')
  header.writeUInt32LE(samples * 2, 40)
  const data = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin(i / 4) * 8000), i * 2)
  return Buffer.concat([header, data])
}

/** An MP4 container's leading `ftyp` box followed by an empty `mdat`: what every MP4 starts with. */
export function mp4(payload = 64): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x20]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2avc1mp41', 'latin1'),
  ])
  const mdat = Buffer.alloc(8 + payload)
  mdat.writeUInt32BE(8 + payload, 0)
  mdat.write('mdat', 4, 'latin1')
  return Buffer.concat([ftyp, mdat])
}

/** Files that must never pass as media, whatever they are declared as. */
export const disguised = {
  html: Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  zip: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]),
  text: Buffer.from('just some notes\n'),
}

/** Real media files made by ffmpeg (test/fixtures/generate.sh), with the type each is uploaded as. */
export const REAL_MEDIA = [
  ['tiny.png', 'image/png'],
  ['tiny.jpg', 'image/jpeg'],
  ['tiny.webp', 'image/webp'],
  ['tiny.gif', 'image/gif'],
  ['tiny.mp4', 'video/mp4'],
  ['tiny.webm', 'video/webm'],
  ['tiny.mp3', 'audio/mpeg'],
  ['tiny.wav', 'audio/wav'],
  ['tiny.ogg', 'audio/ogg'],
] as const

export function fixture(name: string): Buffer {
  return readFileSync(join(import.meta.dirname, 'fixtures', name))
}
