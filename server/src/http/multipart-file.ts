import { Buffer } from 'node:buffer'
import type { Readable } from 'node:stream'
import busboy from 'busboy'
import type { Context } from 'hono'
import type { BodyLengthHint } from '../core/length-hint.js'
import { fail } from '../errors.js'
import { type BodyDeadlines, guardedBody } from './guarded-body.js'
import { ioOf } from './runtime-io.js'

/**
 * Streams the `file` field of a multipart/form-data request to a handler, never holding the body in
 * memory: Hono's parseBody()/formData() buffer it whole (a 100 MiB upload peaked at ~450 MiB RSS).
 */

export interface IncomingFile {
  stream: Readable
  filename: string
  mimeType: string
  /** What the request's Content-Length tells of this file's length (absent for a chunked request). */
  lengthHint?: BodyLengthHint
}

export interface ReceiveOptions {
  field: string
  /** A hard ceiling above every cap; the handler enforces the cap of the file's own type. */
  maxBytes: number
  /** How long the body may stall, and when the server stops (`guardedBody`). */
  deadlines: BodyDeadlines
}

// What may follow the file in a body these limits accept: every other part's boundary line and
// headers (busboy caps a part's headers at 16 KiB), every field's value, the closing boundary (RFC 2046
// boundaries are at most 70 characters). Only what no accepted form has, another file part or a field
// past its size, can make the file end sooner than Content-Length less this margin.
const LIMITS = { files: 1, fields: 32, fieldSize: 64 * 1024, parts: 64 }
const PART_OVERHEAD = 16 * 1024 + 2 * (70 + 4)
const TRAILING_ALLOWANCE = LIMITS.parts * PART_OVERHEAD + LIMITS.fields * LIMITS.fieldSize + 70 + 8

const trailingParts = () => fail('parts_after_file')

const RECENT_CHUNKS = 2

/**
 * What is kept until the file's first bytes arrive: the body's first chunk, and the last chunks handed
 * to the parser with where each starts in the body (busboy passes a file's bytes on as views into them).
 */
interface Placing {
  first: Uint8Array | null
  recent: { chunk: Uint8Array; at: number }[]
}

/** Where `view` starts in the body, if it is a view into one of the `recent` chunks. */
export function placeInBody(view: Uint8Array, recent: Placing['recent']): number | null {
  for (const { chunk, at } of recent) {
    const offset = view.byteOffset - chunk.byteOffset
    if (view.buffer === chunk.buffer && offset >= 0 && offset + view.length <= chunk.length)
      return at + offset
  }
  return null
}

/** The boundary parameter of a multipart/form-data Content-Type (RFC 2046 §5.1.1), or null. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"\\]+)"|([^\s;"]+))\s*(?:;|$)/i.exec(contentType)
  return match ? ((match[1] ?? match[2]) as string) : null
}

/** The body's first bytes are the opening boundary line, as from every browser, curl and library. */
function opensWith(first: Uint8Array | null, boundary: string): boolean {
  const line = `--${boundary}\r\n`
  return (
    first !== null &&
    Buffer.from(first.buffer, first.byteOffset, first.length).toString('latin1', 0, line.length) === line
  )
}

/** The file's whole length if the form ends right after it, told from where its first bytes lie. */
function lengthIfLastOf(view: unknown, placing: Placing, contentLength: number, contentType: string) {
  const boundary = boundaryOf(contentType)
  if (!(view instanceof Uint8Array) || boundary === null || !opensWith(placing.first, boundary)) return null
  const start = placeInBody(view, placing.recent)
  // What a form that ends with the file has after it: CRLF "--" boundary "--" CRLF.
  return start === null ? null : contentLength - start - (boundary.length + 8)
}

const malformed = () => fail('malformed_multipart')

/**
 * Resolves with the handler's result, or null when the body has no such field. However the request
 * ends (the client gone or stalled, a malformed body, the handler refusing the file), the file stream
 * handed to the handler ends with that error, so what it was writing is released and removed, and the
 * answer waits for the handler to have cleaned up.
 */
