import { createHash } from 'node:crypto'
import type { ByteBudget } from './byte-budget.js'
import { type S3Client, S3RequestError } from './s3-client.js'
import { escapeXml, parseS3Error, xmlRoot, xmlText } from './s3-xml.js'

/**
 * Streams a body of unknown length into one object with a bounded buffer: the body is cut into parts
 * of exactly `partSize` bytes (the last one shorter). A body that ends within the first part goes up
 * as one PutObject; a longer one as an S3 multipart upload, `partsInFlight` parts uploading while the
 * next is read, so at most `partsInFlight + 1` parts are held at a time, and never more than the
 * driver's shared byte budget across all uploads. Any failure, the body's own
 * included (the route's size limit throws from the body iterator), aborts the multipart upload, so no
 * parts stay in the store, and is rethrown as is.
 *
 * Rules followed:
 * - S3 UploadPart: parts are 5 MiB to 5 GiB except the last, numbered 1..10,000.
 * - R2: every part but the last must have the same size (fixed `partSize` does that).
 * - S3 CompleteMultipartUpload "can return 200 OK with an error in the body": the body is checked.
 * - S3 AbortMultipartUpload: parts still uploading when it runs may survive it, so the parts in
 *   flight are waited for before aborting.
 * Chunks the body yields are held, not copied, until their part is sent: a producer must not reuse a
 * chunk's memory after yielding it (Node streams and busboy never do).
 */

export const MIN_PART_SIZE = 5 * 1024 * 1024
export const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024
const MAX_PARTS = 10_000
// S3 CompleteMultipartUpload: "processing ... could take several minutes" for many parts (S3 keeps
// the connection alive meanwhile): a longer deadline than other calls, still a bounded one.
const COMPLETE_TIMEOUT_MS = 30_000

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
}

interface Part {
  chunks: Uint8Array[]
  length: number
  sha256: string
  /** The body ended within (or right after) this part. */
  last: boolean
}

