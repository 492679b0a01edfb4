// @vitest-environment happy-dom
import Uppy, { type Body, type Meta } from '@uppy/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ResumeContext } from './driver-contract.js'
import { type AttachedResume, gateResume, RESUME_LOAD_WAIT_MS, type ResumeModule } from './resume-gate.js'

// The real Uppy: an uploader of the test's own records when (and whether) files went up, against a
// resume chunk the test delivers, fails or never delivers.

const ctx = {} as ResumeContext

function setUp() {
  const uppy = new Uppy<Meta, Body>()
  const steps: string[] = []
  uppy.addUploader(async (ids) => {
    steps.push(`upload ${ids.length}`)
  })
  const id = uppy.addFile({ name: 'video.mp4', type: 'video/mp4', data: new Blob(['x']) })
  return { uppy, steps, id }
}

function chunk(steps: string[]) {
  let deliver: (module: ResumeModule) => void = () => {}
  let fail: (error: Error) => void = () => {}
  const loaded = new Promise<ResumeModule>((resolve, reject) => {
    deliver = resolve
    fail = reject
  })
  const stopped: string[] = []
  const module: ResumeModule = {
    attachResume: (): AttachedResume => {
      steps.push('attached')
      return {
        prepare: async (ids) => {
          steps.push(`prepare ${ids.length}`)
        },
        stop: () => stopped.push('stop'),
      }
    },
  }
  return { load: () => loaded, deliver: () => deliver(module), fail, stopped }
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('gateResume', () => {
  it('holds an upload started before the chunk arrived, then lets the chunk prepare its files first', async () => {
    const { uppy, steps } = setUp()
    const resume = chunk(steps)
    gateResume(uppy, ctx, resume.load)
    const uploaded = uppy.upload()
    await Promise.resolve()
    expect(steps).toEqual([])
    resume.deliver()
    await uploaded
    expect(steps).toEqual(['attached', 'prepare 1', 'upload 1'])
  })

  it('uploads without resuming when the chunk fails to load, and says so once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { uppy, steps } = setUp()
    const resume = chunk(steps)
    gateResume(uppy, ctx, resume.load)
    resume.fail(new Error('chunk 404'))
    await uppy.upload()
    expect(steps).toEqual(['upload 1'])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain('uploads cannot be resumed')
  })

  it('stops waiting for a chunk that stalls once the wait is over', async () => {
    vi.useFakeTimers()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { uppy, steps } = setUp()
    const resume = chunk(steps)
    gateResume(uppy, ctx, resume.load)
    const uploaded = uppy.upload()
    await vi.advanceTimersByTimeAsync(RESUME_LOAD_WAIT_MS - 1)
    expect(steps).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await uploaded
    expect(steps).toEqual(['upload 1'])
    // A chunk that comes late still serves the uploads after it (Uppy's test uploader never marks
    // the first file done, so it goes again with the new one).
    resume.deliver()
    await vi.advanceTimersByTimeAsync(0)
    uppy.addFile({ name: 'other.mp4', type: 'video/mp4', data: new Blob(['y']) })
    await uppy.upload()
    expect(steps).toEqual(['upload 1', 'attached', 'prepare 2', 'upload 2'])
  })

  it('never attaches a chunk that arrives after the widget was destroyed, and stops an attached one', async () => {
    const early = setUp()
    const late = chunk(early.steps)
    gateResume(early.uppy, ctx, late.load)()
    late.deliver()
    await early.uppy.upload()
    expect(early.steps).toEqual(['upload 1'])

    const { uppy, steps } = setUp()
    const resume = chunk(steps)
    const stop = gateResume(uppy, ctx, resume.load)
    resume.deliver()
    await uppy.upload()
    stop()
    expect(resume.stopped).toEqual(['stop'])
  })
})