export function receiveFile<T>(
  c: Context,
  options: ReceiveOptions,
  handle: (file: IncomingFile) => Promise<T>,
): Promise<T | null> {
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': c.req.header('content-type') ?? '' },
      // Browsers, curl and requests send a non-ASCII filename as raw UTF-8 (busboy assumes latin1).
      defParamCharset: 'utf8',
      // busboy stops a file *at* fileSize: one byte more lets the handler see that the cap was passed.
      limits: { ...LIMITS, fileSize: options.maxBytes + 1 },
    })
  } catch {
    return Promise.reject(malformed())
  }
  const source = ioOf(c).bodyStream(c)
  if (!source) return Promise.resolve(null)
  const declared = c.req.header('content-length')
  const contentLength = declared !== undefined && /^\d{1,15}$/.test(declared) ? Number(declared) : null
  let fed = 0 // bytes of the body handed to the parser so far
  // Chunks kept only until the file's first bytes are placed (null after: nothing kept per chunk).
  let placing: Placing | null = contentLength === null ? null : { first: null, recent: [] }
  let lengthIfLast: number | null = null
  // The file's bytes not yet taken from its stream are at least the body's bytes not yet parsed, less
  // what may follow the file: those still inside the parser only add to them.
  const lengthHint: BodyLengthHint | undefined =
    contentLength === null
      ? undefined
      : {
          atLeastRemaining: () => Math.max(0, contentLength - fed - TRAILING_ALLOWANCE),
          shortfall: trailingParts,
          lengthIfLast: () => lengthIfLast,
        }

  return new Promise<T | null>((resolve, reject) => {
    let file: Readable | null = null
    let handled: Promise<unknown> | null = null
    let failed = false
    let parsing = true
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      parsing = false
      // No more parsing: the body is read and dropped from here on, which a wait for the parser to
      // drain (it never will, its file stream gone) must not hold up.
      parser.destroy()
      // The handler's side of the stream fails too: it stops writing, gives back what it holds and
      // deletes what it wrote. The answer goes once it has.
      if (file && !file.destroyed) file.destroy(error as Error)
      if (handled)
        handled.then(
          () => reject(error),
          () => reject(error),
        )
      else reject(error)
    }
    parser.on('file', (name, stream, info) => {
      if (name !== options.field || file) {
        // Dropped; it fails with the parser if the request does (a client gone): not a crash.
        stream.on('error', () => {})
        stream.resume()
        return
      }
      file = stream
      // The file's first bytes tell where it starts in the body (then `push` is busboy's own again).
      const place = placing
      if (place && contentLength !== null) {
        const push = stream.push
        stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
          stream.push = push
          lengthIfLast = lengthIfLastOf(chunk, place, contentLength, c.req.header('content-type') ?? '')
          placing = null
          return push.call(stream, chunk, encoding)
        }
      }
      const outcome = handle({
        stream,
        filename: info.filename ?? '',
        mimeType: info.mimeType ?? '',
        ...(lengthHint && { lengthHint }),
      })
      handled = outcome.catch(() => {})
      outcome.then(
        (value) => {
          if (!failed) resolve(value)
        },
        (error) => fail(error),
      )
    })
    parser.on('close', () => {
      if (!file && !failed) resolve(null)
    })
    parser.on('error', () => fail(malformed()))
    void (async () => {
      try {
        for await (const chunk of guardedBody(source, options.deadlines)) {
          // After a failure the rest is read and dropped (guardedBody's deadlines still apply).
          if (!parsing) continue
          if (placing) {
            if (fed === 0) placing.first = chunk
            placing.recent.push({ chunk, at: fed })
            if (placing.recent.length > RECENT_CHUNKS) placing.recent.shift()
          }
          fed += chunk.length
          if (!parser.write(chunk)) await writable(parser)
        }
        if (parsing) parser.end()
      } catch (error) {
        fail(error)
      }
    })()
  })
}

/** Resolves once the parser takes more, or can take nothing more (it failed or closed). */
function writable(parser: busboy.Busboy): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done)
      parser.off('error', done)
      parser.off('close', done)
      resolve()
    }
    parser.on('drain', done)
    parser.on('error', done)
    parser.on('close', done)
  })
}
