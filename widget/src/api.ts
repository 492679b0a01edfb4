import {
  CreateFileAnswer,
  CreateMultipartAnswer,
  PresignedStep as PresignedStepWire,
  readWire,
  SignedParts,
  type UploadStep,
} from '@dropgate/core'
import type { Credentials } from './options.js'
import { parsePolicy, type ServerPolicy } from './policy.js'
import { withRetry } from './retry.js'

/** A failed call to the server; `code` and `msg` are the wire's (docs/API.md §2.1), 0 when no answer came. */
export interface ApiError extends Error {
  readonly name: 'DropgateApiError'
  readonly code: number
  readonly msg: string
}

export const apiError = (code: number, msg: string): ApiError =>
  Object.assign(new Error(msg), { name: 'DropgateApiError' as const, code, msg })

export const isApiError = (error: unknown): error is ApiError =>
  error instanceof Error && error.name === 'DropgateApiError'

/** `data` of `POST /api/v1/files` in JSON mode. */
export interface CreatedUpload {
  readonly fileId: string
  readonly uploadUrl: string
  readonly publicUrl: string
  /** Headers the PUT must send, as signed; browser-forbidden ones already removed. */
  readonly headers: Readonly<Record<string, string>>
  /** When `uploadUrl` stops working, in ms since the epoch; `undefined` if the server did not say. */
  readonly expiresAt?: number
}

/** `data` of `POST /api/v1/files/{fileId}/complete`, as the wire names it. */
export interface CompletedFile {
  readonly id: string
  readonly url: string
  readonly filename?: string
  readonly content_type?: string
  readonly size_bytes?: number
  readonly created_at?: string
  readonly expires_at?: string
}

/** `data` of `POST /api/v1/uploads`: a multipart upload's plan, its sealed ticket and its first step. */
export interface CreatedMultipart {
  readonly fileId: string
  readonly publicUrl: string
  readonly partSize: number
  readonly partCount: number
  readonly ticket: string
  readonly create: { readonly method: 'POST'; readonly url: string; readonly headers: Record<string, string> }
}

export type { UploadStep }

/** A presigned S3 request, as `POST /api/v1/uploads/{fileId}/sign` answers each step. */
export interface PresignedStep {
  readonly method: 'PUT' | 'POST' | 'GET' | 'DELETE'
  readonly url: string
  readonly headers: Record<string, string>
}

export interface Api {
  getPolicy(signal?: AbortSignal): Promise<ServerPolicy>
  createMultipartUpload(
    file: { readonly filename: string; readonly contentType: string; readonly fileSize: number },
    signal?: AbortSignal,
  ): Promise<CreatedMultipart>
  /** For step `parts`, one presigned PUT per part number, in order; for the others, one request. */
  signUploadStep(
    fileId: string,
    request: {
      ticket: string
      uploadId: string
      step: UploadStep
      partNumbers?: readonly number[]
      /** For `list`: the page after this part number (docs/API.md §2.5). */
      partNumberMarker?: number
    },
    signal?: AbortSignal,
  ): Promise<(PresignedStep & { partNumber?: number })[]>
  createUpload(
    file: { readonly filename: string; readonly contentType: string; readonly fileSize: number },
    signal?: AbortSignal,
  ): Promise<CreatedUpload>
  completeUpload(fileId: string, signal?: AbortSignal): Promise<CompletedFile>
  /** Removes a stored file; only upload tokens and secret keys may (docs/API.md §2.4). */
  deleteFile(fileId: string, signal?: AbortSignal): Promise<void>
}

export interface ApiConfig {
  readonly endpoint: string
  readonly credentials: Credentials
  readonly fetch: typeof fetch
  /** Retry delays in ms; tests pass `[]` or short ones. */
  readonly delays?: readonly number[]
}

