import type { RefusalReason } from './check-file.js'

/** One file stored and confirmed by the server. */
export interface UploadedFile {
  readonly fileId: string
  readonly publicUrl: string
  readonly name: string
  readonly type: string
  readonly size: number
}

export interface UploadError {
  readonly name: string
  /** The `code` of the server's answer (its HTTP status); 0 when no answer came. */
  readonly code: number
  /** What went wrong, translated for the person at the page. */
  readonly msg: string
}

/** Every event of an uploader; the element dispatches the same names as `CustomEvent`s. */
export interface DropgateEventMap {
  'dropgate:upload': UploadedFile
  'dropgate:complete': {
    readonly successful: readonly UploadedFile[]
    readonly failed: readonly UploadError[]
  }
  'dropgate:error': UploadError
  'dropgate:rejected': { readonly name: string; readonly reason: RefusalReason; readonly message: string }
}

export type DropgateEventName = keyof DropgateEventMap

export const EVENT_NAMES: readonly DropgateEventName[] = [
  'dropgate:upload',
  'dropgate:complete',
  'dropgate:error',
  'dropgate:rejected',
]
