// The driver: the Uppy instance every upload runs on, with the Dashboard (uppy-dashboard.ts), the
// checks (uppy-checks.ts), the confirmation step (uppy-confirmation.ts) and Uppy's strings
// (uppy-locale.ts) it wires in; only these modules touch Uppy. Everything Dropgate decides (checks, signing, confirming, messages) comes in
// through `DriverHooks` (driver-contract.ts), so Uppy can be upgraded or replaced here alone.
import AwsS3, { type AwsS3Options } from '@uppy/aws-s3'
import Uppy, { type Body, type Meta } from '@uppy/core'
import type { Driver, DriverConfig } from './driver-contract.js'
import { loadedLocale } from './load-locale.js'
import { gateResume } from './resume-gate.js'
import { loadResume } from './resume-loader.js'
import { admitFile, inspectAddedFiles } from './uppy-checks.js'
import { addConfirmation } from './uppy-confirmation.js'
import { addDashboard } from './uppy-dashboard.js'
import { uppyLocale } from './uppy-locale.js'

export type {
  Driver,
  DriverConfig,
  DriverFile,
  DriverHooks,
  FailureView,
  RunStep,
} from './driver-contract.js'
export { UPPY_CSS } from './uppy-dashboard.js'

/** Parts of one large file in flight at once. */
export const PART_CONCURRENCY = 4
/**
 * Files uploading at once (Uppy's `limit`, 6 by default, as stock Uppy). Chromium opens 6 HTTP/1.1
 * connections per host, so 6 small files (one PUT each) fill them; their URLs were signed ahead in
 * one batch (driver-hooks.ts `started`), so no signer call waits behind them, and confirmations that
 * queue behind PUTs on the embedded store (one host) go out together when a connection frees. Measured
 * (README "Benchmarks" (q), 100 ms latency, 50 Mbit/s up, 20 photos of 500 KB, same run, 3 runs each):
 * 2 at a time took 3.35–3.44 s where stock Uppy took 2.60–2.67 s; 6 at a time 2.37–2.56 s against
 * stock's 2.38–2.59 s. Large files (4 parts each, PART_CONCURRENCY) ask for more connections than
 * there are when several go at once: Chromium queues the extra parts, which costs no throughput (the
 * uplink is shared either way) but finishes each of them later than one after another would.
 */
export const FILE_CONCURRENCY = 6

const restrictions = (maxFiles: number, pickerTypes: readonly string[]) => ({
  maxNumberOfFiles: Number.isFinite(maxFiles) ? maxFiles : null,
  allowedFileTypes: pickerTypes.length > 0 ? [...pickerTypes] : null,
})

export function createDriver(config: DriverConfig): Driver {
  const { hooks } = config

  const uppy = new Uppy<Meta, Body>({
    id: 'dropgate',
    autoProceed: config.autoUpload,
    locale: uppyLocale(loadedLocale(config.locale)),
    // The widget's checks are stricter than Uppy's restrictions, which only feed the file picker's
    // `accept` and `multiple`; a file that passes ours passes Uppy's.
    restrictions: restrictions(config.maxFiles, config.pickerTypes),
    onBeforeFileAdded: (file, files) => admitFile(hooks, file, files),
  })

  const s3Options: AwsS3Options<Meta, Body> = {
    // `partConcurrency` is ours: patches/@uppy__aws-s3@6.3.1.patch (root package.json,
    // `pnpm.patchedDependencies`). @uppy/aws-s3 6.3.1 sends the parts of one file one after another,
    // which held Chromium to 105-117 MiB/s with 8 MiB parts where 4 parts in flight reach about 200
    // and curl 226; the patch runs a small pool of workers over the parts instead.
    partConcurrency: PART_CONCURRENCY,
    limit: FILE_CONCURRENCY,
    signRequest: hooks.signRequest,
    // Also ours (the same patch): the server creates the multipart upload, one browser request fewer.
    createMultipartUpload: hooks.createMultipartUpload,
    shouldUseMultipart: (file) => hooks.useMultipart(file.size ?? 0),
    getChunkSize: ({ size }) => hooks.partSize(size),
    generateObjectKey: (file) => hooks.objectKey(file.id),
  }
  uppy.use(AwsS3, s3Options)

  const dashboard = addDashboard(uppy, config)
  inspectAddedFiles(uppy, hooks)
  addConfirmation(uppy, hooks)
  // Resuming after a reload needs IndexedDB; its machinery is a chunk of its own (resume-loader.ts),
  // which uploads wait for (resume-gate.ts).
  const stopResume =
    config.resume && typeof indexedDB !== 'undefined'
      ? gateResume(uppy, config.resume, loadResume)
      : undefined

  uppy.on('upload-start', (files) => hooks.started(files.map((f) => f.id)))
  uppy.on('files-added', () => hooks.filesAdded())

  uppy.on('file-removed', (file) => {
    hooks.removed(file.id, dashboard.takeRemovedAt())
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
    ...dashboard.actions,
    setLocale(pack, direction) {
      // Uppy re-initialises its translator and each plugin's (the Dashboard's) from the new option.
      uppy.setOptions({ locale: uppyLocale(pack) })
      dashboard.actions.setDirection(direction)
    },
    setRestrictions(maxFiles, pickerTypes) {
      uppy.setOptions({ restrictions: restrictions(maxFiles, pickerTypes) })
    },
    isUploading: () => Object.keys(uppy.getState().currentUploads).length > 0,
    fileIds: () => uppy.getFiles().map((f) => f.id),
    destroy: () => {
      stopResume?.()
      dashboard.destroy()
      uppy.destroy()
    },
  }
}
