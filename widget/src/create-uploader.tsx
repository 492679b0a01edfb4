import { partSizeFor, SNIFF_BYTES, sniff } from '@dropgate/core'
import { render } from 'preact'
import { createApi } from './api.js'
import { checkCandidate, checkContent, type Refusal } from './check-file.js'
import { describeFailure, describeLimits, describeRefusal } from './describe.js'
import { createEmitter, type Emitter } from './emitter.js'
import type { DropgateEventMap, UploadedFile } from './events.js'
import { classifyFailure, isUploadGone } from './failure.js'
import { createFileStates, type FileState } from './file-states.js'
import { type FocusKeeper, keepFocus } from './focus-keeper.js'
import { createTranslator } from './i18n.js'
import { type Mounted, mount } from './mount.js'
import { createMultipartSigner } from './multipart-signer.js'
import { resolveOptions, type UploaderOptions } from './options.js'
import { DEFAULT_POLICY } from './policy.js'
import { createRegistry } from './registry.js'
import { mergeRules, pickerTypes, type Rules } from './rules.js'
import { createSignRequest, type MultipartSigner, useMultipart } from './sign-request.js'
import { Controls } from './ui/controls.js'
import type { Notice } from './ui/notices.js'
import { createDriver, UPPY_CSS } from './uppy-driver.js'

export type CompleteDetail = DropgateEventMap['dropgate:complete']

export interface Uploader {
  /** Subscribes to an event; the answer unsubscribes. */
  on: Emitter<DropgateEventMap>['on']
  off: Emitter<DropgateEventMap>['off']
  /**
   * Uploads every added file not yet uploaded, and retries failed ones that a retry can fix; resolves
   * once each is confirmed or has failed (at once, with nothing, when no file waits).
   */
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
  /** Files stored and confirmed by the server so far, in order. */
  readonly results: readonly UploadedFile[]
  /** Whether files wait to be uploaded, are uploading, or are stored and not yet confirmed. */
  readonly pending: boolean
  /** Files whose upload failed (and were not removed), with what the widget shows for each. */
  readonly failed: readonly { readonly name: string; readonly message: string; readonly retryable: boolean }[]
  setDisabled(disabled: boolean): void
  /** Shows a passing status line in the widget's polite live region; `''` clears it. */
  announce(text: string): void
}

