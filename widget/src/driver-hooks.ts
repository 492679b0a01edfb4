// The uploader's answers to the driver: at each step of a file (added, read, signed, sent, stored,
// confirmed, failed, removed) what Dropgate decides, what the file's record becomes and which
// `dropgate:*` event goes out.
import { partSizeFor, SNIFF_BYTES, sniff } from '@dropgate/core'
import type { Api } from './api.js'
import { checkCandidate, checkContent, type Refusal } from './check-file.js'
import { describeFailure, describeRefusal } from './describe.js'
import type { Driver, DriverHooks } from './driver-contract.js'
import type { Emitter } from './emitter.js'
import type { DropgateEventMap, UploadedFile } from './events.js'
import { classifyFailure, isUploadGone } from './failure.js'
import type { FileStates } from './file-states.js'
import type { FocusKeeper } from './focus-keeper.js'
import type { Translate } from './i18n.js'
import { checkMedia } from './media-check.js'
import type { Mounted } from './mount.js'
import type { NoticeList } from './notice-list.js'
import type { ResolvedOptions } from './options.js'
import type { Registry } from './registry.js'
import type { Rules } from './rules.js'
import { createSigner, type MultipartSigner, useMultipart } from './sign-request.js'

/** What the hooks read and act on: the uploader's parts. */
export interface HookDeps {
  readonly resolved: ResolvedOptions
  readonly t: Translate
  readonly events: Emitter<DropgateEventMap>
  readonly api: Api
  readonly multipart: MultipartSigner
  readonly registry: Registry
  readonly states: FileStates
  readonly notices: NoticeList
  readonly focus: FocusKeeper | undefined
  readonly mounted: Mounted | undefined
  /** The rules in force: the defaults until the server's policy arrives. */
  rules(): Rules
  /** Settles once the server's policy was read, or could not be. */
  policyLoaded(): Promise<void>
  /** Whether `policyLoaded` has settled: until then the rules' size caps are only the defaults. */
  policySettled(): boolean
  setUnretryable: Driver['setUnretryable']
  announce(text: string): void
  refresh(): void
}

/** `rules` with no size cap on any kind, for a file added before the server's policy is known. */
const withoutSizeCaps = (rules: Rules): Rules => ({
  ...rules,
  kinds: Object.fromEntries(
    Object.entries(rules.kinds).map(([kind, rule]) => [
      kind,
      { ...rule, maxBytes: Number.POSITIVE_INFINITY },
    ]),
  ),
})

/** A run's files as the `dropgate:complete` event (and `upload()`) report them. */
export const summarize = (
  states: FileStates,
  result: { readonly successful: readonly string[]; readonly failed: readonly string[] },
): DropgateEventMap['dropgate:complete'] => ({
  successful: result.successful.flatMap((id) => states.get(id)?.result ?? []),
  failed: result.failed.flatMap((id) => {
    const state = states.get(id)
    return state?.failure ? [{ name: state.name, code: state.failure.code, msg: state.failure.message }] : []
  }),
})

export function createDriverHooks(deps: HookDeps): DriverHooks {
  const { resolved, t, events, api, multipart, registry, states, notices, focus } = deps
  const { locale } = resolved
  const signer = createSigner({ api, registry, multipart })

  const refuse = (refusal: Refusal) => {
    const message = describeRefusal(refusal, t, locale)
    events.emit('dropgate:rejected', { name: refusal.name, reason: refusal.reason, message })
    notices.refused(refusal, message)
    deps.refresh()
  }

  const copyLink = async (fileId: string) => {
    const result = states.get(fileId)?.result
    if (!result) return
    try {
      await navigator.clipboard.writeText(result.publicUrl)
      deps.announce(t('ui.copied', { name: result.name }))
    } catch {
      deps.announce(t('ui.copyFailed', { url: result.publicUrl }))
    }
  }

  return {
    admit(file, alreadyAdded) {
      notices.beginBatch()
      // Until the server's policy is in, a size over the defaults is no reason to refuse: the server
      // may allow more (a 120 MiB video where the default is 100 MiB). `inspect` checks the file
      // again with the policy before anything is signed, and refuses it there if it must.
      const rules = deps.policySettled() ? deps.rules() : withoutSizeCaps(deps.rules())
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
      await deps.policyLoaded()
      // Again with the server's policy, which may have arrived after the file was added.
      const again = checkCandidate(file, deps.rules(), 0)
      const head = new Uint8Array(await file.data.slice(0, SNIFF_BYTES).arrayBuffer())
      const content = again.ok ? checkContent(file, again.type, sniff(head), deps.rules()) : again
      // Then pixels and lengths, still before any request for the file.
      const media = content.ok && (await checkMedia(file, content.type, deps.rules().media, locale))
      const checked = media ? { ok: false as const, refusal: media } : content
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
    signRequest: signer.signRequest,
    createMultipartUpload: signer.createMultipartUpload,
    useMultipart: (size) => useMultipart(size, deps.rules().multipart),
    partSize: (size) => {
      const { multipart: plan } = deps.rules()
      return plan ? partSizeFor(size, plan) : size
    },
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
      // Every single-PUT file of the run asks for its URL now, in one batch; Uppy sends a few at once.
      for (const id of fileIds) {
        const tracked = registry.get(id)
        if (tracked && !useMultipart(tracked.size, deps.rules().multipart)) signer.signAhead(tracked)
      }
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
        tracked.creating = undefined
        multipart.refresh?.(tracked)
      }
      states.fail(fileId, { ...failure, stage: resend ? 'upload' : stage, message })
      events.emit('dropgate:error', { name, code: failure.code, msg: message })
      deps.setUnretryable(
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
      events.emit('dropgate:complete', summarize(states, result))
    },
    copyLink: (fileId) => void copyLink(fileId),
    modalClosed() {
      focus?.focusWhenReady(() => deps.mounted?.controls.querySelector<HTMLElement>('.dg-open'))
    },
    filesAdded() {
      focus?.afterAdd()
    },
    changed: deps.refresh,
  }
}
