import type { ByteBudget } from '../byte-budget.js'
import type { BodyLengthHint } from '../storage.js'
import { answerMayBeLost, type S3Client, type S3Request } from './s3-client.js'
import { guessedPut, MAX_PUT_SIZE } from './s3-guessed-put.js'
import { abortIncompleteUpload, listIncompleteUploads } from './s3-incomplete-uploads.js'
import { completeUpload, createUpload, MIN_PART_SIZE } from './s3-multipart-steps.js'

/**
 * Streams a body into one object with a bounded buffer. Three ways, picked per body:
 *
 * - One PutObject as the body arrives, when the caller can tell the body's whole length if nothing
 *   follows it (`lengthHint.lengthIfLast`: a form that ends with its file): `s3-guessed-put.ts`,
 *   which also corrects the object when the body disagrees.
 * - Parts streamed straight through, when the caller knows that at least a part's worth of the body is
 *   still to come (`lengthHint`: a form's Content-Length less what may follow the file). Such a part's
 *   length is certain before its first byte, so its PUT starts at once and takes the client's bytes as
 *   they arrive: nothing is held but the chunk in hand, and parts can be large (few store requests).
 *   The part size P is fixed for the upload (R2 wants every part but the last the same size): the
 *   certain bytes split into k parts of at most MAX_STREAMED_PART, P = floor(certain / k); what is
 *   left (the hint's margin, a few MiB at most) goes up last, read whole.
 * - Parts read whole, then sent (the rest of any body, and all of a body of unknown length): parts of
 *   exactly the part size (the last one shorter). A body that ends within the first part goes up as
 *   one PutObject; a longer one as an S3 multipart upload, `partsInFlight` parts uploading while the
 *   next is read, so at most `partsInFlight + 1` parts are held at a time, and never more than the
 *   driver's shared byte budget across all uploads.
 *
 * Any failure, the body's own included (the route's size limit throws from the body iterator; a body
 * that ends before its hint promised fails with the hint's `shortfall()`), aborts the multipart
 * upload, so no parts stay in the store (an abort that fails too goes to `onFailedAbort`), and is
 * rethrown as is.
 *
 * Rules followed:
 * - S3 UploadPart: parts are 5 MiB to 5 GiB except the last, numbered 1..10,000.
 * - R2: every part but the last must have the same size (one P per upload does that).
 * - S3 CompleteMultipartUpload "can return 200 OK with an error in the body": the body is checked.
 * - S3 AbortMultipartUpload: parts still uploading when it runs may survive it, so the parts in
 *   flight are waited for before aborting.
 * Parts go up with `x-amz-content-sha256: UNSIGNED-PAYLOAD` (S3, R2, MinIO and Swift take it with a
 * header-signed request): hashing every byte twice, here and again in the store, cost the server
 * ~2.5 CPU-s per GiB; the connection (TLS in production) already guards the bytes in transit.
 * Chunks the body yields are held, not copied, until their part is sent: a producer must not reuse a
 * chunk's memory after yielding it (Node streams and busboy never do).
 */

export { MIN_PART_SIZE }
export const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024
/**
 * Largest part streamed straight through. Few parts: each multipart request costs the store more than
 * its bytes (Swift spent ~1.3 CPU-s more per GiB on 8 MiB parts than on one PUT), and a part streamed
 * is never retried, so a smaller one saves nothing. Well under S3's and R2's 5 GiB part limit.
 */
export const MAX_STREAMED_PART = 1024 * 1024 * 1024
const MAX_PARTS = 10_000

export interface StreamingPutInput {
  key: string
  body: AsyncIterable<Uint8Array>
  /** Content-Type and x-amz-meta-* headers of the object. */
  headers: Record<string, string>
  partSize: number
  /** Parts uploading at once; the body is read into one more meanwhile. */
  partsInFlight: number
  /** Shared by every upload of the driver: each part is paid for before it is read, back once sent. */
  budget: ByteBudget
  lengthHint?: BodyLengthHint
  /**
   * Called when CreateMultipartUpload failed without an answer (a timeout, a lost connection): the
   * store may have created the upload all the same, and nobody knows its id. The driver finds it by
   * its key and aborts it (`abortUploadsOf`), later, when the store answers again.
   */
  onLostCreate?: (key: string) => void
  /**
   * Called when AbortMultipartUpload failed after the upload did (the store went away with it, most
   * often): its parts stay in the store, billed, until something aborts it. The driver tries again
   * later (`retryLater`), when the store answers again.
   */
  onFailedAbort?: (key: string, uploadId: string) => void
}

