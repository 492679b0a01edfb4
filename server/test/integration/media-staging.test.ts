import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { parseApiKey } from '../../src/core/api-keys.js'
import { silentLogger } from '../../src/log.js'
import { createNodeApp } from '../../src/node/node-app.js'
import { createStorage } from '../../src/storage/create-storage.js'
import type { Storage } from '../../src/storage/storage.js'
import { collect, formRequest, jsonRequest, putBytes } from '../harness.js'
import { mp4Of, png } from '../media-fixtures.js'
import { swiftEnv } from '../swift.js'

/**
 * What fails the media rules is never reachable at its public URL, not even while it is checked:
 * the app runs on the real store, seen through a Storage that, at the moment the check reads the
 * bytes, asks the public URL for them. On the embedded store the check runs on the written file
 * before it is linked into place (its `check`); on S3, multipart mode puts what its head could not
 * decide (an MP4 whose moov follows its mdat) at the staging key, checks it there and promotes it.
 */
const RULES = { DROPGATE_IMAGE_MIN_SIDE: '128', DROPGATE_MEDIA_MIN_SECONDS: '1' }
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** The app on a real store whose media reads first note what the public URL answers then. */
async function watchedApp(kind: 'local' | 's3') {
  const KEY = `media-staging-${randomBytes(6).toString('hex')}`
  const owner = parseApiKey(KEY)?.owner as string
  const dataDir = await mkdtemp(join(tmpdir(), 'dropgate-staging-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  const config = loadConfig({
    DROPGATE_API_KEYS: KEY,
    DROPGATE_DATA_DIR: dataDir,
    ...RULES,
    ...(kind === 's3' && { DROPGATE_STORAGE: 's3', ...swiftEnv() }),
  })
  const storage = (await createStorage(config, silentLogger)) as Storage
  const publicAnswers: number[] = []
  const publicStatus = async (key: string) => {
    const url = storage.publicUrl(key)
    const res = kind === 'local' ? await app.request(url) : await fetch(url)
    await res.arrayBuffer()
    return res.status
  }
  const watched = Object.create(storage) as Storage
  if (storage.kind === 'local' && watched.kind === 'local') {
    watched.put = (key, body, input) =>
      storage.put(key, body, {
        ...input,
        ...(input.check && {
          check: async (written) => {
            publicAnswers.push(await publicStatus(key))
            await input.check?.(written)
          },
        }),
      })
  } else {
    watched.readRange = async (key, start, end, ifMatch) => {
      // A media read of a staged object (past the magic bytes): where is the file meanwhile?
      if (key.startsWith('quarantine/') && start > 0)
        publicAnswers.push(await publicStatus(key.replace(/^quarantine\//, 'uploads/')))
      return storage.readRange(key, start, end, ifMatch)
    }
  }
  const app = createNodeApp({ config, storage: watched, logger: silentLogger })
  const stored = async () => {
    const keys = [] as string[]
    for (const prefix of [`uploads/${owner}/`, `quarantine/${owner}/`])
      for (const info of (await collect(storage.list(prefix))) as { key: string }[]) keys.push(info.key)
    return keys
  }
  return { app, KEY, storage, publicAnswers, stored, publicStatus }
}

describe.each(['local', 's3'] as const)(
  'multipart mode on the %s store, an MP4 whose moov follows its mdat',
  (kind) => {
    it('is checked out of public view: a failing one answers 404 throughout and leaves nothing', async () => {
      const t = await watchedApp(kind)
      const clip = mp4Of(0.5, { moovAtEnd: true, mdatBytes: 200_000 })
      const res = await t.app.request(
        '/api/v1/files',
        formRequest({ bytes: clip, name: 'short.mp4', type: 'video/mp4' }, t.KEY),
      )
      expect(res.status).toBe(400)
      expect((await res.json()).msg).toBe('short.mp4 lasts 0.5 s; at least 1 s is needed')
      expect(t.publicAnswers.length).toBeGreaterThan(0) // the check ran, and the seam saw it
      expect(new Set(t.publicAnswers)).toEqual(new Set([404]))
      expect(await t.stored()).toEqual([])
    })

    it('a passing one answers 404 while checked and is served once it passed', async () => {
      const t = await watchedApp(kind)
      const clip = mp4Of(30, { moovAtEnd: true, mdatBytes: 200_000 })
      const res = await t.app.request(
        '/api/v1/files',
        formRequest({ bytes: clip, name: 'ok.mp4', type: 'video/mp4' }, t.KEY),
      )
      expect(res.status).toBe(200)
      const { fileId } = (await res.json()).data
      expect(t.publicAnswers.length).toBeGreaterThan(0)
      expect(new Set(t.publicAnswers)).toEqual(new Set([404]))
      const key = (await t.stored()).find((k) => k.endsWith(fileId)) as string
      expect(key.startsWith('uploads/')).toBe(true)
      expect(await t.stored()).toEqual([key]) // nothing left in quarantine
      expect(await t.publicStatus(key)).toBe(200)
    })
  },
)

describe('the embedded store, an upload URL PUT', () => {
  it('a PNG that breaks the rules is never at /files, even while it is checked', async () => {
    const t = await watchedApp('local')
    const file = png(100, 100)
    const res = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 's.png', contentType: 'image/png', fileSize: file.length }, t.KEY),
    )
    const data = (await res.json()).data
    const put = await putBytes(t.app, data, file)
    expect(put.status).toBe(400)
    expect(t.publicAnswers).toEqual([404])
    expect(await t.stored()).toEqual([])
    expect((await t.app.request(data.publicUrl)).status).toBe(404)
  })

  it('one that meets them is linked into place after its check', async () => {
    const t = await watchedApp('local')
    const file = png(256, 256)
    const res = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 'ok.png', contentType: 'image/png', fileSize: file.length }, t.KEY),
    )
    const data = (await res.json()).data
    expect((await putBytes(t.app, data, file)).status).toBe(200)
    expect(t.publicAnswers).toEqual([404])
    expect((await t.app.request(data.publicUrl)).status).toBe(200)
  })
})
