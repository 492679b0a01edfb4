import { Buffer } from 'node:buffer'
import * as nodeCrypto from 'node:crypto'

/**
 * HMAC-SHA256 with a key prepared once, for the MACs every presign makes (the SigV4 signature and
 * the verified link's MAC). RFC 2104: HMAC(K, m) = H((K' ^ opad) || H((K' ^ ipad) || m)), where K' is
 * K zero-padded to SHA-256's 64-byte block (hashed first when longer). The two padded blocks depend
 * on the key only, so they are made here once, and each MAC is two one-shot `crypto.hash` calls:
 * `createHmac` builds a Hmac object, imports the key and makes three calls into C++ per MAC (~2×
 * the time). The digests are Node's own SHA-256; only the RFC's padding is done here, and
 * hmac-sha256.test.ts checks every output against `createHmac`. Without `crypto.hash` (Node before
 * 20.12, other runtimes) it is `createHmac`.
 */

const BLOCK = 64
const DIGEST = 32

type OneShot = {
  (algorithm: string, data: Uint8Array, outputEncoding: 'buffer'): Buffer
  (algorithm: string, data: Uint8Array, outputEncoding: 'hex'): string
}
const oneShot = (nodeCrypto as { hash?: OneShot }).hash

export interface HmacKey {
  readonly inner: Buffer
  readonly outer: Buffer
  /** The key itself, for the createHmac fallback only. */
  readonly raw: Buffer | null
}

/** A key's two padded blocks (or, without `crypto.hash`, the key). */
export function hmacKey(key: Uint8Array | string): HmacKey {
  let bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key)
  if (typeof oneShot !== 'function') return { inner: Buffer.alloc(0), outer: Buffer.alloc(0), raw: bytes }
  if (bytes.length > BLOCK) bytes = nodeCrypto.createHash('sha256').update(bytes).digest()
  const inner = Buffer.alloc(BLOCK, 0x36)
  const outer = Buffer.alloc(BLOCK, 0x5c)
  for (let i = 0; i < bytes.length; i++) {
    inner[i] = (inner[i] as number) ^ (bytes[i] as number)
    outer[i] = (outer[i] as number) ^ (bytes[i] as number)
  }
  return { inner, outer, raw: null }
}

// Reused for every MAC: each is made synchronously, start to end, so no two ever share them.
let innerInput = Buffer.alloc(BLOCK + 1024)
const outerInput = Buffer.alloc(BLOCK + DIGEST)

/** The 32 bytes of HMAC-SHA256(key, UTF-8 of `message`). */
export function hmacSha256(key: HmacKey, message: string): Buffer {
  if (key.raw !== null) return nodeCrypto.createHmac('sha256', key.raw).update(message, 'utf8').digest()
  return (oneShot as OneShot)('sha256', innerDigest(key, message), 'buffer')
}

/** As hmacSha256, in lower-case hex. */
export function hmacSha256Hex(key: HmacKey, message: string): string {
  if (key.raw !== null) return nodeCrypto.createHmac('sha256', key.raw).update(message, 'utf8').digest('hex')
  return (oneShot as OneShot)('sha256', innerDigest(key, message), 'hex')
}

/** `(K' ^ opad) || H((K' ^ ipad) || message)`: what the outer hash reads. */
function innerDigest(key: HmacKey, message: string): Buffer {
  // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair, two units, is 4).
  if (innerInput.length < BLOCK + 3 * message.length) innerInput = Buffer.alloc(BLOCK + 3 * message.length)
  key.inner.copy(innerInput, 0)
  const length = innerInput.write(message, BLOCK, 'utf8')
  key.outer.copy(outerInput, 0)
  ;(oneShot as OneShot)('sha256', innerInput.subarray(0, BLOCK + length), 'buffer').copy(outerInput, BLOCK)
  return outerInput
}
