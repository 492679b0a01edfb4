// hash-wasm: MD5 compiled to WebAssembly that takes its input piece by piece. WebCrypto has no MD5,
// and the check needs one per stored part (up to the plan's part size, hundreds of MiB), so it is
// fed in slices rather than read whole; hand-written MD5 in JS would be slower and ours to maintain.
import { createMD5 } from 'hash-wasm'

/** The MD5 of a blob's bytes, lowercase hex. */
export type Md5 = (bytes: Blob) => Promise<string>

/** Bytes read at a time: memory stays at one slice whatever the part size. */
const SLICE = 4 * 1024 * 1024

/**
 * A hasher for one caller at a time (it keeps its state between slices), or undefined where
 * WebAssembly cannot run: a page whose Content-Security-Policy lacks 'wasm-unsafe-eval' refuses to
 * compile it, and resuming then checks stored parts by size alone, as it did before.
 */
export async function loadMd5(): Promise<Md5 | undefined> {
  let hasher: Awaited<ReturnType<typeof createMD5>>
  try {
    hasher = await createMD5()
  } catch (error) {
    console.warn('Dropgate: MD5 unavailable here; stored parts are checked by size only.', error)
    return undefined
  }
  return async (bytes) => {
    hasher.init()
    for (let at = 0; at < bytes.size; at += SLICE)
      hasher.update(new Uint8Array(await bytes.slice(at, at + SLICE).arrayBuffer()))
    return hasher.digest('hex')
  }
}