interface Part {
  chunks: Uint8Array[]
  length: number
  /** The body ended within (or right after) this part. */
  last: boolean
}

/** Aborts every incomplete multipart upload of exactly `key` (S3 ListMultipartUploads by prefix). */
export async function abortUploadsOf(client: S3Client, key: string): Promise<number> {
  let aborted = 0
  for await (const upload of listIncompleteUploads(client, key))
    if (upload.key === key && (await abortIncompleteUpload(client, upload)) === 'aborted') aborted++
  return aborted
}

export async function streamingPut(client: S3Client, input: StreamingPutInput): Promise<{ size: number }> {
  const { key, headers, partSize, budget } = input
  const hint = input.lengthHint
  // A form's file of the length its Content-Length tells, if the form ends with it: one PUT, of any
  // size. It holds no share of the byte budget: a small upload from a slow client (a phone at 1 byte/s)
  // must not keep a part's worth of it, which six such clients would take whole, wedging every
  // small upload behind them.
  const guess = hint?.lengthIfLast?.() ?? null
  if (hint && guess !== null && guess <= MAX_PUT_SIZE)
    return guessedPut(client, {
      key,
      body: input.body,
      headers,
      guess,
      maxShort: guess - hint.atLeastRemaining(),
      shortfall: hint.shortfall,
    })
  const body = new BodyReader(input.body[Symbol.asyncIterator]())
  const plan = hint ? streamedPlan(hint.atLeastRemaining(), partSize, hint.shortfall) : null
  if (plan) return multipartUpload(client, input, body, plan)

  // The budget of the first part, until its upload gives it back.
  const paid = await budget.acquire(partSize)
  let first: Part
  try {
    first = await body.readPart(partSize)
  } catch (error) {
    paid()
    throw error
  }
  if (!first.last) return multipartUpload(client, input, body, { partSize }, { first, paid })
  // A body within one part: one PutObject.
  try {
    await client.send({ method: 'PUT', key, headers, stream: first })
  } finally {
    paid()
  }
  return { size: first.length }
}

interface Plan {
  /** Every part's size but the last's. */
  partSize: number
  /** Parts streamed straight from the body before any read whole, and the body's error if it ends sooner. */
  streamed?: { count: number; shortfall: () => Error }
}

/** k parts of at most MAX_STREAMED_PART within the certain bytes, or null when not even one fits. */
export function streamedPlan(certain: number, partSize: number, shortfall: () => Error): Plan | null {
  if (certain < Math.max(partSize, MIN_PART_SIZE)) return null
  const count = Math.min(Math.ceil(certain / MAX_STREAMED_PART), MAX_PARTS - 1)
  return { partSize: Math.max(Math.floor(certain / count), partSize), streamed: { count, shortfall } }
}

