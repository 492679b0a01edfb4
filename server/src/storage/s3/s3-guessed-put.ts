import type { S3Client } from './s3-client.js'
import { completeUpload, copyPart, createUpload, MIN_PART_SIZE } from './s3-multipart-steps.js'

/**
 * One PutObject for a body whose length is only guessed before its first byte: a form's file, whose
 * exact length Content-Length gives if the form ends right after it (`BodyLengthHint.lengthIfLast`).
 * Every browser, curl and HTTP library sends such forms, so one request does what otherwise takes an
 * S3 multipart upload of four (create, the streamed part, the tail, complete): less work for the store
 * (Swift spent ~0.4 CPU-s more per GiB on those), and on S3 or R2 a quarter of the billed requests.
 *
 * The PUT declares the guessed length, then the body goes out as it arrives. When the body disagrees:
 * - it ends sooner (fields followed the file, by at most `maxShort` bytes): the PUT is finished with
 *   filler, and the object is rewritten to its real length within the store (a multipart upload of one
 *   UploadPartCopy with a byte range, no bytes through this server);
 * - it goes on (the form closed without its last CRLF, 2 bytes): the object becomes a copy of itself
 *   plus those bytes (UploadPartCopy, then UploadPart);
 * - it fails, or passes its cap, before the guessed length: the PUT is cut off, and S3 stores nothing
 *   of a PUT that did not send all its declared bytes; after it: the object is deleted.
 * Whatever fails, nothing that failed stays in the store.
 */

/** S3 PutObject's largest object. */
export const MAX_PUT_SIZE = 5 * 1024 * 1024 * 1024
/** A form closed as `--boundary--` with no CRLF leaves its file 2 bytes longer than guessed; more is not a form. */
const MAX_OVERRUN = 64
const FILLER = new Uint8Array(64 * 1024)

export interface GuessedPutInput {
  key: string
  body: AsyncIterable<Uint8Array>
  /** Content-Type and x-amz-meta-* headers of the object. */
  headers: Record<string, string>
  guess: number
  /** The most the body may fall short of the guess; below it, `shortfall()`. */
  maxShort: number
  shortfall: () => Error
}

export async function guessedPut(client: S3Client, input: GuessedPutInput): Promise<{ size: number }> {
  const { key, headers, guess, maxShort, shortfall } = input
  const source = input.body[Symbol.asyncIterator]()
  let sent = 0
  let short = 0
  const overrun: Uint8Array[] = [] // what the body has past the guess
  async function* upToGuess(): AsyncIterable<Uint8Array> {
    while (sent < guess) {
      const next = await source.next()
      if (next.done) {
        short = guess - sent
        if (short > maxShort) throw shortfall()
        sent = guess
        for (let left = short; left > 0; left -= FILLER.length)
          yield left < FILLER.length ? FILLER.subarray(0, left) : FILLER
        return
      }
      let chunk = next.value
      if (sent + chunk.length > guess) {
        overrun.push(chunk.subarray(guess - sent))
        chunk = chunk.subarray(0, guess - sent)
      }
      sent += chunk.length
      yield chunk
    }
  }
  await client.send({ method: 'PUT', key, headers, stream: { chunks: upToGuess(), length: guess } })

  try {
    if (short > 0) {
      await keepFirst(client, key, headers, guess - short)
      return { size: guess - short }
    }
    let over = overrun.reduce((sum, bytes) => sum + bytes.length, 0)
    for (let next = await source.next(); !next.done; next = await source.next()) {
      over += next.value.length
      if (over > MAX_OVERRUN) throw new Error(`the body ran ${over} bytes past its guessed length ${guess}`)
      overrun.push(next.value)
    }
    if (over > 0) await append(client, key, headers, guess, Buffer.concat(overrun))
    return { size: guess + over }
  } catch (error) {
    await client.send({ method: 'DELETE', key, accept: [404] }).catch(() => {
      // The lifecycle rule of `dropgate storage setup` expires it with every other upload.
    })
    throw error
  }
}

/** Rewrites the object as its first `length` bytes, within the store (also what `storage check` tries). */
export async function keepFirst(
  client: S3Client,
  key: string,
  headers: Record<string, string>,
  length: number,
) {
  // An empty file: nothing to copy (a byte range cannot be empty), and nothing to send.
  if (length === 0) {
    await client.send({ method: 'PUT', key, headers, body: new Uint8Array(0) })
    return
  }
  await rewrite(client, key, headers, async (uploadId) => [
    await copyPart(client, key, uploadId, 1, { source: key, range: `bytes=0-${length - 1}` }),
  ])
}

/**
 * Rewrites the object (`length` bytes) as itself followed by `tail`. Within the store when the object
 * is at least S3's 5 MiB part minimum (a copy of itself as part 1); a smaller one is read back and put
 * again with its tail: under 5 MiB, once per form closed without its last CRLF (no browser, curl or
 * HTTP library sends one).
 */
async function append(
  client: S3Client,
  key: string,
  headers: Record<string, string>,
  length: number,
  tail: Uint8Array,
) {
  if (length < MIN_PART_SIZE) {
    const stored = await client.send({ method: 'GET', key, maxBodyBytes: length })
    const whole = Buffer.concat([stored.body, tail])
    await client.send({ method: 'PUT', key, headers, stream: { chunks: [whole], length: whole.length } })
    return
  }
  await rewrite(client, key, headers, async (uploadId) => {
    const first = await copyPart(client, key, uploadId, 1, { source: key })
    const answer = await client.send({
      method: 'PUT',
      key,
      query: { partNumber: '2', uploadId },
      stream: { chunks: [tail], length: tail.length },
    })
    const etag = answer.headers.get('etag')
    if (!etag) throw new Error(`S3 UploadPart 2 of ${key}: no ETag in the answer`)
    return [first, etag]
  })
}

/** A multipart upload onto the object's own key from `parts`, aborted if anything fails. */
async function rewrite(
  client: S3Client,
  key: string,
  headers: Record<string, string>,
  parts: (uploadId: string) => Promise<string[]>,
) {
  const uploadId = await createUpload(client, key, headers)
  try {
    await completeUpload(client, key, uploadId, await parts(uploadId))
  } catch (error) {
    await client.send({ method: 'DELETE', key, query: { uploadId }, accept: [404] }).catch(() => {})
    throw error
  }
}
