// What the widget's list of notices holds: the refusals of the latest batch of files added and the
// failures of files in the list, grouped by cause; a notice a person dismissed stays hidden.
import type { Refusal } from './check-file.js'
import { describeFailure } from './describe.js'
import type { FileState, FileStates } from './file-states.js'
import type { Translate } from './i18n.js'
import type { Notice } from './ui/notices.js'

export interface NoticeList {
  /** The notices to show: refusals, then failures, less those dismissed. */
  shown(): Notice[]
  /** A new batch of files replaces the refusals of the last one: they are about files not added. */
  beginBatch(): void
  refused(refusal: Refusal, message: string): void
  dismiss(id: string): void
  clearRefusals(): void
}

export function createNoticeList(states: FileStates, t: Translate, locale: string): NoticeList {
  /** Refusals of the latest files added; a refused file never enters the list, so it has no state. */
  let refusals: Notice[] = []
  let refusalBatch = false
  const dismissed = new Set<string>()

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

  return {
    shown: () => [...refusals, ...failureNotices()].filter((n) => !dismissed.has(n.id)),
    beginBatch() {
      if (refusalBatch) return
      refusalBatch = true
      refusals = []
      queueMicrotask(() => {
        refusalBatch = false
      })
    },
    refused(refusal, message) {
      const id = `refused:${refusal.reason}:${refusal.name}`
      refusals = [...refusals.filter((n) => n.id !== id), { id, text: message }]
      dismissed.delete(id)
    },
    dismiss(id) {
      dismissed.add(id)
      refusals = refusals.filter((n) => n.id !== id)
    },
    clearRefusals() {
      refusals = []
    },
  }
}
