// The only module that touches Uppy. Everything Dropgate decides (checks, signing, confirming,
// messages) comes in through `DriverHooks`, so Uppy can be upgraded or replaced here alone.
import AwsS3, { type AwsS3Options } from '@uppy/aws-s3'
import Uppy, { type Body, type Meta, type UppyFile } from '@uppy/core'
import coreCss from '@uppy/core/css/style.min.css?inline'
import Dashboard from '@uppy/dashboard'
import dashboardCss from '@uppy/dashboard/css/style.min.css?inline'
import de_DE from '@uppy/locales/lib/de_DE.js'
import es_ES from '@uppy/locales/lib/es_ES.js'
import pt_BR from '@uppy/locales/lib/pt_BR.js'
import { trapTab } from './focus-trap.js'
import { keepAriaRepaired } from './list-roles.js'
import type { Theme } from './options.js'
import type { SignedRequest, SignRequestInput } from './sign-request.js'
import { UPPY_STRINGS } from './uppy-strings.js'

/** Uppy's styles, for the shadow root the widget renders in. */
export const UPPY_CSS = `${coreCss}\n${dashboardCss}`

// English is Uppy's own default; the widget's other locales map to Uppy's nearest pack.
const UPPY_LOCALES = { 'pt-BR': pt_BR, de: de_DE, es: es_ES } as const

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
  readonly dialogLabel: string
  readonly listLabel: string
  readonly hooks: DriverHooks
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
  /** Opens the file picker, as the drop zone's "browse" button does. */
  openPicker(): void
  /** Files no retry can fix show no Retry (`ids`); the status bar's Retry shows only if some other can. */
  setUnretryable(ids: readonly string[], anyRetryable: boolean): void
  isUploading(): boolean
  fileIds(): string[]
  destroy(): void
}

/** Parts of one large file in flight at once. */
export const PART_CONCURRENCY = 4
/**
 * Files uploading at once (Uppy's `limit`, 6 by default). Chromium opens 6 HTTP/1.1 connections per
 * host. One large file takes 4 of them, which leaves 2 for a second file and for the signer's calls
 * (on the embedded store the signer is the store's host). Two large files ask for 8 and Chromium
 * queues the other 2 parts, which costs nothing in throughput; 6 files of 4 parts would queue 18 and
 * stretch every file's time to completion. Small files (one PUT each) go up 2 at a time.
 */
export const FILE_CONCURRENCY = 2

type DropgateFile = UppyFile<Meta, Body>

const asDriverFile = (file: DropgateFile): DriverFile => ({
  id: file.id,
  name: file.name,
  type: file.type,
  size: file.size ?? 0,
  data: file.data as Blob,
})

const restrictions = (maxFiles: number, pickerTypes: readonly string[]) => ({
  maxNumberOfFiles: Number.isFinite(maxFiles) ? maxFiles : null,
  allowedFileTypes: pickerTypes.length > 0 ? [...pickerTypes] : null,
})

