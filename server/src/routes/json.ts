import { DropgateError, errors } from '../errors.js'

/** A JSON-mode body is a few hundred bytes; anything near this is not a client of this API. */
const MAX_JSON_BYTES = 64 * 1024

/** Reads a bounded JSON body that must be an object (API.md §2: else `Invalid JSON body`). */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const chunks: Uint8Array[] = []
  let length = 0
  for await (const chunk of request.body ?? []) {
    length += chunk.length
    if (length > MAX_JSON_BYTES)
      throw new DropgateError('body_too_large', 413, 'JSON body too large (max 64KB)')
    chunks.push(chunk)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw errors.invalidJson()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.invalidJson()
  return parsed as Record<string, unknown>
}

export function success<T>(data: T) {
  return { code: 200 as const, msg: 'success' as const, data }
}
