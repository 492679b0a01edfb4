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
import { keepFileListRole } from './list-roles.js'
import type { Theme } from './options.js'
import type { SignedRequest, SignRequestInput } from './sign-request.js'

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
  /** After the bytes are stored: confirm with the server. A rejection fails the file. */
  finish(fileId: string): Promise<void>
  /** A file failed; answers the sentence to show on it. */
  failed(fileId: string, name: string, error: unknown): string
  removed(fileId: string): void
  completed(result: { readonly successful: readonly string[]; readonly failed: readonly string[] }): void
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
  setDisabled(disabled: boolean): void
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
    autoProceed: false,
    ...(locale && { locale }),
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
  const stopListRole = config.mount ? keepFileListRole(config.mount) : () => {}

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

  uppy.on('upload-success', (file) => {
    if (!file) return
    const confirmation = hooks.finish(file.id).then(
      () => {
        const current = uppy.getFile(file.id)
        if (current) uppy.emit('postprocess-complete', current)
      },
      (error: unknown) => {
        const current = uppy.getFile(file.id)
        if (current)
          uppy.emit('upload-error', current, error instanceof Error ? error : new Error(String(error)))
      },
    )
    confirmations.set(file.id, confirmation)
  })

  // Uppy reports the upload complete only after this step: success means confirmed by the server.
  uppy.addPostProcessor(async (fileIds) => {
    await Promise.all(fileIds.map((id) => confirmations.get(id)))
  })

  uppy.on('upload-error', (file, error) => {
    if (!file) return
    const message = hooks.failed(file.id, file.name, error)
    // Uppy's own handler ran first and stored its English text; the file card shows ours.
    if (uppy.getFile(file.id)) uppy.setFileState(file.id, { error: message })
  })

  uppy.on('file-removed', (file) => {
    checks.delete(file.id)
    confirmations.delete(file.id)
    hooks.removed(file.id)
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
    setDisabled(disabled) {
      dashboard()?.setOptions({ disabled })
    },
    isUploading: () => Object.keys(uppy.getState().currentUploads).length > 0,
    fileIds: () => uppy.getFiles().map((f) => f.id),
    destroy: () => {
      stopListRole()
      uppy.destroy()
    },
  }
}
