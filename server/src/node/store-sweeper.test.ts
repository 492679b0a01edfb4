import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formRequest, makeApp } from '../../test/harness.js'
import { png } from '../../test/media.js'
import type { Logger } from '../log.js'
import { startStoreSweeper } from './store-sweeper.js'

/** A logger that hands each event to the test as it is logged. */
function listeningLogger() {
  const events: { event: string; fields: unknown }[] = []
  let notify = () => {}
  const record = (event: string, fields?: unknown) => {
    events.push({ event, fields })
    notify()
  }
  const logger: Logger = { info: record, warn: record, error: record }
  const next = (name: string) =>
    new Promise<unknown>((resolve) => {
      notify = () => {
        const found = events.find((e) => e.event === name)
        if (found) resolve(found.fields)
      }
      notify()
    })
  return { logger, next }
}

let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp({ DROPGATE_FILE_TTL: '60' })
})
afterEach(async () => {
  vi.useRealTimers()
  await t.close()
})

describe('startStoreSweeper (what an embedding app runs beside the signer)', () => {
  it('deletes the embedded store’s expired files and logs what it swept', async () => {
    const res = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: png(), name: 'a.png', type: 'image/png' }),
    )
    expect(res.status).toBe(200)
    expect(await t.stored()).toHaveLength(1)
    // Only Date is faked: the sweep's file system calls run for real, 61 s after the upload.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 61_000)
    const { logger, next } = listeningLogger()
    const stop = startStoreSweeper(t.storage, t.config, logger)
    try {
      expect(await next('swept')).toMatchObject({ files: 1 })
      expect(await t.stored()).toEqual([])
    } finally {
      stop()
    }
  })

  it('runs nothing without an embedded store (S3 expires objects by its lifecycle rules)', () => {
    const { logger } = listeningLogger()
    const failIfCalled = vi.fn()
    const stop = startStoreSweeper(null, t.config, { ...logger, info: failIfCalled, error: failIfCalled })
    stop()
    expect(failIfCalled).not.toHaveBeenCalled()
  })
})
