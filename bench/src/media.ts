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
