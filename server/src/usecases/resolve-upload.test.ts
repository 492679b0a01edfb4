import { afterAll, describe, expect, it } from 'vitest'
import { disguised, png } from '../../test/media.js'
import { deleteAll, recordingClient, swiftStorage, uniqueOwner } from '../../test/swift.js'
import { newFileId, objectKey, stagedKey } from '../core/keys.js'
import { createS3Storage } from '../storage/s3/s3.js'
import { resolveUpload } from './resolve-upload.js'

/**
 * The promotion out of quarantine on Swift, request by request: what each verified upload costs the
 * store (README "What a link serves" quotes these counts and times).
 */
describe('resolveUpload on Swift', () => {
  const owner = uniqueOwner('resolve')
  afterAll(async () => {
    await deleteAll(swiftStorage(), `uploads/${owner}/`)
  })
  /** A driver whose every store request is noted in `calls`. */
  const recorded = () => {
    const base = swiftStorage()
    const { client, calls } = recordingClient(base)
    const storage = createS3Storage(client.settings, 'http://127.0.0.1:1/public')
    Object.assign(storage.client, { send: client.send })
    return { storage, calls }
  }
  const admitAll = () => {}
  const stage = async (bytes: Uint8Array, contentType: string) => {
    const key = objectKey(owner, newFileId('png'))
    await swiftStorage().client.send({
      method: 'PUT',
      key: stagedKey(key),
      headers: { 'content-type': contentType },
      body: bytes,
    })
    return key
  }

  it('a first read checks and promotes in 6 store requests; later reads take 1', async () => {
    const { storage, calls } = recorded()
    // A driver's first copy also learns whether the store honours If-None-Match (Swift 2.30: 501,
    // then the copy again without it): one request more, once per process.
    await resolveUpload(storage, await stage(png(8, 8), 'image/png'), admitAll)
    expect(calls.filter((call) => call === 'PUT ()')).toHaveLength(2)
    calls.length = 0
    const key = await stage(png(32, 32), 'image/png')
    const started = performance.now()
    const info = await resolveUpload(storage, key, admitAll, { recheckLive: false })
    const firstMs = performance.now() - started
    expect(info?.size).toBe(png(32, 32).length)
    expect(calls).toEqual(['HEAD ()', 'HEAD ()', 'GET ()', 'PUT ()', 'DELETE ()', 'HEAD ()'])
    expect(await swiftStorage().head(stagedKey(key))).toBeNull()
    calls.length = 0
    const again = performance.now()
    await resolveUpload(storage, key, admitAll, { recheckLive: false })
    const laterMs = performance.now() - again
    expect(calls).toEqual(['HEAD ()'])
    console.log(
      `promotion on Swift: first read ${firstMs.toFixed(1)} ms (6 requests), later ${laterMs.toFixed(1)} ms (1)`,
    )
  })

  it('a disguise costs 3 requests and is deleted (a 4th); nothing reaches uploads/', async () => {
    const { storage, calls } = recorded()
    const key = await stage(disguised.html, 'image/png')
    await expect(resolveUpload(storage, key, admitAll)).rejects.toThrow('File content does not match')
    expect(calls).toEqual(['HEAD ()', 'HEAD ()', 'GET ()', 'DELETE ()'])
    expect(await swiftStorage().head(stagedKey(key))).toBeNull()
    expect(await swiftStorage().head(key)).toBeNull()
  })

  it('a staged object swapped between its check and its copy is never promoted', async () => {
    const { storage } = recorded()
    const key = await stage(png(16, 16, 1), 'image/png')
    const staged = stagedKey(key)
    // The swap comes right after the check read the first bytes, before the copy.
    const send = storage.client.send
    Object.assign(storage.client, {
      send: async (request: Parameters<typeof send>[0]) => {
        const answer = await send(request)
        if (request.method === 'GET' && request.key === staged)
          await swiftStorage().client.send({
            method: 'PUT',
            key: staged,
            headers: { 'content-type': 'image/png' },
            body: disguised.html,
          })
        return answer
      },
    })
    // The driver's error (a 409 upload_changed once an error handler maps it: http/storage-error.ts).
    await expect(resolveUpload(storage, key, admitAll)).rejects.toMatchObject({ reason: 'changed' })
    expect(await swiftStorage().head(key)).toBeNull()
  })
})
