import { createCipheriv, createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rename } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { deflateSync } from 'node:zlib'

// Test media, made byte by byte so the suite ships no binaries: each file is a real file of its
// format where that matters (a PNG a browser decodes), or starts as its format does (MP4's ftyp box).

export const MiB = 1024 * 1024

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])))
  return Buffer.concat([head, data, crc])
}

/** A width×height RGB PNG with a gradient seeded by `seed`; `padTo` grows it with an ancillary chunk. */
export function png({ width = 48, height = 32, seed = 1, padTo = 0 } = {}): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // truecolour
  const stride = width * 3 + 1
  const pixels = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * 3
      pixels[at] = (x * 5 + seed * 40) & 0xff
      pixels[at + 1] = (y * 7 + seed * 90) & 0xff
      pixels[at + 2] = ((x + y) * 3 + seed * 10) & 0xff
    }
  }
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
  ]
  const size = parts.reduce((n, b) => n + b.length, 0) + 12
  // Decoders skip unknown ancillary chunks (lower-case first letter), so the image stays valid.
  if (padTo > size + 12) parts.push(chunk('zzPd', Buffer.alloc(padTo - size - 12, 0x5a)))
  parts.push(chunk('IEND', Buffer.alloc(0)))
  return Buffer.concat(parts)
}

/**
 * A decompression bomb's header: a PNG that declares `width` × `height` px in a few dozen bytes
 * (its IDAT holds no rows), for the pixel guard that must refuse it without decoding it.
 */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(0))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A WAV of `seconds` of a quiet tone (8 kHz, 8-bit mono PCM): the browser reads its duration exactly. */
export function wav(seconds: number, rate = 8000): Buffer {
  const samples = Math.round(seconds * rate)
  const head = Buffer.alloc(44)
  head.write('RIFF', 0, 'latin1')
  head.writeUInt32LE(36 + samples, 4)
  head.write('WAVEfmt ', 8, 'latin1')
  head.writeUInt32LE(16, 16)
  head.writeUInt16LE(1, 20) // PCM
  head.writeUInt16LE(1, 22) // mono
  head.writeUInt32LE(rate, 24)
  head.writeUInt32LE(rate, 28) // bytes per second
  head.writeUInt16LE(1, 32) // block align
  head.writeUInt16LE(8, 34) // bits per sample
  head.write('data', 36, 'latin1')
  head.writeUInt32LE(samples, 40)
  const data = Buffer.alloc(samples)
  for (let i = 0; i < samples; i++) data[i] = 128 + Math.round(8 * Math.sin(i / 4))
  return Buffer.concat([head, data])
}

/** The leading `ftyp` box every MP4 starts with. */
function ftyp(): Buffer {
  return Buffer.concat([
    Buffer.from([0, 0, 0, 0x20]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2avc1mp41', 'latin1'),
  ])
}

/**
 * Writes an MP4 of exactly `size` bytes to `path`: an ftyp box, then one mdat box of pseudo-random
 * bytes (AES-CTR keystream of `seed`, so every run makes the same file and no two parts are alike).
 * Answers its sha256.
 */
export async function writeMp4(path: string, size: number, seed = 'dropgate-e2e'): Promise<string> {
  const head = ftyp()
  const mdat = Buffer.alloc(8)
  mdat.writeUInt32BE(size - head.length, 0)
  mdat.write('mdat', 4, 'latin1')
  const key = createHash('sha256').update(seed).digest().subarray(0, 16)
  const stream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
  const hash = createHash('sha256')
  const temporary = `${path}.${process.pid}.part`
  const out = createWriteStream(temporary)
  const write = (bytes: Buffer) => {
    hash.update(bytes)
    return out.write(bytes) ? undefined : new Promise<void>((resolve) => out.once('drain', resolve))
  }
  await write(Buffer.concat([head, mdat]))
  let left = size - head.length - mdat.length
  const zeros = Buffer.alloc(MiB)
  while (left > 0) {
    const n = Math.min(left, zeros.length)
    await write(stream.update(zeros.subarray(0, n)))
    left -= n
  }
  out.end()
  await finished(out)
  await rename(temporary, path)
  return hash.digest('hex')
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer)
  return hash.digest('hex')
}

/** Downloads `url` as any visitor would, streaming, and answers what a test checks of it. */
export async function download(
  url: string,
): Promise<{ status: number; contentType: string; size: number; sha256: string }> {
  const response = await fetch(url)
  const hash = createHash('sha256')
  let size = 0
  if (response.body) {
    for await (const piece of response.body) {
      hash.update(piece)
      size += piece.length
    }
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    size,
    sha256: hash.digest('hex'),
  }
}

/** Files that must be refused in the browser. */
export const refused = {
  text: { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('shopping list: milk, eggs\n') },
  /** An HTML page renamed to .png: declared and named as an image, but not one. */
  renamedHtml: {
    name: 'holiday.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n'),
  },
  /** A real PNG of 11 MiB, over the 10 MiB image cap. */
  oversizeImage: () => ({ name: 'huge.png', mimeType: 'image/png', buffer: png({ padTo: 11 * MiB }) }),
}
