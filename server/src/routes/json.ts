import { DropgateError, errors } from '../errors.js'

/** A JSON-mode body is a few hundred bytes; anything near this is not a client of this API. */
const MAX_JSON_BYTES = 64 * 1024

/** Reads a bounded JSON body that must be an object (API.md §2: else `Invalid JSON body`). */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: Buffer
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared)) {
    // A declared length is enforced by the HTTP layer, so it can be checked before reading. Reading
    // whole (not `request.body`) also keeps @hono/node-server on its fast path: no web Request and
    // ReadableStream are built for the body, which was most of the cost of a JSON-mode presign.
    if (Number(declared) > MAX_JSON_BYTES) throw tooLarge()
    body = Buffer.from(await request.arrayBuffer())
  } else {
    const chunks: Uint8Array[] = []
    let length = 0
    for await (const chunk of request.body ?? []) {
      length += chunk.length
      if (length > MAX_JSON_BYTES) throw tooLarge()
      chunks.push(chunk)
    }
    body = Buffer.concat(chunks)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    throw errors.invalidJson()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.invalidJson()
  return parsed as Record<string, unknown>
}

const tooLarge = () => new DropgateError('body_too_large', 413, 'JSON body too large (max 64KB)')

export function success<T>(data: T) {
  return { code: 200 as const, msg: 'success' as const, data }
}
