import type { MultipartPlan } from '@dropgate/core'
import type { Api, CreatedMultipart, CreatedUpload } from './api.js'
import type { Registry, Tracked } from './registry.js'

/**
 * What Uppy 6's `@uppy/aws-s3` passes to `signRequest` (its `PresignableRequest`): the S3 operation,
 * never the file. Declared here so that only the Uppy module imports Uppy; the compiler checks there
 * that the two agree.
 */
export interface SignRequestInput {
  readonly method: 'PUT' | 'POST' | 'GET' | 'DELETE'
  readonly key: string
  readonly contentType?: string
  readonly uploadId?: string
  readonly partNumber?: number
  readonly expiresIn?: number
}

export interface SignedRequest {
  readonly method: SignRequestInput['method']
  readonly url: string
  /** Sent with the request as signed; never Host or Content-Length, which a page cannot set. */
  readonly headers: Readonly<Record<string, string>>
}

export type MultipartStep =
  | 'createMultipartUpload'
  | 'uploadPart'
  | 'listParts'
  | 'completeMultipartUpload'
  | 'abortMultipartUpload'

export type S3Step = 'putObject' | 'deleteObject' | MultipartStep

/** Which S3 operation a request is, from the fields `@uppy/aws-s3` sets for each (S3mini's requests). */
export function stepOf(request: SignRequestInput): S3Step {
  const { method, uploadId, partNumber } = request
  if (uploadId === undefined) {
    if (method === 'PUT') return 'putObject'
    if (method === 'POST') return 'createMultipartUpload'
    if (method === 'DELETE') return 'deleteObject'
  } else {
    if (method === 'PUT' && partNumber !== undefined) return 'uploadPart'
    if (method === 'GET') return 'listParts'
    if (method === 'POST') return 'completeMultipartUpload'
    if (method === 'DELETE') return 'abortMultipartUpload'
  }
  throw new TypeError(`Dropgate: unexpected S3 request ${method} ${JSON.stringify(request)}`)
}

/**
 * Signs the steps of an S3 multipart upload; `multipart-signer.ts` does it through the server's
 * `/api/v1/uploads` routes. `@uppy/aws-s3` goes multipart for files from the policy's
 * `multipart.threshold` up (see `useMultipart`). Each call
 * gets the tracked file (name, size, type, and `created` if a single PUT was tried first) and the
 * request as Uppy sent it; `uploadId` and `partNumber` are Uppy's. The browser then sends S3's XML
 * requests itself to the URLs returned here, so they must be presigned for exactly that step.
 */
export interface MultipartSigner {
  /** Has the server create the file's multipart upload (`POST /api/v1/uploads`); answers its upload id. */
  create(file: Tracked, contentType: string, signal?: AbortSignal): Promise<string>
  sign(
    step: MultipartStep,
    file: Tracked,
    request: SignRequestInput,
    signal?: AbortSignal,
  ): Promise<SignedRequest>
  /** The file's id on the server once the upload is complete, to call `.../complete` with. */
  fileIdOf(file: Tracked): string | undefined
  /** The upload failed: URLs signed so far are not reused, the next try asks for fresh ones. */
  refresh?(file: Tracked): void
  /** The server's plan of the file's multipart upload, once created (what a resume record keeps). */
  planOf?(file: Tracked): CreatedMultipart | undefined
  /**
   * Continues an upload created before a reload (uppy-resume.ts): its steps are signed with the old
   * plan and ticket, and its first ListParts is answered from `listUrl`, the parts the store holds
   * that the plan accepts (every page of them, sizes checked), not the store's first page only.
   */
  adopt?(file: Tracked, plan: CreatedMultipart, listUrl: string): void
}

export interface SignRequestConfig {
  readonly api: Api
  readonly registry: Registry
  readonly multipart: MultipartSigner
  readonly now?: () => number
}

// A presigned URL this close to its expiry is not reused: the PUT of a large file must still start
// before it expires, and clocks of browser and server differ by a few seconds.
const EXPIRY_MARGIN_MS = 60_000

