import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { MiB } from './paths.ts'

/**
 * Bodies for the upload benchmarks: what an MP4 starts with (an ftyp box, then one mdat box), so the
 * server's magic-byte checks pass, followed by incompressible bytes. Generated on the fly from one
 * block of random bytes that is never modified, so no gigabytes sit on disk or in memory.
 */
const BLOCK = randomBytes(MiB)

function mp4Head(size: number): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x20]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2avc1mp41', 'latin1'),
  ])
  const mdat = Buffer.alloc(8)
  mdat.writeUInt32BE(size - ftyp.length, 0)
  mdat.write('mdat', 4, 'latin1')
  return Buffer.concat([ftyp, mdat])
}

/** The bytes of a `size`-byte MP4, in chunks of at most 1 MiB. */
export function* mp4Chunks(size: number): Generator<Buffer> {
  const head = mp4Head(size)
  yield head
  let left = size - head.length
  while (left > 0) {
    const n = Math.min(left, BLOCK.length)
    yield n === BLOCK.length ? BLOCK : BLOCK.subarray(0, n)
    left -= n
  }
}

/** Writes that MP4 to `path` unless a file of that size is already there (kept between runs). */
export async function mp4File(path: string, size: number): Promise<void> {
  const existing = await stat(path).catch(() => null)
  if (existing?.size === size) return
  const out = createWriteStream(path)
  for (const chunk of mp4Chunks(size)) if (!out.write(chunk)) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
}

/** CRC-32 of PNG chunks (ISO 3309, the polynomial PNG's spec names). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return out
}

/**
 * A `size`-byte PNG "photo" (1600 × 1200, as its header says): signature, IHDR, one IDAT of random
 * bytes, IEND. Both the widget's and the server's checks read only the signature and IHDR, so its
 * pixels are never decoded; random bytes keep it incompressible, like a real photo.
 */
export function pngPhoto(size: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(1600, 0)
  ihdr.writeUInt32BE(1200, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter method, no interlace
  const head = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
  ])
  const end = pngChunk('IEND', Buffer.alloc(0))
  const idat = pngChunk('IDAT', randomBytes(size - head.length - end.length - 12))
  return Buffer.concat([head, idat, end])
}
