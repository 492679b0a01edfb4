import type { Api, CreatedMultipart, PresignedStep } from './api.js'
import type { Tracked } from './registry.js'
import type { MultipartSigner, MultipartStep, SignedRequest, SignRequestInput } from './sign-request.js'

/**
 * Signs the steps of an S3 multipart upload through the server's `/api/v1/uploads` routes. The server
 * plans the parts and seals the plan in a ticket; part URLs are asked for in batches, so a 1 GiB file
 * costs a handful of round trips to the signer, not one per part.
 */

/** Part URLs asked for at once: the server's limit per call. */
const BATCH = 100
// A part URL this close to its expiry is signed again rather than used.
const EXPIRY_MARGIN_MS = 60_000

interface UploadState {
  created: CreatedMultipart
  /** Part URLs already signed for the current upload id, with when they were signed. */
  parts: Map<number, { url: string; signedAt: number }>
  uploadId?: string
}

export interface MultipartSignerConfig {
  readonly api: Api
  /** How long a signed URL is good for, in ms (the server's upload URL lifetime). */
  readonly urlLifetimeMs?: number
  readonly now?: () => number
}

export function createMultipartSigner({
  api,
  urlLifetimeMs = 600_000,
  now = Date.now,
}: MultipartSignerConfig): MultipartSigner {
  const uploads = new WeakMap<Tracked, UploadState>()
  const fresh = (signedAt: number) => now() - signedAt < urlLifetimeMs - EXPIRY_MARGIN_MS
  const asSigned = (step: PresignedStep): SignedRequest => ({
    method: step.method,
    url: step.url,
    headers: step.headers,
  })

  const stateOf = (file: Tracked, request: SignRequestInput): UploadState => {
    const state = uploads.get(file)
    if (!state) throw new Error('Dropgate: a multipart step came before the upload was created')
    if (request.uploadId && state.uploadId !== request.uploadId) {
      // A new upload id (Uppy started over): URLs signed for the old one are useless.
      state.uploadId = request.uploadId
      state.parts.clear()
    }
    return state
  }

  return {
    async sign(step: MultipartStep, file: Tracked, request: SignRequestInput, signal?: AbortSignal) {
      if (step === 'createMultipartUpload') {
        const created = await api.createMultipartUpload(
          { filename: file.name, contentType: request.contentType || file.type, fileSize: file.size },
          signal,
        )
        uploads.set(file, { created, parts: new Map() })
        return { method: 'POST', url: created.create.url, headers: created.create.headers }
      }
      const state = stateOf(file, request)
      const uploadId = request.uploadId as string
      const { ticket, fileId, partCount } = state.created
      if (step === 'uploadPart') {
        const partNumber = request.partNumber as number
        const cached = state.parts.get(partNumber)
        if (cached && fresh(cached.signedAt)) return { method: 'PUT', url: cached.url, headers: {} }
        // This part and the ones after it that have no fresh URL yet, up to a batch.
        const wanted: number[] = []
        for (let n = partNumber; n <= partCount && wanted.length < BATCH; n++) {
          const known = state.parts.get(n)
          if (n === partNumber || !known || !fresh(known.signedAt)) wanted.push(n)
        }
        const signedAt = now()
        const signed = await api.signUploadStep(
          fileId,
          { ticket, uploadId, step: 'parts', partNumbers: wanted },
          signal,
        )
        signed.forEach((part, i) => {
          state.parts.set(part.partNumber ?? (wanted[i] as number), { url: part.url, signedAt })
        })
        const own = signed.find((part) => part.partNumber === partNumber) ?? signed[0]
        if (!own) throw new Error(`Dropgate: the server signed no URL for part ${partNumber}`)
        return { method: 'PUT', url: own.url, headers: {} }
      }
      const stepName = (
        { listParts: 'list', completeMultipartUpload: 'complete', abortMultipartUpload: 'abort' } as const
      )[step]
      const [signed] = await api.signUploadStep(fileId, { ticket, uploadId, step: stepName }, signal)
      if (!signed) throw new Error(`Dropgate: the server signed no URL for ${step}`)
      return asSigned(signed)
    },

    fileIdOf(file: Tracked) {
      return uploads.get(file)?.created.fileId
    },
  }
}
