import { Buffer } from 'node:buffer'
import type { Context } from 'hono'
import { errors, fail } from '../errors.js'
import { ioOf, type WholeBody } from '../http/runtime-io.js'

/** A JSON-mode body is a few hundred bytes; anything near this is not a client of this API. */
const MAX_JSON_BYTES = 64 * 1024

/**
 * Reads a bounded JSON body that must be an object (docs/API.md §2.1: else `Invalid JSON body`). Where the
 * runtime adapter offers a faster reader of the whole body (`RuntimeIo.wholeBody`: under
 * @hono/node-server, Node's own request, which skips the web Request's body machinery, ~10 µs of a
 * presign) the bytes come from it; elsewhere (tests' `app.request`, other runtimes) from the web
 * Request. Same limit, same errors.
 */
export function readJsonBody(c: Context, idleMs: number): Promise<Record<string, unknown>> {
  return readJsonObject(c.req.raw, ioOf(c).wholeBody(c), idleMs)
}

/** As readJsonBody; `whole`, when given, reads the body instead of `request`. */
export async function readJsonObject(
  request: Request,
  whole: WholeBody | null = null,
  idleMs = 30_000,
): Promise<Record<string, unknown>> {
  const declared = request.headers.get('content-length')
  const length = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null
  // A declared length is enforced by the HTTP layer, so it can be refused before reading.
  if (length !== null && length > MAX_JSON_BYTES) throw tooLarge()
  let body: Uint8Array
  if (whole !== null) body = await whole(MAX_JSON_BYTES, idleMs, tooLarge)
  // Reading whole (not `request.body`) keeps @hono/node-server on its fast path: no web
  // ReadableStream is built for the body.
  else if (length !== null) body = Buffer.from(await request.arrayBuffer())
  else {
    const chunks: Uint8Array[] = []
    let read = 0
    for await (const chunk of request.body ?? []) {
      read += chunk.length
      if (read > MAX_JSON_BYTES) throw tooLarge()
      chunks.push(chunk)
    }
    body = Buffer.concat(chunks)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
  } catch {
    throw errors.invalidJson()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.invalidJson()
  return parsed as Record<string, unknown>
}

const tooLarge = () => fail('body_too_large')

export function success<T>(data: T) {
  return { code: 200 as const, msg: 'success' as const, data }
}
