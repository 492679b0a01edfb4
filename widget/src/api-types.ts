import type { UploadStep } from '@dropgate/core'
import type { Credentials } from './options.js'
import type { ServerPolicy } from './policy.js'

export type { UploadStep }

/** A failed call to the server; `code` and `msg` are the wire's (docs/API.md §2.1), 0 when no answer came. */
export interface ApiError extends Error {
  readonly name: 'DropgateApiError'
  readonly code: number
  readonly msg: string
}

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

/** `data` of `POST /api/v1/uploads`: a multipart upload the server created, its plan and sealed ticket. */
export interface CreatedMultipart {
  readonly fileId: string
  readonly publicUrl: string
  readonly partSize: number
  readonly partCount: number
  readonly ticket: string
  /** The store's id of the upload (docs/API.md §2.5): every step is signed for it. */
  readonly uploadId: string
}

/** A presigned S3 request, as `POST /api/v1/uploads/{fileId}/sign` answers each step. */
export interface PresignedStep {
  readonly method: 'PUT' | 'POST' | 'GET' | 'DELETE'
  readonly url: string
  readonly headers: Record<string, string>
}

/** What `POST /api/v1/files` in JSON mode is told of a file. */
export interface FileToCreate {
  readonly filename: string
  readonly contentType: string
  readonly fileSize: number
}

/** One file's outcome inside a batch answer: its value, or its own error. */
export type Settled<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown }

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
  createUpload(file: FileToCreate, signal?: AbortSignal): Promise<CreatedUpload>
  completeUpload(fileId: string, signal?: AbortSignal): Promise<CompletedFile>
  /** The batch form of `createUpload` (docs/API.md §2.2 `{files}`): each file's own outcome, in order. */
  createUploads(files: readonly FileToCreate[], signal?: AbortSignal): Promise<Settled<CreatedUpload>[]>
  /** The batch form of `completeUpload` (docs/API.md §2.3 `{fileIds}`): each file's own outcome, in order. */
  completeUploads(fileIds: readonly string[], signal?: AbortSignal): Promise<Settled<CompletedFile>[]>
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
