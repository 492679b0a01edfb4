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
  /**
   * Part URLs being signed right now, by part number. Several parts go up at once, so several
   * misses come together: each waits for the batch that already asks for its part instead of
   * sending an overlapping one.
   */
  pending: Map<number, Promise<string>>
  uploadId?: string
  /** An adopted upload's first ListParts answer (a blob: URL), used once. */
  listUrl?: string
}

/** `promise`, given up on (not cancelled: others may wait for it too) when `signal` aborts. */
const until = <T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> =>
  signal
    ? new Promise<T>((resolve, reject) => {
        const stop = () => reject(signal.reason)
        if (signal.aborted) return stop()
        signal.addEventListener('abort', stop, { once: true })
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
      })
    : promise

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
      state.pending.clear()
    }
    return state
  }

  /** Signs `first` and the parts after it with no fresh or pending URL, up to a batch, in one call. */
  const signParts = (state: UploadState, uploadId: string, first: number): Promise<string> => {
    const { ticket, fileId, partCount } = state.created
    const wanted: number[] = []
    for (let n = first; n <= partCount && wanted.length < BATCH; n++) {
      const known = state.parts.get(n)
      if (n === first || !(state.pending.has(n) || (known && fresh(known.signedAt)))) wanted.push(n)
    }
    const signedAt = now()
    const batch = api
      .signUploadStep(fileId, { ticket, uploadId, step: 'parts', partNumbers: wanted })
      .then((signed) => {
        const urls = new Map(signed.map((part, i) => [part.partNumber ?? (wanted[i] as number), part.url]))
        // Answers for an upload id that has since been replaced are not kept.
        if (state.uploadId === uploadId) for (const [n, url] of urls) state.parts.set(n, { url, signedAt })
        return urls
      })
    const own = new Map<number, Promise<string>>()
    for (const n of wanted) {
      const url = batch.then((urls) => {
        const signed = urls.get(n)
        if (signed === undefined) throw new Error(`Dropgate: the server signed no URL for part ${n}`)
        return signed
      })
      // Nobody may be waiting for this part yet; its failure is reported to whoever asks for it.
      url.catch(() => {})
      own.set(n, url)
      state.pending.set(n, url)
    }
    // Settled, the batch is in `parts` (or failed, and the next miss asks again).
    const done = () => {
      for (const [n, url] of own) if (state.pending.get(n) === url) state.pending.delete(n)
    }
    batch.then(done, done)
    return own.get(first) as Promise<string>
  }

  return {
    async create(file: Tracked, contentType: string, signal?: AbortSignal) {
      const created = await api.createMultipartUpload(
        { filename: file.name, contentType: contentType || file.type, fileSize: file.size },
        signal,
      )
      uploads.set(file, { created, parts: new Map(), pending: new Map(), uploadId: created.uploadId })
      return created.uploadId
    },

    async sign(step: MultipartStep, file: Tracked, request: SignRequestInput, signal?: AbortSignal) {
      // The server creates every multipart upload (docs/API.md §2.5): there is no URL to sign for it.
      if (step === 'createMultipartUpload')
        throw new Error('Dropgate: multipart uploads are created by the server (createMultipartUpload)')
      const state = stateOf(file, request)
      const uploadId = request.uploadId as string
      if (step === 'uploadPart') {
        const partNumber = request.partNumber as number
        const cached = state.parts.get(partNumber)
        if (cached && fresh(cached.signedAt)) return { method: 'PUT', url: cached.url, headers: {} }
        const url = state.pending.get(partNumber) ?? signParts(state, uploadId, partNumber)
        return { method: 'PUT', url: await until(url, signal), headers: {} }
      }
      if (step === 'listParts' && state.listUrl) {
        const url = state.listUrl
        state.listUrl = undefined
        return { method: 'GET', url, headers: {} }
      }
      const { ticket, fileId } = state.created
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

    planOf: (file: Tracked) => uploads.get(file)?.created,

    adopt(file: Tracked, created: CreatedMultipart, listUrl: string) {
      uploads.set(file, { created, parts: new Map(), pending: new Map(), listUrl })
    },

    refresh(file: Tracked) {
      const state = uploads.get(file)
      state?.parts.clear()
      state?.pending.clear()
    },
  }
}
