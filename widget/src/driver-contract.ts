// What the widget and the Uppy driver exchange: the files it hands over, the hooks through which
// Dropgate decides every step, and the driver's own surface. Nothing here imports Uppy.
import type { Api } from './api.js'
import type { HandleBook } from './file-handles.js'
import type { LocalePack, ResumeTranslation } from './locale-pack.js'
import type { Theme } from './options.js'
import type { Registry } from './registry.js'
import type {
  CreateMultipartInput,
  MultipartSigner,
  SignedRequest,
  SignRequestInput,
} from './sign-request.js'

export interface DriverFile {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly size: number
  readonly data: Blob
}

/** What the driver asks of a file at the start of every run (upload, retry, retry-all). */
export type RunStep = 'upload' | 'confirm' | 'skip'

/** How a failure is shown and recovered from; the widget decides it from its own record of the file. */
export interface FailureView {
  /** The sentence shown on the file. */
  readonly message: string
  /** The object is not in the store (or its multipart upload is gone): the next try sends it whole. */
  readonly resend: boolean
}

export interface DriverHooks {
  /** Checks that need no bytes, as a file is added. Answers the type to keep, or false to refuse. */
  admit(file: DriverFile, alreadyAdded: number): string | false
  /** Checks that read the file; every upload waits for them. Answers the type to upload as, or false. */
  inspect(file: DriverFile): Promise<string | false>
  objectKey(fileId: string): string
  signRequest(request: SignRequestInput): Promise<SignedRequest>
  /** Has the server create a multipart upload (patched `@uppy/aws-s3`'s `createMultipartUpload`). */
  createMultipartUpload(input: CreateMultipartInput): Promise<{ uploadId: string; key: string }>
  useMultipart(size: number): boolean
  /** The part size of a multipart upload of `size` bytes, exactly as the server signs parts. */
  partSize(size: number): number
  /**
   * A run (a first upload or a retry) includes this file: send its bytes, only confirm them (they
   * are stored, the confirmation failed), or leave it failed (no retry can fix it).
   */
  beforeRun(fileId: string): RunStep
  /** The bytes of these files started going up. */
  started(fileIds: readonly string[]): void
  /** The bytes are in the store; the confirmation starts. */
  stored(fileId: string): void
  /** Has the server confirm the upload; resolves with the file's public URL. A rejection fails it. */
  confirm(fileId: string): Promise<string>
  /** Sending or confirming failed; answers how to show it. */
  failed(fileId: string, error: unknown, stage: 'upload' | 'confirm'): FailureView
  /** The message a file left failed by `beforeRun` keeps. */
  failureMessage(fileId: string): string
  /**
   * A file left the list. `index`: where it was, when a person removed it with its ✕ (for moving
   * focus to the next one); -1 when it went otherwise (reset, cancel, destroy, a refusal).
   */
  removed(fileId: string, index: number): void
  completed(result: { readonly successful: readonly string[]; readonly failed: readonly string[] }): void
  /** A file's copy-link action was used. */
  copyLink(fileId: string): void
  modalClosed(): void
  /** A batch of files went into the list (picked, dropped, pasted or added by script). */
  filesAdded(): void
  /** Files were added, removed, or an upload started or ended. */
  changed(): void
}

export interface DriverConfig {
  /** Where the Dashboard renders; without it the driver is headless. */
  readonly mount?: HTMLElement
  readonly inline: boolean
  readonly theme: Theme
  readonly locale: string
  readonly note?: string
  readonly maxFiles: number
  readonly pickerTypes: readonly string[]
  /** Start uploading as soon as files are added (Uppy's `autoProceed`). */
  readonly autoUpload: boolean
  /** Accessible names of the modal dialog and of the file list. */
  /** Functions are read at each render: a locale loaded later renames them. */
  readonly dialogLabel: string | (() => string)
  readonly listLabel: string | (() => string)
  readonly hooks: DriverHooks
  /** Where resume records are kept and offered (uppy-resume.ts); without it uploads are not resumable. */
  readonly resume?: ResumeContext
}

/** What the lazily loaded resume machinery (uppy-resume.ts) needs of the uploader. */
export interface ResumeContext {
  readonly api: Api
  readonly multipart: MultipartSigner
  readonly registry: Registry
  /** The signer's base URL: records are kept per endpoint. */
  readonly endpoint: string
  readonly locale: string
  /** The locale's resume sentences once its pack has loaded (load-locale.ts); English before. */
  translated(): ResumeTranslation | undefined
  /** The part size the server plans for a file of `size` bytes (a record of another plan is not resumed). */
  partSize(size: number): number
  /** Where the list of unfinished uploads is drawn; headless without it. */
  readonly parent?: HTMLElement
  /** File System Access handles files came with, kept with their records for "Continue". */
  readonly handles: HandleBook
}

export interface Driver {
  addFiles(files: readonly File[]): void
  upload(): Promise<{ successful: string[]; failed: string[] }>
  pause(): void
  resume(): void
  cancel(): void
  reset(): void
  openModal(): void
  setRestrictions(maxFiles: number, pickerTypes: readonly string[]): void
  setNote(note: string): void
  setDisabled(disabled: boolean): void
  /** Speaks a locale loaded after the driver was made: Uppy's strings and text direction. */
  setLocale(pack: LocalePack | undefined, direction: 'ltr' | 'rtl'): void
  /** Opens the file picker, as the drop zone's "browse" button does. */
  openPicker(): void
  /** Files no retry can fix show no Retry (`ids`); the status bar's Retry shows only if some other can. */
  setUnretryable(ids: readonly string[], anyRetryable: boolean): void
  isUploading(): boolean
  fileIds(): string[]
  destroy(): void
}
