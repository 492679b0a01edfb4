import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formRequest, makeApp } from '../../../test/harness.js'
import { png } from '../../../test/media.js'
import type { Storage } from '../storage.js'
import { sweepLocalStore } from './local-sweeper.js'

let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp({ DROPGATE_FILE_TTL: '60' })
})
afterEach(() => t.close())

/** The harness's store, narrowed: these tests are for the embedded one. */
function localStore(storage: Storage | null) {
  if (storage?.kind !== 'local') throw new Error('expected the embedded store')
  return storage
}

describe('sweepLocalStore', () => {
  it('deletes files past their lifetime and keeps the others', async () => {
    const storage = localStore(t.storage)
    const res = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: png(), name: 'a.png', type: 'image/png' }),
    )
    expect(res.status).toBe(200)
    expect(await sweepLocalStore(storage, { fileTtlSeconds: 60 })).toEqual({ files: 0, uploads: 0, temps: 0 })
    expect(await t.stored()).toHaveLength(1)
    const later = Date.now() + 61_000
    expect(await sweepLocalStore(storage, { fileTtlSeconds: 60, now: later })).toMatchObject({ files: 1 })
    expect(await t.stored()).toEqual([])
    const left = await readdir(join(t.dataDir, 'objects'), { recursive: true })
    expect(left.filter((name) => name.endsWith('.png'))).toEqual([])
  })

  it('removes multipart uploads nobody touched for a day', async () => {
    const storage = localStore(t.storage)
    const key = 'uploads/key-1/mwr0aaaa-AAAAAAAAAAAAAAAAAAAAAAAA.mp4'
    const fresh = await storage.multipart.create(key, 'video/mp4', {})
    expect(await sweepLocalStore(storage, { fileTtlSeconds: 60 })).toMatchObject({ uploads: 0 })
    const dayLater = Date.now() + 24 * 60 * 60 * 1000 + 1000
    expect(await sweepLocalStore(storage, { fileTtlSeconds: 60, now: dayLater })).toMatchObject({
      uploads: 1,
    })
    await expect(storage.multipart.listParts(fresh, key)).rejects.toThrow('does not exist')
  })
})