async function multipartUpload(
  client: S3Client,
  input: StreamingPutInput,
  body: BodyReader,
  plan: Plan,
  start?: { first: Part; paid: () => void },
): Promise<{ size: number }> {
  const { key, headers, partsInFlight, budget } = input
  const { partSize, streamed } = plan
  const streamedCount = streamed?.count ?? 0
  let uploadId: string
  try {
    uploadId = await createUpload(client, key, headers)
  } catch (error) {
    start?.paid()
    if (answerMayBeLost(error)) input.onLostCreate?.(key)
    throw error
  }
  const query = (partNumber: number) => ({ partNumber: String(partNumber), uploadId })

  const etags: string[] = []
  const inFlight = new Set<Promise<void>>()
  let size = 0
  const uploadPart = (partNumber: number, part: NonNullable<S3Request['stream']>) =>
    client.send({ method: 'PUT', key, query: query(partNumber), stream: part }).then((answer) => {
      const etag = answer.headers.get('etag')
      if (!etag) throw new Error(`S3 UploadPart ${partNumber} of ${key}: no ETag in the answer`)
      etags[partNumber - 1] = etag
      size += part.length
    })

  // The budget of the part being read, until it is handed to its upload, which gives it back once sent.
  let held: (() => void) | null = start?.paid ?? null
  const giveBack = () => {
    held?.()
    held = null
  }
  // The first part upload that failed, and a way to stop waiting for the body when one does. Both
  // are per-read (never one long-lived promise raced against every read: its reactions would keep
  // every part ever read reachable until the end).
  let failure: { error: unknown } | null = null
  let interruptRead: ((error: unknown) => void) | null = null
  try {
    // Streamed parts, one after the other: each takes the body's next bytes as they come.
    if (streamed)
      for (let partNumber = 1; partNumber <= streamed.count; partNumber++)
        await uploadPart(partNumber, { chunks: body.exactly(partSize, streamed.shortfall), length: partSize })

    // Parts read whole: all of the body, or the short tail after streamed parts. The tail is at
    // most what may follow the file in its form (the hint's margin), so one base part's budget pays.
    let part: Part
    if (start) part = start.first
    else {
      held = await budget.acquire(input.partSize)
      part = await body.readPart(partSize)
    }
    for (let partNumber = streamedCount + 1; part.length > 0; partNumber++) {
      if (partNumber > MAX_PARTS)
        throw new RangeError(`object larger than ${MAX_PARTS} parts of ${partSize} bytes (S3's part limit)`)
      // At most `partsInFlight` uploading; with the part in hand and the one read next, that is
      // partsInFlight + 1 parts in memory.
      if (inFlight.size >= partsInFlight) await Promise.race([...inFlight])
      const paid = held as () => void
      held = null
      const upload: Promise<void> = uploadPart(partNumber, part)
        .catch((error: unknown) => {
          failure ??= { error }
          interruptRead?.(error)
          throw error
        })
        .finally(() => {
          inFlight.delete(upload)
          paid()
        })
      upload.catch(() => {}) // observed through `failure` and the awaits below
      inFlight.add(upload)
      if (part.last) break
      held = await budget.acquire(partSize)
      const reading = body.readPart(partSize)
      reading.catch(() => {}) // if a failed upload interrupts the read, its own outcome no longer matters
      // A body that ends exactly on a part boundary leaves an empty read: no part for it (loop ends).
      part = await new Promise<Part>((resolve, reject) => {
        if (failure) return reject(failure.error)
        interruptRead = reject
        reading.then(resolve, reject)
      }).finally(() => {
        interruptRead = null
      })
    }
    giveBack()
    await Promise.all([...inFlight])

    await completeUpload(client, key, uploadId, etags)
  } catch (error) {
    giveBack()
    // S3 AbortMultipartUpload: parts still uploading may survive it, so they settle first.
    await Promise.allSettled([...inFlight])
    await client
      .send({ method: 'DELETE', key, query: { uploadId }, accept: [404] })
      .catch(() => input.onFailedAbort?.(key, uploadId))
    throw error
  }
  return { size }
}

/** The body, read either in whole parts or as exact runs of bytes, splitting chunks (without copying). */
class BodyReader {
  #carry: Uint8Array | null = null
  #ended = false
  readonly #source: AsyncIterator<Uint8Array>

  constructor(source: AsyncIterator<Uint8Array>) {
    this.#source = source
  }

  /** The next chunk, the carried-over rest of a split one first; null at the end. */
  async #next(): Promise<Uint8Array | null> {
    if (this.#carry !== null) {
      const chunk = this.#carry
      this.#carry = null
      return chunk
    }
    while (!this.#ended) {
      const next = await this.#source.next()
      if (next.done) this.#ended = true
      else if (next.value.length > 0) return next.value
    }
    return null
  }

  /** Exactly `length` bytes, yielded as they come; `shortfall()` if the body ends first. */
  async *exactly(length: number, shortfall: () => Error): AsyncIterable<Uint8Array> {
    let left = length
    while (left > 0) {
      const chunk = await this.#next()
      if (chunk === null) throw shortfall()
      if (chunk.length > left) {
        this.#carry = chunk.subarray(left)
        yield chunk.subarray(0, left)
        return
      }
      left -= chunk.length
      yield chunk
    }
  }

  /** Up to `partSize` bytes held whole; `last` when nothing follows them. */
  async readPart(partSize: number): Promise<Part> {
    const chunks: Uint8Array[] = []
    let length = 0
    while (length < partSize) {
      const chunk = await this.#next()
      if (chunk === null) break
      const room = partSize - length
      if (chunk.length > room) this.#carry = chunk.subarray(room)
      const used = chunk.length > room ? chunk.subarray(0, room) : chunk
      chunks.push(used)
      length += used.length
    }
    // Full part: find out whether anything follows, so a body of exactly one part is one PutObject.
    if (length === partSize && this.#carry === null) this.#carry = await this.#next()
    return { chunks, length, last: this.#carry === null }
  }
}
