// Attaches the resume machinery (uppy-resume.ts, a chunk loaded on demand) to an Uppy instance
// without racing it. Uppy takes the list of pre-processors when an upload starts, so a file added
// (and, with auto-upload, started) before the chunk has arrived would go up from the first byte as a
// new upload even when the store holds most of it. The gate is a pre-processor registered at once:
// uploads wait for the chunk, then the chunk decides which files continue an earlier upload.
import type { Body, Meta, Uppy } from '@uppy/core'
import type { ResumeContext } from './driver-contract.js'

/** What the resume chunk gives back once attached (uppy-resume.ts `attachResume`). */
export interface AttachedResume {
  /** Makes the files that continue an earlier upload do so; runs before they are uploaded. */
  prepare(fileIds: readonly string[]): Promise<void>
  stop(): void
}

export interface ResumeModule {
  attachResume(uppy: Uppy<Meta, Body>, ctx: ResumeContext): AttachedResume
}

/**
 * How long an upload waits for the chunk. Past it (a stalled request for the chunk) the upload goes
 * on without resuming: sending everything again beats sending nothing.
 */
export const RESUME_LOAD_WAIT_MS = 10_000

export function gateResume(
  uppy: Uppy<Meta, Body>,
  ctx: ResumeContext,
  load: () => Promise<ResumeModule>,
): () => void {
  let stopped = false
  let attached: AttachedResume | undefined
  const ready = load().then(
    (module) => {
      if (!stopped) attached = module.attachResume(uppy, ctx)
      return attached
    },
    (error: unknown) => {
      console.warn(
        'Dropgate: uploads cannot be resumed after a reload (the resume code did not load).',
        error,
      )
      return undefined
    },
  )
  const gate = async (fileIds: string[]) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        console.warn('Dropgate: the resume code is late; these files are uploaded from the beginning.')
        resolve(undefined)
      }, RESUME_LOAD_WAIT_MS)
    })
    const resume = await Promise.race([ready, late])
    clearTimeout(timer)
    await resume?.prepare(fileIds)
  }
  uppy.addPreProcessor(gate)
  return () => {
    stopped = true
    uppy.removePreProcessor(gate)
    attached?.stop()
  }
}
