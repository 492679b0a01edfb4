import { partSizeFor } from '@dropgate/core'
import { render } from 'preact'
import { createApi } from './api.js'
import { withBatching } from './batched-api.js'
import { describeLimits } from './describe.js'
import { createDriverHooks, summarize } from './driver-hooks.js'
import { createEmitter, type Emitter } from './emitter.js'
import type { DropgateEventMap, UploadedFile } from './events.js'
import { createHandleBook } from './file-handles.js'
import { createFileStates } from './file-states.js'
import { type FocusKeeper, keepFocus } from './focus-keeper.js'
import { createTranslator } from './i18n.js'
import { loadedLocale, loadLocale } from './load-locale.js'
import { directionOf } from './locale-catalog.js'
import type { LocalePack } from './locale-pack.js'
import { warmMediaReader } from './media-check.js'
import { applyLocale, type Mounted, mount } from './mount.js'
import { createMultipartSigner } from './multipart-signer.js'
import { createNoticeList } from './notice-list.js'
import { resolveOptions, type UploaderOptions } from './options.js'
import { listenForPageDrops } from './page-drop.js'
import { DEFAULT_POLICY } from './policy.js'
import { rewarmOnIntent, warmPreflights } from './preflight-warm.js'
import { createRegistry } from './registry.js'
import { mergeRules, pickerTypes, type Rules } from './rules.js'
import type { MultipartSigner } from './sign-request.js'
import { Controls } from './ui/controls.js'
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
  /**
   * Adds files from File System Access handles (Chromium: `showOpenFilePicker()`, a drop's
   * `getAsFileSystemHandle()`, the origin private file system), as `addFiles` does; an unfinished
   * upload of one can be continued after a reload with a click, without picking the file again.
   */
  addFileHandles(handles: Iterable<FileSystemFileHandle>): Promise<void>
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
  /** Called once the server's policy is applied, or could not be read (the defaults stay). */
  readonly onPolicy?: () => void
  /** Called once the locale's strings are applied, or could not be loaded (English stays). */
  readonly onLocale?: () => void
}

export function createUploader(options: UploaderOptions, seams: UploaderSeams = {}): Uploader {
  const resolved = resolveOptions(options, {
    ...(typeof document !== 'undefined' && { baseUrl: document.baseURI }),
    ...(typeof navigator !== 'undefined' && { languages: navigator.languages }),
  })
  const { locale, limits } = resolved
  const t = createTranslator(locale)
  const events = createEmitter<DropgateEventMap>()
  // Files that ask together share one request (batched-api.ts); multipart steps go as they are.
  const api = withBatching(createApi(resolved))
  const multipart = seams.multipart ?? createMultipartSigner({ api })
  const registry = createRegistry()
  const handles = createHandleBook()
  let rules: Rules = mergeRules(DEFAULT_POLICY, limits)
  // What a dropped file's checks and requests need, fetched now rather than after the drop.
  warmMediaReader(rules)
  const warmSigner = () => {
    if (typeof location !== 'undefined')
      void warmPreflights(resolved.endpoint, resolved.fetch, location.origin)
  }
  warmSigner()
  let status = ''
  let disabled = false
  let destroyed = false

  const mounted: Mounted | undefined = resolved.target
    ? mount(resolved.target, UPPY_CSS, resolved.theme, t('ui.region'))
    : undefined
  const focus: FocusKeeper | undefined = mounted ? keepFocus(mounted.root) : undefined

  const refresh = () => {
    if (mounted && !destroyed) {
      const attached = states.results()
      render(
        <Controls
          showOpenButton={!resolved.inline}
          openLabel={t('ui.open')}
          attached={attached}
          attachedLabel={t.plural('ui.attached', attached.length)}
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
          notices={notices.shown()}
          noticesLabel={t('ui.messages')}
          dismissLabel={t('ui.dismiss')}
          onDismiss={(id) => {
            notices.dismiss(id)
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
  const notices = createNoticeList(states, t, locale)

  const limitsLine = () => {
    const line = describeLimits(rules, t, locale)
    return resolved.note ? `${resolved.note} · ${line}` : line
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
    dialogLabel: () => t('ui.region'),
    listLabel: () => t('ui.files'),
    resume: {
      api,
      multipart,
      registry,
      endpoint: resolved.endpoint,
      locale,
      translated: () => loadedLocale(locale)?.widget?.resume,
      partSize: (size) => (rules.multipart ? partSizeFor(size, rules.multipart) : size),
      handles,
      ...(mounted && { parent: mounted.root }),
    },
    hooks: createDriverHooks({
      resolved,
      t,
      events,
      api,
      multipart,
      registry,
      states,
      notices,
      focus,
      mounted,
      rules: () => rules,
      policyLoaded: () => policyLoaded,
      policySettled: () => policySettled,
      setUnretryable: (ids, anyRetryable) => driver.setUnretryable(ids, anyRetryable),
      announce,
      refresh,
    }),
  })

  // The server's policy narrows the defaults once it arrives. Until then, and if it cannot be read,
  // the documented defaults apply in the browser; the server checks every upload in any case.
  let policySettled = false
  const policyLoaded = api.getPolicy().then(
    (policy) => {
      policySettled = true
      rules = mergeRules(policy, limits)
      warmMediaReader(rules)
      if (destroyed) return
      driver.setRestrictions(rules.maxFiles, pickerTypes(rules))
      driver.setNote(limitsLine())
    },
    (error: unknown) => {
      policySettled = true
      console.warn('Dropgate: could not read the upload policy; using the defaults.', error)
    },
  )
  void policyLoaded.then(() => seams.onPolicy?.())

  // The locale's pack loads on demand (English is built in): until it arrives the widget speaks
  // English, and if it cannot be loaded it stays so (load-locale.ts notes why in the console).
  const speak = (pack: LocalePack | undefined) => {
    if (destroyed) return
    if (pack) {
      driver.setLocale(pack, directionOf(locale))
      driver.setNote(limitsLine())
    }
    if (mounted) applyLocale(mounted.root, pack ? locale : 'en', t('ui.region'))
    refresh()
    seams.onLocale?.()
  }
  void loadLocale(locale).then(speak)

  // Files dropped anywhere on the page (opt-in). Drops on the drop zone are the Dashboard's own.
  const stopPageDrop =
    resolved.pageDrop && mounted
      ? listenForPageDrops(mounted.root, (files, event) => {
          handles.captureDrop(event)
          driver.addFiles(files)
        })
      : () => {}
  // The Dashboard's own drops: their handles are read before Uppy takes the files (capture phase).
  mounted?.root.addEventListener('drop', handles.captureDrop, true)
  const stopRewarm = mounted ? rewarmOnIntent(mounted.root, warmSigner) : () => {}

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
      return summarize(states, await driver.upload())
    },
    addFiles: (files) => driver.addFiles([...files]),
    addFileHandles: async (list) => driver.addFiles(await handles.filesOf(list)),
    pause: () => driver.pause(),
    resume: () => driver.resume(),
    cancel: () => driver.cancel(),
    reset() {
      driver.reset()
      states.clear()
      registry.clear()
      notices.clearRefusals()
      status = ''
      refresh()
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      stopPageDrop()
      stopRewarm()
      mounted?.root.removeEventListener('drop', handles.captureDrop, true)
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
