import type { UploadedFile } from './events.js'
import type { Failure, FailureStage } from './failure.js'

/**
 * The one record of where each file is. Everything the widget shows or hands out is read from it:
 * the file cards, the notices, `dropgate:*` events, the form value and its validity. A file is
 * `confirmed` only once the server's `complete` answered, and only then does it have a `result`.
 *
 *   checking → ready → uploading → stored → confirmed
 *                  ↘        ↘          ↘
 *                         failed (with a cause; Retry goes back to `ready`, or to `stored` when the
 *                                 bytes are in the store and only the confirmation is missing)
 */
export type Phase = 'checking' | 'ready' | 'uploading' | 'stored' | 'confirmed' | 'failed'

export interface FileState {
  readonly id: string
  readonly name: string
  readonly size: number
  readonly type: string
  readonly phase: Phase
  readonly result?: UploadedFile
  readonly failure?: Failure & { readonly stage: FailureStage; readonly message: string }
}

export interface FileStates {
  add(file: { id: string; name: string; size: number; type: string }): void
  get(id: string): FileState | undefined
  /** Moves a file on; a file that is not known (removed meanwhile) is left alone. */
  set(id: string, phase: Exclude<Phase, 'confirmed' | 'failed'>, patch?: { type?: string }): void
  confirm(id: string, result: UploadedFile): void
  fail(id: string, failure: NonNullable<FileState['failure']>): void
  /** Retry: back to `stored` when only the confirmation failed, else to `ready`. */
  retry(id: string): Phase | undefined
  remove(id: string): FileState | undefined
  clear(): void
  all(): FileState[]
  /** Confirmed files in the order they were added. */
  results(): UploadedFile[]
  /** Files on their way: checked or not yet, waiting, uploading, or stored and not yet confirmed. */
  pending(): FileState[]
  failed(): FileState[]
}

export function createFileStates(onChange: () => void = () => {}): FileStates {
  const files = new Map<string, FileState>()
  const put = (state: FileState) => {
    files.set(state.id, state)
    onChange()
  }

  return {
    add(file) {
      put({ ...file, phase: 'checking' })
    },
    get: (id) => files.get(id),
    set(id, phase, patch = {}) {
      const state = files.get(id)
      if (!state) return
      const { failure: _failure, result: _result, ...rest } = state
      put({ ...rest, ...patch, phase })
    },
    confirm(id, result) {
      const state = files.get(id)
      if (!state) return
      const { failure: _failure, ...rest } = state
      put({ ...rest, phase: 'confirmed', result })
    },
    fail(id, failure) {
      const state = files.get(id)
      if (!state) return
      put({ ...state, phase: 'failed', failure })
    },
    retry(id) {
      const state = files.get(id)
      if (state?.phase !== 'failed') return state?.phase
      const phase = state.failure?.stage === 'confirm' ? 'stored' : 'ready'
      const { failure: _failure, ...rest } = state
      put({ ...rest, phase })
      return phase
    },
    remove(id) {
      const state = files.get(id)
      if (state) {
        files.delete(id)
        onChange()
      }
      return state
    },
    clear() {
      files.clear()
      onChange()
    },
    all: () => [...files.values()],
    results: () =>
      [...files.values()].flatMap((f) => (f.phase === 'confirmed' && f.result ? [f.result] : [])),
    pending: () => [...files.values()].filter((f) => f.phase !== 'confirmed' && f.phase !== 'failed'),
    failed: () => [...files.values()].filter((f) => f.phase === 'failed'),
  }
}
