import { render } from 'preact'
import { createApi, isApiError } from './api.js'
import { checkCandidate, checkContent, type Refusal } from './check-file.js'
import { describeFailure, describeRefusal } from './describe.js'
import { createEmitter, type Emitter } from './emitter.js'
import type { DropgateEventMap, UploadError, UploadedFile } from './events.js'
import { createTranslator } from './i18n.js'
import { type Mounted, mount } from './mount.js'
import { createMultipartSigner } from './multipart-signer.js'
import { resolveOptions, type UploaderOptions } from './options.js'
import { partSizeFor } from './part-size.js'
import { DEFAULT_POLICY } from './policy.js'
import { createRegistry } from './registry.js'
import { mergeRules, pickerTypes, type Rules } from './rules.js'
import { createSignRequest, type MultipartSigner, useMultipart } from './sign-request.js'
import { SNIFF_BYTES, sniff } from './sniff.js'
import { Controls } from './ui/controls.js'
import type { Notice } from './ui/notices.js'
import { createDriver, UPPY_CSS } from './uppy-driver.js'

export type CompleteDetail = DropgateEventMap['dropgate:complete']

export interface Uploader {
  /** Subscribes to an event; the answer unsubscribes. */
  on: Emitter<DropgateEventMap>['on']
  off: Emitter<DropgateEventMap>['off']
  /** Uploads every added file not yet uploaded; resolves once each is confirmed or has failed. */
  upload(): Promise<CompleteDetail>
  /** Adds files as if dropped: they are checked, and refusals are shown and emitted. */
  addFiles(files: Iterable<File>): void
  pause(): void
  resume(): void
  /** Stops every upload and removes every file not yet uploaded. */
  cancel(): void
  /** Forgets every file and result, as after a form reset. */
  reset(): void
  destroy(): void
  /** Files stored and confirmed so far, in order. */
  readonly results: readonly UploadedFile[]
  /** Whether an upload is running, or files wait to be uploaded. */
  readonly pending: boolean
  setDisabled(disabled: boolean): void
}

/** Internal seams: not options a page sets. */
export interface UploaderSeams {
  /** Signs S3 multipart steps; by default through the server's `/api/v1/uploads` routes. */
  readonly multipart?: MultipartSigner
  /** Called whenever results or pending change; the custom element syncs its form value here. */
  readonly onChange?: () => void
}

const MAX_NOTICES = 5