// Headers a page cannot set (Fetch §4.6 "forbidden request-header"); a signer that lists one would
// make the PUT throw in the browser, so they are dropped here rather than trusted.
const FORBIDDEN_HEADER =
  /^(accept-charset|accept-encoding|access-control-request-.*|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i

// Worth another try: no answer at all, a timeout, a rate limit or a server-side failure.
const isTransient = (error: unknown) =>
  isApiError(error) && (error.code === 0 || error.code === 408 || error.code === 429 || error.code >= 500)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function createApi({ endpoint, credentials, fetch: fetchImpl, delays }: ApiConfig): Api {
  let token: Promise<string> | undefined

  const bearer = (fresh = false): Promise<string> => {
    const { getToken } = credentials
    if (getToken) {
      if (fresh || !token) {
        token = Promise.resolve().then(getToken)
        // A failed fetch of a token is not kept: the next upload asks again.
        token.catch(() => {
          token = undefined
        })
      }
      return token
    }
    return Promise.resolve(credentials.token ?? credentials.publishableKey ?? '')
  }

  async function call(path: string, init: RequestInit, authorized: boolean, signal?: AbortSignal) {
    const send = async (fresh: boolean) => {
      const headers = new Headers(init.headers)
      if (authorized) headers.set('Authorization', `Bearer ${await bearer(fresh)}`)
      let response: Response
      try {
        response = await fetchImpl(`${endpoint}${path}`, { ...init, headers, signal: signal ?? null })
      } catch (error) {
        if (signal?.aborted) throw error
        throw apiError(0, error instanceof Error ? error.message : String(error))
      }
      return readData(response)
    }
    return withRetry(
      async () => {
        try {
          return await send(false)
        } catch (error) {
          // An upload token may have expired between uploads: one fresh token from getToken(), then
          // give up (a 401, or a 403 that says the token expired).
          if (
            authorized &&
            credentials.getToken &&
            isApiError(error) &&
            (error.code === 401 || (error.code === 403 && /expired/i.test(error.msg)))
          )
            return send(true)
          throw error
        }
      },
      { shouldRetry: isTransient, ...(signal && { signal }), ...(delays && { delays }) },
    )
  }

  return {
    async getPolicy(signal) {
      return parsePolicy(await call('/api/v1/policy', { method: 'GET' }, false, signal))
    },

    async createUpload({ filename, contentType, fileSize }, signal) {
      const data = await call('/api/v1/files', postJson({ filename, contentType, fileSize }), true, signal)
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
    },

    async createMultipartUpload({ filename, contentType, fileSize }, signal) {
      const data = await call('/api/v1/uploads', postJson({ filename, contentType, fileSize }), true, signal)
      const read = readWire(CreateMultipartAnswer, data)
      if (!read.ok) throw apiError(502, 'The server answered an incomplete multipart upload')
      const { fileId, publicUrl, partSize, partCount, ticket, create } = read.value
      return {
        fileId,
        publicUrl,
        partSize,
        partCount,
        ticket,
        create: { method: 'POST', url: create.url, headers: safeHeaders(create.headers) },
      }
    },

    async signUploadStep(fileId, request, signal) {
      const data = await call(
        `/api/v1/uploads/${encodeURIComponent(fileId)}/sign`,
        postJson(request),
        true,
        signal,
      )
      const read = request.step === 'parts' ? readWire(SignedParts, data) : readWire(PresignedStepWire, data)
      if (!read.ok) throw apiError(502, 'The server answered a signing step without URLs')
      const steps = 'parts' in read.value ? read.value.parts : [read.value]
      return steps.map((s) => ({
        method: s.method ?? 'PUT',
        url: s.url,
        headers: safeHeaders(s.headers),
        ...(s.partNumber !== undefined && { partNumber: s.partNumber }),
      }))
    },

    async completeUpload(fileId, signal) {
      // One URL for every file (docs/API.md §2.3, `{fileId}`): the browser's CORS preflight of it is
      // cached after the first file, where each file's own `/files/{id}/complete` costs one more.
      const data = await call('/api/v1/files/complete', postJson({ fileId }), true, signal)
      if (typeof data.id !== 'string' || typeof data.url !== 'string') {
        throw apiError(502, 'The server confirmed the upload without id or url')
      }
      return data as unknown as CompletedFile
    },

    async deleteFile(fileId, signal) {
      await call(`/api/v1/files/${encodeURIComponent(fileId)}`, { method: 'DELETE' }, true, signal)
    },
  }
}

/** A POST of a JSON body, as every signer route but the policy takes. */
const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

/** Signed headers a page may send: browser-forbidden ones are dropped rather than trusted. */
function safeHeaders(headers: unknown): Record<string, string> {
  const safe: Record<string, string> = {}
  if (isRecord(headers))
    for (const [name, value] of Object.entries(headers))
      if (typeof value === 'string' && !FORBIDDEN_HEADER.test(name)) safe[name] = value
  return safe
}

/** The `data` of a success answer, or the answer's own `code`/`msg` as an `ApiError`. */
async function readData(response: Response): Promise<Record<string, unknown>> {
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