/** Internal seams: not options a page sets. */
export interface UploaderSeams {
  /** Signs S3 multipart steps; by default through the server's `/api/v1/uploads` routes. */
  readonly multipart?: MultipartSigner
  /** Called whenever a file's state changes; the custom element syncs its form value here. */
  readonly onChange?: () => void
}

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
  let rules: Rules = mergeRules(DEFAULT_POLICY, limits)
  /** Refusals of the latest files added; a refused file never enters the list, so it has no state. */
  let refusals: Notice[] = []
  let refusalBatch = false
  const dismissed = new Set<string>()
  let status = ''
  let disabled = false
  let destroyed = false

  const mounted: Mounted | undefined = resolved.target
    ? mount(resolved.target, UPPY_CSS, resolved.theme, t('ui.region'))
    : undefined
  const focus: FocusKeeper | undefined = mounted ? keepFocus(mounted.root) : undefined

  /** Failures grouped by cause: one notice for every file that failed for the same reason. */
  const failureNotices = (): Notice[] => {
    const groups = new Map<string, FileState[]>()
    for (const file of states.failed()) {
      const failure = file.failure
      if (!failure) continue
      const key =
        failure.cause === 'other' || failure.cause === 'scope'
          ? `${failure.cause}|${failure.raw}`
          : failure.cause
      groups.set(key, [...(groups.get(key) ?? []), file])
    }
    return [...groups].map(([key, files]) => ({
      id: `failed:${key}:${files.map((f) => f.id).join(',')}`,
      text:
        files.length === 1
          ? (files[0]?.failure?.message ?? '')
          : describeFailure(
              files.map((f) => f.name),
              files[0]?.failure ?? { cause: 'other', raw: '' },
              t,
              locale,
            ),
    }))
  }

  const refresh = () => {
    if (mounted && !destroyed) {
      const attached = states.results()
      render(
        <Controls
          showOpenButton={!resolved.inline}
          openLabel={t('ui.open')}
          attached={attached}
          attachedLabel={t(attached.length === 1 ? 'ui.attached.one' : 'ui.attached.other', {
            count: attached.length,
          })}
          disabled={disabled}
          onOpen={() => {
            driver.openModal()
            focus?.focusWhenReady(
              () =>
                mounted.dashboard.querySelector<HTMLElement>(
                  '.uppy-Dashboard--modal .uppy-Dashboard-browse, .uppy-Dashboard--modal .uppy-Dashboard-close',
                ) ?? undefined,
            )
          }}
          notices={[...refusals, ...failureNotices()].filter((n) => !dismissed.has(n.id))}
          noticesLabel={t('ui.messages')}
          dismissLabel={t('ui.dismiss')}
          onDismiss={(id) => {
            dismissed.add(id)
            refusals = refusals.filter((n) => n.id !== id)
            refresh()
          }}
          status={status}
        />,
        mounted.controls,
      )
    }
    seams.onChange?.()
  }

  const states = createFileStates(() => refresh())

  /** A new batch of files replaces the refusals of the last one: they are about files not added. */
  const beginBatch = () => {
    if (refusalBatch) return
    refusalBatch = true
    refusals = []
    queueMicrotask(() => {
      refusalBatch = false
    })
  }

  const refuse = (refusal: Refusal) => {
    const message = describeRefusal(refusal, t, locale)
    events.emit('dropgate:rejected', { name: refusal.name, reason: refusal.reason, message })
    const id = `refused:${refusal.reason}:${refusal.name}`
    refusals = [...refusals.filter((n) => n.id !== id), { id, text: message }]
    dismissed.delete(id)
    refresh()
  }

  const limitsLine = () => {
    const line = describeLimits(rules, t, locale)
    return resolved.note ? `${resolved.note} · ${line}` : line
  }

  const copyLink = async (fileId: string) => {
    const result = states.get(fileId)?.result
    if (!result) return
    try {
      await navigator.clipboard.writeText(result.publicUrl)
      announce(t('ui.copied', { name: result.name }))
    } catch {
      announce(t('ui.copyFailed', { url: result.publicUrl }))
    }
  }

  const announce = (text: string) => {
    status = text
    refresh()
  }

  const driver = createDriver({
    ...(mounted && { mount: mounted.dashboard }),
    inline: resolved.inline,
    theme: resolved.theme,
    locale,
    note: limitsLine(),
    maxFiles: rules.maxFiles,
    pickerTypes: pickerTypes(rules),
    autoUpload: resolved.autoUpload,
    dialogLabel: t('ui.region'),
    listLabel: t('ui.files'),
    hooks: {
      admit(file, alreadyAdded) {
        beginBatch()
        const checked = checkCandidate(file, rules, alreadyAdded)
        if (!checked.ok) {
          refuse(checked.refusal)
          return false
        }
        registry.track({ id: file.id, name: file.name, size: file.size, type: checked.type })
        states.add({ id: file.id, name: file.name, size: file.size, type: checked.type })
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
        states.set(file.id, 'ready', { type: checked.type })
        return checked.type
      },
      objectKey: (fileId) => registry.keyFor(fileId),
      signRequest: createSignRequest({ api, registry, multipart }),
      useMultipart: (size) => useMultipart(size, rules.multipart),
      partSize: (size) => (rules.multipart ? partSizeFor(size, rules.multipart) : size),
      beforeRun(fileId) {
        const state = states.get(fileId)
        if (state?.phase === 'failed') {
          if (!state.failure?.retryable) return 'skip'
          return states.retry(fileId) === 'stored' ? 'confirm' : 'upload'
        }
        return state?.phase === 'stored' ? 'confirm' : 'upload'
      },
      failureMessage: (fileId) => states.get(fileId)?.failure?.message ?? '',
      started(fileIds) {
        for (const id of fileIds) states.set(id, 'uploading')
      },
      stored(fileId) {
        states.set(fileId, 'stored')
      },
      async confirm(fileId) {
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
        if (!states.get(fileId)) return uploaded.publicUrl
        states.confirm(fileId, uploaded)
        events.emit('dropgate:upload', uploaded)
        return uploaded.publicUrl
      },
      failed(fileId, error, stage) {
        const failure = classifyFailure(error, stage)
        const name = states.get(fileId)?.name ?? registry.get(fileId)?.name ?? ''
        const message = describeFailure([name], failure, t, locale)
        const resend = failure.cause === 'gone' || isUploadGone(error)
        // The next try starts from a fresh answer of the server: a new upload URL (or part URLs)
        // unless only the confirmation is missing and the object is still there.
        const tracked = registry.get(fileId)
        if (tracked && (stage === 'upload' || resend)) {
          tracked.created = undefined
          multipart.refresh?.(tracked)
        }
        states.fail(fileId, { ...failure, stage: resend ? 'upload' : stage, message })
        events.emit('dropgate:error', { name, code: failure.code, msg: message })
        driver.setUnretryable(
          states.failed().flatMap((f) => (f.failure?.retryable ? [] : [f.id])),
          states.failed().some((f) => f.failure?.retryable),
        )
        return { message, resend }
      },
      removed(fileId, index) {
        focus?.afterRemoval(index)
        const removed = states.remove(fileId)
        registry.forget(fileId)
        // With an upload token (a backend), a confirmed file a person removed with its ✕ is deleted
        // from storage too (never on a reset or a rebuild of the widget); a publishable key may not
        // delete, so its files stay until their lifetime ends.
        const { token, getToken } = resolved.credentials
        if (index >= 0 && removed?.result && (token || getToken))
          api.deleteFile(removed.result.fileId).catch((error: unknown) => {
            console.warn(`Dropgate: could not delete ${removed.name} from storage.`, error)
          })
      },
      completed(result) {
        events.emit('dropgate:complete', summarize(result))
      },
      copyLink: (fileId) => void copyLink(fileId),
      modalClosed() {
        focus?.focusWhenReady(() => mounted?.controls.querySelector<HTMLElement>('.dg-open'))
      },
      filesAdded() {
        focus?.afterAdd()
      },
      changed: refresh,
    },
  })

  const summarize = (result: {
    readonly successful: readonly string[]
    readonly failed: readonly string[]
  }): CompleteDetail => ({
    successful: result.successful.flatMap((id) => states.get(id)?.result ?? []),
    failed: result.failed.flatMap((id) => {
      const state = states.get(id)
      return state?.failure
        ? [{ name: state.name, code: state.failure.code, msg: state.failure.message }]
        : []
    }),
  })

  // The server's policy narrows the defaults once it arrives. Until then, and if it cannot be read,
  // the documented defaults apply in the browser; the server checks every upload in any case.
  const policyLoaded = api.getPolicy().then(
    (policy) => {
      rules = mergeRules(policy, limits)
      if (destroyed) return
      driver.setRestrictions(rules.maxFiles, pickerTypes(rules))
      driver.setNote(limitsLine())
    },
    (error: unknown) => {
      console.warn('Dropgate: could not read the upload policy; using the defaults.', error)
    },
  )

  // Files dropped anywhere on the page (opt-in). Drops on the drop zone are the Dashboard's own.
  const stopPageDrop =
    resolved.pageDrop && mounted
      ? listenForPageDrops(mounted.root, (files) => driver.addFiles(files))
      : () => {}

  refresh()

  return {
    on: events.on,
    off: events.off,
    async upload() {
      // Nothing to start (all sent, or sending): Uppy would run an empty upload and report it.
      const startable = states
        .all()
        .some(
          (f) =>
            f.phase === 'checking' || f.phase === 'ready' || (f.phase === 'failed' && f.failure?.retryable),
        )
      if (!startable && driver.fileIds().length > 0) return { successful: [], failed: [] }
      return summarize(await driver.upload())
    },
    addFiles: (files) => driver.addFiles([...files]),
    pause: () => driver.pause(),
    resume: () => driver.resume(),
    cancel: () => driver.cancel(),
    reset() {
      driver.reset()
      states.clear()
      registry.clear()
      refusals = []
      status = ''
      refresh()
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      stopPageDrop()
      focus?.destroy()
      driver.destroy()
      if (mounted) {
        render(null, mounted.controls)
        mounted.unmount()
      }
      events.clear()
    },
    get results() {
      return states.results()
    },
    get pending() {
      return driver.isUploading() || states.pending().length > 0
    },
    get failed() {
      return states.failed().map((f) => ({
        name: f.name,
        message: f.failure?.message ?? '',
        retryable: f.failure?.retryable ?? false,
      }))
    },
    setDisabled(value) {
      disabled = value
      driver.setDisabled(value)
      refresh()
    },
    announce,
  }
}

/** Takes files dropped anywhere on the page; answers a function that stops. */
function listenForPageDrops(root: HTMLElement, add: (files: File[]) => void): () => void {
  const doc = root.ownerDocument
  const carriesFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files')
  const onOwnZone = (event: Event) =>
    event.composedPath().some((node) => node instanceof Element && node.classList.contains('uppy-Dashboard'))
  const over = (event: DragEvent) => {
    if (!carriesFiles(event) || onOwnZone(event)) return
    event.preventDefault()
    root.dataset.pageDrag = 'true'
  }
  const leave = (event: DragEvent) => {
    if (event.relatedTarget === null) delete root.dataset.pageDrag
  }
  const drop = (event: DragEvent) => {
    delete root.dataset.pageDrag
    if (!carriesFiles(event) || onOwnZone(event)) return
    event.preventDefault()
    add([...(event.dataTransfer?.files ?? [])])
  }
  doc.addEventListener('dragover', over)
  doc.addEventListener('dragleave', leave)
  doc.addEventListener('drop', drop)
  return () => {
    doc.removeEventListener('dragover', over)
    doc.removeEventListener('dragleave', leave)
    doc.removeEventListener('drop', drop)
  }
}
