import type { Readable } from 'node:stream'
import { Readable as NodeReadable } from 'node:stream'
import busboy from 'busboy'
import { DropgateError } from '../errors.js'

/**
 * Streams the `file` field of a multipart/form-data request to a handler, never holding the body in
 * memory: Hono's parseBody()/formData() buffer it whole (a 100 MiB upload peaked at ~450 MiB RSS).
 */

export interface IncomingFile {
  stream: Readable
  filename: string
  mimeType: string
}

export interface ReceiveOptions {
  field: string
  /** A hard ceiling above every cap; the handler enforces the cap of the file's own type. */
  maxBytes: number
}

const malformed = () => new DropgateError('malformed_multipart', 400, 'Malformed multipart/form-data body')

/** Resolves with the handler's result, or null when the body has no such field. */
export function receiveFile<T>(
  request: Request,
  options: ReceiveOptions,
  handle: (file: IncomingFile) => Promise<T>,
): Promise<T | null> {
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      // Browsers, curl and requests send a non-ASCII filename as raw UTF-8 (busboy assumes latin1).
      defParamCharset: 'utf8',
      // busboy stops a file *at* fileSize: one byte more lets the handler see that the cap was passed.
      limits: { files: 1, fileSize: options.maxBytes + 1, fields: 32, fieldSize: 64 * 1024, parts: 64 },
    })
  } catch {
    return Promise.reject(malformed())
  }
  if (!request.body) return Promise.resolve(null)
  const source = NodeReadable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>)

  return new Promise<T | null>((resolve, reject) => {
    let settled = false
    let started = false
    const finish = (error: unknown, value: T | null = null) => {
      if (settled) return
      settled = true
      if (error) {
        // Stop parsing, but keep reading and discarding what the client still sends, so it can read
        // our answer instead of seeing its connection reset mid-upload.
        source.unpipe(parser)
        source.resume()
        reject(error)
      } else resolve(value)
    }
    parser.on('file', (name, stream, info) => {
      if (name !== options.field || started) {
        stream.resume()
        return
      }
      started = true
      handle({ stream, filename: info.filename ?? '', mimeType: info.mimeType ?? '' }).then(
        (value) => finish(null, value),
        (error) => {
          stream.resume()
          finish(error)
        },
      )
    })
    parser.on('close', () => {
      if (!started) finish(null, null)
    })
    parser.on('error', () => finish(malformed()))
    source.on('error', (error) => finish(error))
    source.pipe(parser)
  })
}
