import { Buffer } from 'node:buffer'
import { errors } from '../errors.js'

/**
 * Reads up to `bytes` leading bytes of a stream and gives back the whole stream, those bytes included,
 * so a body can be checked (magic numbers) before it is written anywhere, without buffering the rest.
 */
export async function peek(
  source: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ head: Uint8Array; body: AsyncIterable<Uint8Array>; close(): Promise<unknown> }> {
  const iterator = source[Symbol.asyncIterator]()
  const chunks: Uint8Array[] = []
  let length = 0
  let done = false
  while (length < bytes) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    chunks.push(next.value)
    length += next.value.length
  }
  const head = Buffer.concat(chunks).subarray(0, bytes)
  async function* body(): AsyncIterable<Uint8Array> {
    yield* chunks
    if (done) return
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  // For a body refused on its first bytes: the source learns it will not be read further.
  const close = async () => iterator.return?.()
  return { head, body: body(), close }
}

/** Passes a stream through, failing with the cap error the moment it goes past `maxBytes`. */
export async function* limitBytes(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error = () => errors.tooLarge(maxBytes),
): AsyncIterable<Uint8Array> {
  let total = 0
  for await (const chunk of source) {
    total += chunk.length
    if (total > maxBytes) throw tooLarge()
    yield chunk
  }
}