export async function streamingPut(client: S3Client, input: StreamingPutInput): Promise<{ size: number }> {
  const { key, headers, partSize, partsInFlight, budget } = input
  const readPart = partReader(input.body[Symbol.asyncIterator](), partSize)
  // The budget of the part being read, until it is handed to its upload, which gives it back once sent.
  let held: (() => void) | null = await budget.acquire(partSize)
  const giveBack = () => {
    held?.()
    held = null
  }

  let part: Part
  try {
    part = await readPart()
  } catch (error) {
    giveBack()
    throw error
  }
  if (part.last) {
    // A body within one part: one PutObject.
    try {
      await client.send({ method: 'PUT', key, headers, stream: part })
    } finally {
      giveBack()
    }
    return { size: part.length }
  }

  let uploadId: string | undefined
  try {
    const created = await client.send({ method: 'POST', key, query: { uploads: '' }, headers })
    uploadId = xmlText(created.text(), 'UploadId')
    if (!uploadId)
      throw new Error(`S3 POST /${client.settings.bucket}/${key}?uploads: no UploadId in the answer`)
  } catch (error) {
    giveBack()
    throw error
  }

  const etags: string[] = []
  const inFlight = new Set<Promise<void>>()
  let size = 0
  // The first part upload that failed, and a way to stop waiting for the body when one does. Both
  // are per-read (never one long-lived promise raced against every read: its reactions would keep
  // every part ever read reachable until the end).
  let failure: { error: unknown } | null = null
  let interruptRead: ((error: unknown) => void) | null = null
  try {
    for (let partNumber = 1; ; partNumber++) {
      if (partNumber > MAX_PARTS)
        throw new RangeError(`object larger than ${MAX_PARTS} parts of ${partSize} bytes (S3's part limit)`)
      // At most `partsInFlight` uploading; with the part in hand and the one read next, that is
      // partsInFlight + 1 parts in memory.
      if (inFlight.size >= partsInFlight) await Promise.race([...inFlight])
      const sent = part
      const paid = held as () => void
      held = null
      const upload: Promise<void> = client
        .send({ method: 'PUT', key, query: { partNumber: String(partNumber), uploadId }, stream: sent })
        .then((answer) => {
          const etag = answer.headers.get('etag')
          if (!etag) throw new Error(`S3 UploadPart ${partNumber} of ${key}: no ETag in the answer`)
          etags[partNumber - 1] = etag
          size += sent.length
        })
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
      if (sent.last) break
      held = await budget.acquire(partSize)
      const reading = readPart()
      reading.catch(() => {}) // if a failed upload interrupts the read, its own outcome no longer matters
      part = await new Promise<Part>((resolve, reject) => {
        if (failure) return reject(failure.error)
        interruptRead = reject
        reading.then(resolve, reject)
      }).finally(() => {
        interruptRead = null
      })
      // A body that ends exactly on a part boundary leaves an empty read: no part for it.
      if (part.length === 0) break
    }
    giveBack()
    await Promise.all([...inFlight])

    const completed = await client.send({
      method: 'POST',
      key,
      query: { uploadId },
      headers: { 'content-type': 'application/xml' },
      body: completeDocument(etags),
      timeoutMs: COMPLETE_TIMEOUT_MS,
      maxBodyBytes: 64 * 1024,
    })
    const text = completed.text()
    if (xmlRoot(text) !== 'CompleteMultipartUploadResult') {
      const failure = parseS3Error(text)
      // A store error (503 to the client), like a 5xx: S3 answers this way for InternalError/SlowDown.
      throw new S3RequestError(
        'store-error',
        `POST /${client.settings.bucket}/${key}?uploadId`,
        `200 with ${failure ? `${failure.code}: ${failure.message}` : 'no CompleteMultipartUploadResult'}`,
        { status: 200, code: failure?.code ?? 'BadCompleteAnswer' },
      )
    }
  } catch (error) {
    giveBack()
    // S3 AbortMultipartUpload: parts still uploading may survive it, so they settle first.
    await Promise.allSettled([...inFlight])
    await client.send({ method: 'DELETE', key, query: { uploadId }, accept: [404] }).catch(() => {
      // Nothing more to do here: the lifecycle rule AbortIncompleteMultipartUpload (see
      // `dropgate storage setup`) removes what is left after a day.
    })
    throw error
  }
  return { size }
}

/** Reads the body into parts of exactly `partSize` bytes, splitting chunks (without copying) at the boundary. */
function partReader(source: AsyncIterator<Uint8Array>, partSize: number): () => Promise<Part> {
  let carry: Uint8Array | null = null
  let ended = false
  return async () => {
    const chunks: Uint8Array[] = []
    const hash = createHash('sha256')
    let length = 0
    const take = (chunk: Uint8Array) => {
      const room = partSize - length
      const used = chunk.length > room ? chunk.subarray(0, room) : chunk
      carry = chunk.length > room ? chunk.subarray(room) : null
      chunks.push(used)
      hash.update(used)
      length += used.length
    }
    if (carry !== null) take(carry)
    while (length < partSize && !ended) {
      const next = await source.next()
      if (next.done) ended = true
      else if (next.value.length > 0) take(next.value)
    }
    // Full part: find out whether anything follows, so a body of exactly one part is one PutObject.
    while (length === partSize && carry === null && !ended) {
      const next = await source.next()
      if (next.done) ended = true
      else if (next.value.length > 0) carry = next.value
    }
    return { chunks, length, sha256: hash.digest('hex'), last: ended && carry === null }
  }
}

/** S3 CompleteMultipartUpload request body: every part's number and ETag, in order. */
function completeDocument(etags: readonly string[]): string {
  let parts = ''
  for (const [i, etag] of etags.entries())
    parts += `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXml(etag)}</ETag></Part>`
  return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts}</CompleteMultipartUpload>`
}