export function createUploader(options: UploaderOptions, seams: UploaderSeams = {}): Uploader {
  const resolved = resolveOptions(options, {
    ...(typeof document !== 'undefined' && { baseUrl: document.baseURI }),
    ...(typeof navigator !== 'undefined' && { languages: navigator.languages }),
  })
  const { locale, limits } = resolved
  const t = createTranslator(locale)
  const events = createEmitter<DropgateEventMap>()
  const api = createApi(resolved)
  const multipart = seams.multipart ?? createMultipartSigner({ api })
  const registry = createRegistry()
  const results = new Map<string, UploadedFile>()
  const failures = new Map<string, UploadError>()
  let rules: Rules = mergeRules(DEFAULT_POLICY, limits)
  let notices: Notice[] = []
  let noticeSeq = 0
  let disabled = false
  let destroyed = false

  const mounted: Mounted | undefined = resolved.target
    ? mount(resolved.target, UPPY_CSS, resolved.theme, t('ui.region'))
    : undefined

  const refresh = () => {
    if (mounted && !destroyed) {
      render(
        <Controls
          showOpenButton={!resolved.inline}
          openLabel={t('ui.open')}
          disabled={disabled}
          onOpen={() => driver.openModal()}
          notices={notices}
          noticesLabel={t('ui.messages')}
          dismissLabel={t('ui.dismiss')}
          onDismiss={(id) => {
            notices = notices.filter((n) => n.id !== id)
            refresh()
          }}
        />,
        mounted.controls,
      )
    }
    seams.onChange?.()
  }

  const notify = (text: string) => {
    notices = [...notices, { id: ++noticeSeq, text }].slice(-MAX_NOTICES)
    refresh()
  }

  const refuse = (refusal: Refusal) => {
    const message = describeRefusal(refusal, t, locale)
    events.emit('dropgate:rejected', { name: refusal.name, reason: refusal.reason, message })
    notify(message)
  }

  const driver = createDriver({
    ...(mounted && { mount: mounted.dashboard }),
    inline: resolved.inline,
    theme: resolved.theme,
    locale,
    ...(resolved.note && { note: resolved.note }),
    maxFiles: rules.maxFiles,
    pickerTypes: pickerTypes(rules),
    hooks: {
      admit(file, alreadyAdded) {
        const checked = checkCandidate(file, rules, alreadyAdded)
        if (!checked.ok) {
          refuse(checked.refusal)
          return false
        }
        registry.track({ id: file.id, name: file.name, size: file.size, type: checked.type })
        return checked.type
      },
      async inspect(file) {
        await policyLoaded
        // Again with the server's policy, which may have arrived after the file was added.
        const again = checkCandidate(file, rules, 0)
        const head = new Uint8Array(await file.data.slice(0, SNIFF_BYTES).arrayBuffer())
        const checked = again.ok ? checkContent(file, again.type, sniff(head), rules) : again
        const tracked = registry.get(file.id)
        if (!checked.ok || !tracked) {
          if (!checked.ok) refuse(checked.refusal)
          return false
        }
        tracked.type = checked.type
        return checked.type
      },
      objectKey: (fileId) => registry.keyFor(fileId),
      signRequest: createSignRequest({
        api,
        registry,
        multipart,
      }),
      useMultipart: (size) => useMultipart(size, rules.multipart),
      partSize: (size) => (rules.multipart ? partSizeFor(size, rules.multipart) : size),
      async finish(fileId) {
        const tracked = registry.get(fileId)
        const serverId = tracked?.created?.fileId ?? (tracked && multipart.fileIdOf(tracked))
        if (!tracked || !serverId) throw new Error('Dropgate: the upload has no file id to confirm')
        const done = await api.completeUpload(serverId)
        const uploaded: UploadedFile = {
          fileId: done.id,
          publicUrl: done.url,
          name: tracked.name,
          type: done.content_type ?? tracked.type,
          size: done.size_bytes ?? tracked.size,
        }
        results.set(fileId, uploaded)
        failures.delete(fileId)
        events.emit('dropgate:upload', uploaded)
        refresh()
      },
      failed(fileId, name, error) {
        const code = isApiError(error)
          ? error.code
          : typeof (error as { status?: unknown })?.status === 'number'
            ? (error as { status: number }).status
            : 0
        const raw = isApiError(error) ? error.msg : error instanceof Error ? error.message : String(error)
        const failure: UploadError = { name, code, msg: describeFailure(name, code, raw, t) }
        failures.set(fileId, failure)
        events.emit('dropgate:error', failure)
        notify(failure.msg)
        return failure.msg
      },
      removed(fileId) {
        failures.delete(fileId)
        if (!results.has(fileId)) registry.forget(fileId)
      },
      completed(result) {
        events.emit('dropgate:complete', summarize(result))
      },
      changed: refresh,
    },
  })

  const summarize = (result: {
    readonly successful: readonly string[]
    readonly failed: readonly string[]
  }) => ({
    successful: result.successful.flatMap((id) => results.get(id) ?? []),
    failed: result.failed.flatMap((id) => failures.get(id) ?? []),
  })

  // The server's policy narrows the defaults once it arrives. Until then, and if it cannot be read,
  // the documented defaults apply in the browser; the server checks every upload in any case.
  const policyLoaded = api.getPolicy().then(
    (policy) => {
      rules = mergeRules(policy, limits)
      if (!destroyed) driver.setRestrictions(rules.maxFiles, pickerTypes(rules))
    },
    (error: unknown) => {
      console.warn('Dropgate: could not read the upload policy; using the defaults.', error)
    },
  )

  refresh()

  return {
    on: events.on,
    off: events.off,
    upload: async () => summarize(await driver.upload()),
    addFiles: (files) => driver.addFiles([...files]),
    pause: () => driver.pause(),
    resume: () => driver.resume(),
    cancel: () => driver.cancel(),
    reset() {
      driver.reset()
      results.clear()
      failures.clear()
      registry.clear()
      notices = []
      refresh()
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      driver.destroy()
      if (mounted) {
        render(null, mounted.controls)
        mounted.unmount()
      }
      events.clear()
    },
    get results() {
      return [...results.values()]
    },
    get pending() {
      return driver.isUploading() || driver.fileIds().some((id) => !results.has(id) && !failures.has(id))
    },
    setDisabled(value) {
      disabled = value
      driver.setDisabled(value)
      refresh()
    },
  }
}