/** What the patched `@uppy/aws-s3` passes to, and wants from, its `createMultipartUpload` option. */
export interface CreateMultipartInput {
  readonly key: string
  readonly fileType: string
  readonly signal?: AbortSignal
}

export interface Signer {
  /** `signRequest` for `@uppy/aws-s3`. */
  signRequest(request: SignRequestInput): Promise<SignedRequest>
  /**
   * `createMultipartUpload` for the patched `@uppy/aws-s3`: the server creates the upload, so the
   * browser sends no CreateMultipartUpload of its own. Answers the same handle as `key`.
   */
  createMultipartUpload(input: CreateMultipartInput): Promise<{ uploadId: string; key: string }>
  /**
   * Asks for a single-PUT file's upload URL now, before Uppy gets to it: Uppy starts a few files at
   * a time, and the others' URLs are then ready when their turn comes. Files asked for together go
   * out as one batch request (batched-api.ts). A failure is told when Uppy asks to sign the file.
   */
  signAhead(file: Tracked): void
}

/**
 * A single PUT asks the server for an upload URL in JSON mode (docs/API.md §2.2), sending the file's
 * name, type and size that the request itself lacks; a retry or a resume reuses that URL while it is
 * valid, so one file is one `fileId` on the server.
 */
export function createSigner({ api, registry, multipart, now = Date.now }: SignRequestConfig): Signer {
  const reusable = (file: Tracked, contentType: string) =>
    file.created !== undefined &&
    file.createdFor === contentType &&
    (file.created.expiresAt === undefined || file.created.expiresAt - EXPIRY_MARGIN_MS > now())

  const uploadUrlOf = (file: Tracked, contentType: string): Promise<CreatedUpload> => {
    if (reusable(file, contentType)) return Promise.resolve(file.created as CreatedUpload)
    const pending = file.creating
    if (pending?.contentType === contentType) return pending.answer
    const answer = api.createUpload({ filename: file.name, contentType, fileSize: file.size })
    const creating = { contentType, answer }
    file.creating = creating
    // A failed answer stays until Uppy asks for the file (signRequest hands the failure on then).
    answer.then(
      (created) => {
        if (file.creating !== creating) return
        file.created = created
        file.createdFor = contentType
        file.creating = undefined
      },
      () => {},
    )
    return answer
  }

  const fileOf = (key: string): Tracked => {
    const file = registry.byKey(key)
    if (!file) throw new Error(`Dropgate: no file for upload handle ${key}`)
    return file
  }

  return {
    async createMultipartUpload({ key, fileType, signal }) {
      return { uploadId: await multipart.create(fileOf(key), fileType, signal), key }
    },

    async signRequest(request) {
      const file = fileOf(request.key)
      const step = stepOf(request)

      if (step === 'putObject') {
        const pending = uploadUrlOf(file, request.contentType || file.type)
        // Used once: the next try of a file whose URL failed asks the server again.
        pending.catch(() => {
          if (file.creating?.answer === pending) file.creating = undefined
        })
        const created = await pending
        return { method: 'PUT', url: created.uploadUrl, headers: created.headers }
      }

      if (step === 'deleteObject') {
        // @uppy/aws-s3 6 never deletes a finished object; refuse rather than guess a route.
        throw new Error('Dropgate: deleting objects from the browser is not supported')
      }
      return multipart.sign(step, file, request)
    },

    signAhead(file) {
      void uploadUrlOf(file, file.type).catch(() => {})
    },
  }
}

/** `signRequest` alone, for callers that never sign ahead. */
export const createSignRequest = (config: SignRequestConfig): Signer['signRequest'] =>
  createSigner(config).signRequest

/**
 * Whether a file goes up in parts: only when the server published how it cuts them (each part URL
 * binds that exact length), and from the plan's threshold up, as the server's policy says.
 */
export const useMultipart = (size: number, plan: MultipartPlan | undefined): boolean =>
  plan !== undefined && size >= plan.threshold