export function createDriver(config: DriverConfig): Driver {
  const { hooks } = config
  const checks = new Map<string, Promise<void>>()
  const confirmations = new Map<string, Promise<void>>()
  const locale = UPPY_LOCALES[config.locale as keyof typeof UPPY_LOCALES]

  const uppy = new Uppy<Meta, Body>({
    id: 'dropgate',
    autoProceed: config.autoUpload,
    locale: {
      strings: { ...locale?.strings, ...UPPY_STRINGS[config.locale] },
      ...(locale && { pluralize: locale.pluralize }),
    },
    // The widget's checks are stricter than Uppy's restrictions, which only feed the file picker's
    // `accept` and `multiple`; a file that passes ours passes Uppy's.
    restrictions: restrictions(config.maxFiles, config.pickerTypes),
    onBeforeFileAdded(file, files) {
      if (Object.hasOwn(files, file.id)) return false
      const type = hooks.admit(asDriverFile(file), Object.keys(files).length)
      if (type === false) return false
      return type === file.type ? true : { ...file, type, meta: { ...file.meta, type } }
    },
  })

  const s3Options: AwsS3Options<Meta, Body> = {
    // `partConcurrency` is ours: patches/@uppy__aws-s3@6.3.1.patch (root package.json,
    // `pnpm.patchedDependencies`). @uppy/aws-s3 6.3.1 sends the parts of one file one after another,
    // which held Chromium to 105-117 MiB/s with 8 MiB parts where 4 parts in flight reach about 200
    // and curl 226; the patch runs a small pool of workers over the parts instead.
    partConcurrency: PART_CONCURRENCY,
    limit: FILE_CONCURRENCY,
    signRequest: hooks.signRequest,
    shouldUseMultipart: (file) => hooks.useMultipart(file.size ?? 0),
    getChunkSize: ({ size }) => hooks.partSize(size),
    generateObjectKey: (file) => hooks.objectKey(file.id),
  }
  uppy.use(AwsS3, s3Options)

  if (config.mount) {
    uppy.use(Dashboard<Meta, Body>, {
      target: config.mount,
      inline: config.inline,
      theme: config.theme,
      note: config.note ?? null,
      // A confirmed file keeps its ✕ (it is dropped from the value) and gets a copy-link action.
      showRemoveButtonAfterComplete: true,
      showLinkToFileUploadResult: true,
      width: '100%',
      height: config.inline ? 360 : 480,
      proudlyDisplayPoweredByUppy: false,
      // Every message the widget shows goes through its own live region, translated.
      disableInformer: true,
      // History and body classes belong to the host page.
      browserBackButtonClose: false,
      disablePageScrollWhenModalOpen: false,
      closeModalOnClickOutside: true,
      doneButtonHandler: config.inline ? null : () => dashboard()?.closeModal(),
    })
  }
  const dashboard = () => uppy.getPlugin<Dashboard<Meta, Body>>('Dashboard')
  const stopRepair = config.mount
    ? keepAriaRepaired(config.mount, config.dialogLabel, config.listLabel)
    : () => {}
  // The Dashboard moves focus after every render by comparing `document.activeElement`, which inside
  // a shadow root is the host, never its own elements: in a modal it pulled focus to the first
  // control on every progress update. The widget moves focus itself (focus-keeper.ts).
  const plugin = dashboard()
  if (plugin) {
    const noFocusJumps = Object.assign(() => {}, { cancel() {}, flush() {} })
    ;(plugin as unknown as { superFocus: unknown }).superFocus = noFocusJumps
    uppy.on('dashboard:modal-closed', () => hooks.modalClosed())
  }

  // The Dashboard traps Tab in its modal and overlays by comparing `document.activeElement`, which
  // inside a shadow root is the host: focus stuck on the first button. Capturing Tab on the way down
  // replaces that trap with one that reads the shadow root's own active element.
  config.mount?.addEventListener(
    'keydown',
    (event) => {
      const plugin = dashboard()
      if (event.key !== 'Tab' || !plugin || !config.mount) return
      const { isHidden, activeOverlayType } = plugin.getPluginState()
      if (config.inline ? activeOverlayType === null : isHidden) return
      const dashboardEl = config.mount.querySelector('.uppy-Dashboard-inner')
      const overlay =
        (activeOverlayType && dashboardEl?.querySelector(`[data-uppy-paneltype="${activeOverlayType}"]`)) ||
        dashboardEl
      if (!overlay) return
      event.stopPropagation()
      trapTab(event, overlay)
    },
    true,
  )

  uppy.on('file-added', (file) => {
    const check = hooks.inspect(asDriverFile(file)).then(
      (type) => {
        if (!uppy.getFile(file.id)) return
        if (type === false) uppy.removeFile(file.id)
        else if (type !== file.type) {
          uppy.setFileMeta(file.id, { type })
          uppy.setFileState(file.id, { type })
        }
      },
      () => uppy.removeFile(file.id),
    )
    checks.set(file.id, check)
    hooks.changed()
  })

  // Nothing is signed or sent before every added file's bytes were checked; a refused file is
  // removed from the upload before the uploader step reads its list.
  uppy.addPreProcessor(async (fileIds) => {
    await Promise.all(fileIds.map((id) => checks.get(id)))
  })

  const fileIndex = (id: string) => uppy.getFiles().findIndex((f) => f.id === id)
  /** Has the server confirm a stored file; Uppy's upload of it ends only once this settles. */
  const confirm = (fileId: string) => {
    const confirmation = hooks.confirm(fileId).then(
      (publicUrl) => {
        const current = uppy.getFile(fileId)
        if (!current) return
        // The copy-link action and the preview link use the public URL, never the store's.
        uppy.setFileState(fileId, { uploadURL: publicUrl })
        uppy.emit('postprocess-complete', uppy.getFile(fileId))
      },
      (error: unknown) => {
        const current = uppy.getFile(fileId)
        if (!current) return
        const view = hooks.failed(fileId, error, 'confirm')
        // Not complete: neither the file card nor the status bar may say so, and Retry shows. The
        // bytes stay where they are unless the server says the object is gone.
        const {
          postprocess: _postprocess,
          complete: _complete,
          ...progress
        } = current.progress as typeof current.progress & {
          complete?: boolean
        }
        uppy.setFileState(fileId, {
          error: view.message,
          progress: {
            ...progress,
            uploadComplete: false,
            // Sent again from its first byte: its card shows Retry, and no progress.
            ...(view.resend && { percentage: 0, bytesUploaded: 0 }),
          } as typeof current.progress,
          ...(view.resend && { s3Multipart: undefined }),
        })
        uppy.setState({ error: view.message })
      },
    )
    confirmations.set(fileId, confirmation)
    return confirmation
  }

  // Every run (upload, retry of one file, retry of all) starts here, for the files it includes. A
  // file whose bytes are stored is marked uploaded again so that the uploader skips it and only the
  // confirmation runs; a file no retry can fix keeps its error, which makes the uploader skip it.
  uppy.addPreProcessor(async (fileIds) => {
    for (const id of fileIds) {
      const file = uppy.getFile(id)
      if (!file) continue
      const step = hooks.beforeRun(id)
      if (step === 'skip') uppy.setFileState(id, { error: hooks.failureMessage(id) })
      else if (step === 'confirm') {
        uppy.setFileState(id, {
          progress: {
            ...file.progress,
            uploadStarted: file.progress.uploadStarted ?? Date.now(),
            uploadComplete: true,
            percentage: 100,
            postprocess: { mode: 'indeterminate' },
          } as typeof file.progress,
        })
        void confirm(id)
      } else confirmations.delete(id)
    }
    const errors = uppy.getFiles().filter((f) => f.error)
    uppy.setState({ error: errors[0]?.error ?? null })
  })

  uppy.on('upload-start', (files) => hooks.started(files.map((f) => f.id)))
  uppy.on('files-added', () => hooks.filesAdded())

  uppy.on('upload-success', (file) => {
    if (!file || !uppy.getFile(file.id)) return
    // Uppy stored the store's location as the file's link; the link is the server's, once confirmed.
    uppy.setFileState(file.id, { uploadURL: undefined })
    hooks.stored(file.id)
    void confirm(file.id)
  })

  // Uppy reports the upload complete only after this step: success means confirmed by the server.
  uppy.addPostProcessor(async (fileIds) => {
    await Promise.all(fileIds.map((id) => confirmations.get(id)))
  })

  uppy.on('upload-error', (file, error) => {
    if (!file || !uppy.getFile(file.id)) return
    const view = hooks.failed(file.id, error, 'upload')
    // Uppy's own handler ran first and stored its English text; the file card shows ours.
    uppy.setFileState(file.id, { error: view.message, ...(view.resend && { s3Multipart: undefined }) })
    uppy.setState({ error: view.message })
  })

  let removedAt = -1
  uppy.on('file-removed', (file) => {
    checks.delete(file.id)
    confirmations.delete(file.id)
    hooks.removed(file.id, removedAt)
    removedAt = -1
    hooks.changed()
  })

  uppy.on('upload', () => hooks.changed())
  uppy.on('complete', (result) => {
    hooks.completed({
      successful: (result.successful ?? []).map((f) => f.id),
      failed: (result.failed ?? []).map((f) => f.id),
    })
    hooks.changed()
  })

  // The copy-link action copies the public URL the widget holds, and says so in its live region
  // (Uppy's says it in the informer, which the widget does not show, or falls back to a prompt).
  config.mount?.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.('.uppy-Dashboard-Item-action--copyLink')
      const item = button?.closest('.uppy-Dashboard-Item')
      if (!button || !item) return
      event.stopPropagation()
      event.preventDefault()
      hooks.copyLink(item.id.replace(/^uppy_/, ''))
    },
    true,
  )
  // A click anywhere on the drop zone opens the picker, not only on its "browse" button.
  config.mount?.addEventListener('click', (event) => {
    const target = event.target as Element | null
    if (!target?.closest?.('.uppy-Dashboard-AddFiles') || target.closest('button, a, input, label')) return
    openPicker()
  })
  // Where a removed file was, taken before Uppy's state drops it.
  config.mount?.addEventListener(
    'click',
    (event) => {
      const item = (event.target as Element | null)?.closest?.('.uppy-Dashboard-Item-action--remove')
      const card = item?.closest('.uppy-Dashboard-Item')
      removedAt = card ? fileIndex(card.id.replace(/^uppy_/, '')) : -1
    },
    true,
  )

  // Uppy 6's Dashboard never hands its top bar `isAllErrored`, so with every file failed the title
  // still says "Uploading 1 file". The title's text node is corrected in place (Preact rewrites it
  // only when its own text changes).
  const titleObserver =
    config.mount && typeof MutationObserver !== 'undefined'
      ? new MutationObserver(() => {
          const files = uppy.getFiles()
          const title = config.mount?.querySelector('.uppy-DashboardContent-title')?.firstChild
          if (title?.nodeType !== 3 || files.length === 0 || !dashboard() || !files.every((f) => f.error))
            return
          const failed = dashboard()?.i18n('uploadFailed') ?? ''
          if ((title as Text).data !== failed) (title as Text).data = failed
        })
      : undefined
  if (config.mount)
    titleObserver?.observe(config.mount, { childList: true, subtree: true, characterData: true })

  // Per file, the Dashboard shows Retry on every failed file; for those no retry can fix, it is hidden.
  const noRetry = config.mount?.ownerDocument.createElement('style')
  if (noRetry && config.mount) config.mount.before(noRetry)
  const cssId = (id: string) =>
    typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id.replace(/[^\w-]/g, '\\$&')

  const openPicker = () => {
    config.mount?.querySelector<HTMLInputElement>('input.uppy-Dashboard-input')?.click()
  }

  return {
    addFiles(files) {
      uppy.addFiles(files.map((data) => ({ name: data.name, type: data.type, data, source: 'dropgate' })))
    },
    async upload() {
      const result = await uppy.upload()
      return {
        successful: (result?.successful ?? []).map((f) => f.id),
        failed: (result?.failed ?? []).map((f) => f.id),
      }
    },
    pause: () => uppy.pauseAll(),
    resume: () => uppy.resumeAll(),
    cancel: () => uppy.cancelAll(),
    reset() {
      uppy.cancelAll()
      uppy.clear()
    },
    openModal() {
      dashboard()?.openModal()
    },
    setRestrictions(maxFiles, pickerTypes) {
      uppy.setOptions({ restrictions: restrictions(maxFiles, pickerTypes) })
    },
    setNote(note) {
      dashboard()?.setOptions({ note })
    },
    setDisabled(disabled) {
      dashboard()?.setOptions({ disabled })
    },
    openPicker,
    setUnretryable(ids, anyRetryable) {
      if (!noRetry) return
      const cards = ids.map((id) => `#uppy_${cssId(id)} .uppy-Dashboard-Item-progressIndicator`)
      if (!anyRetryable && ids.length > 0) cards.push('.uppy-StatusBar-actionBtn--retry')
      noRetry.textContent = cards.length > 0 ? `${cards.join(',')} { display: none !important; }` : ''
    },
    isUploading: () => Object.keys(uppy.getState().currentUploads).length > 0,
    fileIds: () => uppy.getFiles().map((f) => f.id),
    destroy: () => {
      stopRepair()
      noRetry?.remove()
      titleObserver?.disconnect()
      uppy.destroy()
    },
  }
}
