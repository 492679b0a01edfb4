import { Buffer } from 'node:buffer'
import { randomFillSync } from 'node:crypto'

/**
 * CSPRNG bytes handed out from one pre-filled buffer. `randomBytes(18)` costs ~4 µs a call (most of it
 * the call into the OS/OpenSSL and a fresh Buffer), a pooled slice ~0.2 µs: the same trick Node's own
 * `crypto.randomUUID()` uses. Every byte is handed out once; a tail too short for a request is
 * dropped and the whole buffer refilled. The bytes are as random as `randomBytes`' (both are
 * OpenSSL's CSPRNG); pooling only means the next few kilobytes of randomness sit in this process's
 * memory a little earlier, which is no loss: whoever can read that memory can read the ids too.
 */
export interface RandomPool {
  /** `n` fresh random bytes, base64url without padding. */
  base64url(n: number): string
}

export function createRandomPool(
  size = 4096,
  fill: (buffer: Buffer) => void = (buffer) => {
    randomFillSync(buffer)
  },
): RandomPool {
  if (!Number.isSafeInteger(size) || size < 1)
    throw new RangeError(`random pool size must be ≥ 1, got ${size}`)
  const pool = Buffer.allocUnsafe(size)
  let offset = size // empty: filled on first use
  return {
    base64url(n: number): string {
      if (!Number.isSafeInteger(n) || n < 1 || n > size)
        throw new RangeError(`can take 1..${size} bytes at once, asked ${n}`)
      if (offset + n > size) {
        fill(pool)
        offset = 0
      }
      const out = pool.toString('base64url', offset, offset + n)
      offset += n
      return out
    },
  }
}
