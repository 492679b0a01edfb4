import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formRequest, jsonRequest, makeApp, putBytes } from '../../../test/harness.js'
import { png } from '../../../test/media.js'
import type { Storage } from '../storage.js'
import { UNFINISHED_OBJECT_MS } from './local.js'
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

describe('an object whose writer died between linking it and writing its meta', () => {
  /** An upload URL, and the object a killed writer left at its key: all its bytes, no meta. */
  async function leftBehind(ageMs: number) {
    const bytes = png(12, 12, 7)
    const res = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 'a.png', contentType: 'image/png', fileSize: bytes.length }),
    )
    const { data } = await res.json()
    const key = decodeURIComponent(new URL(data.uploadUrl).pathname.replace(/^\/store\//, ''))
    const path = join(t.dataDir, 'objects', key)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, bytes)
    const when = new Date(Date.now() - ageMs)
    await utimes(path, when, when)
    return { data, key, bytes }
  }

  it('is never served, and past the grace the next upload to its key replaces it', async () => {
    const { data, key, bytes } = await leftBehind(UNFINISHED_OBJECT_MS + 5000)
    const storage = localStore(t.storage)
    expect(await storage.head(key)).toBeNull()
    expect((await t.app.request(data.publicUrl)).status).toBe(404)
    expect((await putBytes(t.app, data, bytes)).status).toBe(200)
    expect(await storage.head(key)).toMatchObject({ size: bytes.length, contentType: 'image/png' })
    const served = await t.app.request(data.publicUrl)
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('within the grace (its writer may be about to write the meta) it still holds its key', async () => {
    const { data, bytes } = await leftBehind(0)
    expect((await putBytes(t.app, data, bytes)).status).toBe(403)
  })

  it('is removed by the sweeper a day on, and one with its meta is left alone', async () => {
    const storage = localStore(t.storage)
    const { key } = await leftBehind(UNFINISHED_OBJECT_MS + 5000)
    const stored = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: png(), name: 'b.png', type: 'image/png' }),
    )
    expect(stored.status).toBe(200)
    const objectFiles = () => readdir(join(t.dataDir, 'objects'), { recursive: true })
    expect(await sweepLocalStore(storage, { fileTtlSeconds: 60 })).toEqual({ files: 0, uploads: 0, temps: 0 })
    const dayLater = Date.now() + 24 * 60 * 60 * 1000 + 1000
    const week = 7 * 24 * 60 * 60 // files that live a week: the stored one is not expired
    expect(await sweepLocalStore(storage, { fileTtlSeconds: week, now: dayLater })).toEqual({
      files: 0,
      uploads: 0,
      temps: 1,
    })
    expect((await objectFiles()).filter((name) => name.endsWith('.png'))).toHaveLength(1)
    expect(await t.stored()).toHaveLength(1)
    expect(await storage.head(key)).toBeNull()
  })
})
