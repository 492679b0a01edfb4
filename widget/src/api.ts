import {
  CreateMultipartAnswer,
  PresignedStep as PresignedStepWire,
  readWire,
  SignedParts,
} from '@dropgate/core'
import {
  apiError,
  isApiError,
  isTransient,
  postJson,
  readCompleted,
  readCreated,
  readData,
  readEntries,
  safeHeaders,
} from './api-answers.js'
import type { Api, ApiConfig } from './api-types.js'
import { parsePolicy } from './policy.js'
import { withRetry } from './retry.js'

export { apiError, isApiError, isTransient } from './api-answers.js'
export type {
  Api,
  ApiConfig,
  ApiError,
  CompletedFile,
  CreatedMultipart,
  CreatedUpload,
  FileToCreate,
  PresignedStep,
  Settled,
  UploadStep,
} from './api-types.js'

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
      return readCreated(data, contentType)
    },

    async createUploads(files, signal) {
      const body = {
        files: files.map(({ filename, contentType, fileSize }) => ({ filename, contentType, fileSize })),
      }
      const data = await call('/api/v1/files', postJson(body), true, signal)
      return readEntries(data, files.length, (entry, i) => readCreated(entry, files[i]?.contentType ?? ''))
    },

    async createMultipartUpload({ filename, contentType, fileSize }, signal) {
      const data = await call('/api/v1/uploads', postJson({ filename, contentType, fileSize }), true, signal)
      const read = readWire(CreateMultipartAnswer, data)
      if (!read.ok) throw apiError(502, 'The server answered an incomplete multipart upload')
      const { fileId, publicUrl, partSize, partCount, ticket, uploadId } = read.value
      return { fileId, publicUrl, partSize, partCount, ticket, uploadId }
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
      return readCompleted(await call('/api/v1/files/complete', postJson({ fileId }), true, signal))
    },

    async completeUploads(fileIds, signal) {
      const data = await call('/api/v1/files/complete', postJson({ fileIds }), true, signal)
      return readEntries(data, fileIds.length, (entry) => readCompleted(entry))
    },

    async deleteFile(fileId, signal) {
      await call(`/api/v1/files/${encodeURIComponent(fileId)}`, { method: 'DELETE' }, true, signal)
    },
  }
}
