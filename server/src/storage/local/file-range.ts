import { open } from 'node:fs/promises'

/** Bytes [start, end] of a file, fewer if it is shorter; null if it is not there. */
export async function readRangeOf(path: string, start: number, end: number): Promise<Uint8Array | null> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw error
  }
  try {
    const buffer = Buffer.alloc(Math.max(0, end - start + 1))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
