import { CreateFileAnswer, readWire } from '@dropgate/core'
import type { ApiError, CompletedFile, CreatedUpload, Settled } from './api-types.js'

/** A failed call to the server; `code` and `msg` are the wire's (docs/API.md §2.1), 0 when no answer came. */
export const apiError = (code: number, msg: string): ApiError =>
  Object.assign(new Error(msg), { name: 'DropgateApiError' as const, code, msg })

export const isApiError = (error: unknown): error is ApiError =>
  error instanceof Error && error.name === 'DropgateApiError'

/** Worth another try: no answer at all, a timeout, a rate limit or a server-side failure. */
export const isTransient = (error: unknown): boolean =>
  isApiError(error) && (error.code === 0 || error.code === 408 || error.code === 429 || error.code >= 500)

// Headers a page cannot set (Fetch §4.6 "forbidden request-header"); a signer that lists one would
// make the PUT throw in the browser, so they are dropped here rather than trusted.
const FORBIDDEN_HEADER =
  /^(accept-charset|accept-encoding|access-control-request-.*|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Signed headers a page may send: browser-forbidden ones are dropped rather than trusted. */
export function safeHeaders(headers: unknown): Record<string, string> {
  const safe: Record<string, string> = {}
  if (isRecord(headers))
    for (const [name, value] of Object.entries(headers))
      if (typeof value === 'string' && !FORBIDDEN_HEADER.test(name)) safe[name] = value
  return safe
}

/** A POST of a JSON body, as every signer route but the policy takes. */
export const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

/** The `data` of a success answer, or the answer's own `code`/`msg` as an `ApiError`. */
export async function readData(response: Response): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  const answer = isRecord(body) ? body : {}
  if (!response.ok) {
    const code = typeof answer.code === 'number' ? answer.code : response.status
    const msg = typeof answer.msg === 'string' ? answer.msg : response.statusText || `HTTP ${response.status}`
    throw apiError(code, msg)
  }
  if (!isRecord(answer.data)) throw apiError(502, 'The server answered without data')
  return answer.data
}

/** One JSON-mode answer of `POST /api/v1/files` (docs/API.md §2.2), single or a batch's entry. */
export function readCreated(data: unknown, contentType: string): CreatedUpload {
  const read = readWire(CreateFileAnswer, data)
  if (!read.ok) throw apiError(502, 'The server answered without fileId, uploadUrl or publicUrl')
  const { fileId, uploadUrl, publicUrl, headers, expiresAt } = read.value
  const signed = safeHeaders(headers)
  // The store refuses a PUT whose Content-Type differs from the signed one (docs/API.md §2.2).
  if (!Object.keys(signed).some((name) => name.toLowerCase() === 'content-type')) {
    signed['Content-Type'] = contentType
  }
  const expiry = expiresAt === undefined ? Number.NaN : Date.parse(expiresAt)
  return {
    fileId,
    uploadUrl,
    publicUrl,
    headers: signed,
    ...(Number.isFinite(expiry) && { expiresAt: expiry }),
  }
}

/** One answer of `complete` (docs/API.md §2.3), single or a batch's entry. */
export function readCompleted(data: unknown): CompletedFile {
  if (!isRecord(data) || typeof data.id !== 'string' || typeof data.url !== 'string') {
    throw apiError(502, 'The server confirmed the upload without id or url')
  }
  return data as unknown as CompletedFile
}

/**
 * The entries of a batch answer (`data.files`, docs/API.md §2.2, §2.3), one per item sent, in order:
 * `{code:200,msg,data}` read by `read`, or that file's own `{code,msg}` as its `ApiError`. A missing
 * or malformed entry fails its file alone.
 */
export function readEntries<T>(
  data: Record<string, unknown>,
  count: number,
  read: (data: unknown, index: number) => T,
): Settled<T>[] {
  const files = Array.isArray(data.files) ? (data.files as unknown[]) : []
  return Array.from({ length: count }, (_, i): Settled<T> => {
    const entry = files[i]
    try {
      if (!isRecord(entry) || typeof entry.code !== 'number')
        throw apiError(502, 'The server answered the batch without this file')
      if (entry.code !== 200)
        throw apiError(entry.code, typeof entry.msg === 'string' ? entry.msg : `HTTP ${entry.code}`)
      return { ok: true, value: read(entry.data, i) }
    } catch (error) {
      return { ok: false, error }
    }
  })
}
