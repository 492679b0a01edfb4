import { type FaultProxy, sendPartial, startFaultProxy } from '@dropgate/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sweepS3 } from '../../src/cli/storage-sweep.js'
import { parseSweepOptions, type SweepOptions } from '../../src/cli/sweep-options.js'
import { loadConfig } from '../../src/config.js'
import { abortIncompleteUpload, listIncompleteUploads } from '../../src/storage/s3/index.js'
import { expectNoFalseAlarms, formOf, inChunks, MiB, mediaFile, ownerOf, postForm } from '../faults.js'
import { type RunningServer, startServer } from '../server-process.js'
import { deleteAll, openMultipartUploads, swiftEnv, swiftStorage, throwawayBucket } from '../swift.js'

/**
 * Faults on the S3 driver (Swift), against the real server over HTTP, with a TCP fault proxy between
 * the server and the store (testkit's startFaultProxy): clients that vanish mid-body, a store that
 * stalls, loses its answers or drops the connection, a server killed mid-upload. Each case checks
 * what the client got and when, that no multipart upload or object is left in the bucket, that the
 * log tells client faults from store outages, and that later uploads work.
 */
const KEY = 'faults-s3-key'

describe('faults on the S3 driver (Swift behind a fault proxy)', () => {
  let proxy: FaultProxy
  let server: RunningServer
  let owner: string
  const store = () => swiftStorage()
  /** Multipart uploads still open for this server's files (server-streamed ones live under uploads/). */
  const openUploads = async () => [
    ...(await openMultipartUploads(store(), `uploads/${owner}/`)),
    ...(await openMultipartUploads(store(), `quarantine/${owner}/`)),
  ]
  const objects = async () => {
    const keys: string[] = []
    for await (const info of store().list(`uploads/${owner}/`)) keys.push(info.key)
    return keys
  }

  beforeAll(async () => {
    const env = swiftEnv()
    const endpoint = new URL(env.S3_ENDPOINT as string)
    proxy = await startFaultProxy({ target: { host: endpoint.hostname, port: Number(endpoint.port) } })
    server = await startServer({
      DROPGATE_API_KEYS: KEY,
      DROPGATE_STORAGE: 's3',
      ...env,
      S3_ENDPOINT: proxy.url,
      DROPGATE_BODY_IDLE_TIMEOUT: '3',
    })
    owner = await ownerOf(server, KEY)
  })
  beforeEach(() => {
    proxy.mode('pass')
    proxy.cutAfter(null)
  })
  afterAll(async () => {
    await server?.stop()
    await proxy?.close()
    if (owner) await deleteAll(store(), `uploads/${owner}/`)
    // What a failed run left (its owner is the same next run): the next run starts from an empty list.
    if (owner)
      for (const prefix of [`uploads/${owner}/`, `quarantine/${owner}/`])
        for await (const upload of listIncompleteUploads(store().client, prefix))
          await abortIncompleteUpload(store().client, upload)
  })

  const small = () => formOf(mediaFile('image/png', 300 * 1024), 'image/png', 'small.png')

  it('F2/F8: six 3 MiB uploads whose clients vanish (with and without Content-Length) leave nothing; small uploads still work at once; no false outage', async () => {
    const gone = server.events('client_gone').length
    const form = formOf(mediaFile('image/png', 3 * MiB), 'image/png', 'gone.png')
    const vanish = (i: number, chunked: boolean) =>
      sendPartial({
        url: `${server.url}/api/v1/files`,
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': form.contentType },
        body: inChunks(form.body),
        ...(chunked ? {} : { declaredLength: form.body.length }),
        stopAfterBytes: MiB + i * 100 * 1024,
        how: i % 2 === 0 ? 'destroy' : 'reset',
      })
    await Promise.all([0, 1, 2, 3, 4, 5].flatMap((i) => [vanish(i, false), vanish(i, true)]))
    await server.logged('client_gone', gone + 12)
    // The byte budget (48 MiB, 8 MiB a chunked part) came back: six more chunked forms go through.
    const chunkedForm = small()
    const chunked = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6].map(async () => {
        const res = await fetch(`${server.url}/api/v1/files`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': chunkedForm.contentType },
          body: inChunks(chunkedForm.body) as unknown as BodyInit,
          duplex: 'half',
        } as RequestInit)
        return res.status
      }),
    )
    expect(chunked).toEqual([200, 200, 200, 200, 200, 200, 200])
    const after = await postForm(server, KEY, small())
    expect(after.status).toBe(200)
    expect(after.ms).toBeLessThan(2000)
    expect(await openUploads()).toEqual([])
    expectNoFalseAlarms(server)
  }, 60_000)

  it('F10: a store that takes the body and never answers is a 503 within its 5 s deadline (not 10), and logged as an outage', async () => {
    proxy.mode('stall')
    const stalled = await postForm(server, KEY, small())
    expect(stalled.status).toBe(503)
    expect(stalled.body).toEqual({ code: 503, msg: 'Storage is unavailable, try again shortly' })
    expect(stalled.ms).toBeGreaterThan(4500)
    expect(stalled.ms).toBeLessThan(7000)
    await server.logged('storage_unavailable')
    proxy.mode('pass')
    expect((await postForm(server, KEY, small())).status).toBe(200)
  }, 30_000)

  it('F10: complete with a store that stalls is a 503 within the deadline too', async () => {
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'a.png', contentType: 'image/png' }),
    })
    const { fileId } = (await created.json()).data
    proxy.mode('stall')
    const started = performance.now()
    const done = await fetch(`${server.url}/api/v1/files/${fileId}/complete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
    })
    expect(done.status).toBe(503)
    expect(performance.now() - started).toBeLessThan(7000)
  }, 30_000)

  it('the store connection lost mid-body: a 503 at once, nothing stored, the next upload works', async () => {
    const before = await objects()
    proxy.cutAfter(512 * 1024)
    const cut = await postForm(server, KEY, formOf(mediaFile('video/mp4', 8 * MiB), 'video/mp4', 'cut.mp4'))
    expect(cut.status).toBe(503)
    expect(cut.ms).toBeLessThan(3000)
    proxy.cutAfter(null)
    expect(await objects()).toEqual(before)
    expect((await postForm(server, KEY, small())).status).toBe(200)
    expect(await openUploads()).toEqual([])
  }, 30_000)

  it("F9: the store's CreateMultipartUpload answer lost: a 503, then the server finds the upload by its key and aborts it", async () => {
    const form = formOf(mediaFile('video/mp4', 12 * MiB), 'video/mp4', 'lost.mp4')
    const lostBefore = server.events('lost_upload_aborted').length
    proxy.mode('deaf') // the store does the work; its answers are lost on the way back
    const res = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': form.contentType },
      body: inChunks(form.body) as unknown as BodyInit, // chunked: the body goes up as a multipart upload
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(503)
    proxy.mode('pass')
    await server.logged('lost_upload_aborted', lostBefore + 1, 45_000)
    const [aborted] = server.events('lost_upload_aborted').slice(-1)
    expect(aborted?.aborted).toBe(1)
    expect(await openUploads()).toEqual([])
    expect(await objects()).not.toContainEqual(expect.stringContaining('lost'))
  }, 60_000)

  it("F9: a large-file upload the server creates, the store's answer lost: a 503, and the upload found and aborted", async () => {
    const lostBefore = server.events('lost_upload_aborted').length
    proxy.mode('deaf')
    const started = performance.now()
    const res = await fetch(`${server.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'lost.mp4', contentType: 'video/mp4', fileSize: 30 * MiB }),
    })
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ code: 503, msg: 'Storage is unavailable, try again shortly' })
    expect(performance.now() - started).toBeLessThan(7000)
    proxy.mode('pass')
    await server.logged('lost_upload_aborted', lostBefore + 1, 45_000)
    const [aborted] = server.events('lost_upload_aborted').slice(-1)
    expect(aborted?.aborted).toBe(1)
    expect(await openUploads()).toEqual([])
    // The store answering again, the same request creates the upload.
    const again = await fetch(`${server.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'lost.mp4', contentType: 'video/mp4', fileSize: 30 * MiB }),
    })
    const { data } = await again.json()
    expect(data.uploadId).toBeTruthy()
    expect(await openUploads()).toHaveLength(1)
    await fetch(
      (
        await (
          await fetch(`${server.url}/api/v1/uploads/${data.fileId}/sign`, {
            method: 'POST',
            headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({ ticket: data.ticket, uploadId: data.uploadId, step: 'abort' }),
          })
        ).json()
      ).data.url,
      { method: 'DELETE' },
    )
    expect(await openUploads()).toEqual([])
  }, 60_000)

  it('the store gone mid-upload, its abort failing too: the upload is aborted once the store answers again', async () => {
    const form = formOf(mediaFile('video/mp4', 12 * MiB), 'video/mp4', 'unaborted.mp4')
    expect(await openUploads()).toEqual([])
    const abortedBefore = server.events('failed_upload_aborted').length
    const upstreamBefore = proxy.counts.upstream
    const answer = fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': form.contentType },
      body: inChunks(form.body) as unknown as BodyInit, // chunked: the body goes up as a multipart upload
      duplex: 'half',
    } as RequestInit)
    // Half of the first 8 MiB part is on its way, so the multipart upload exists: the store goes now,
    // and the abort that follows the part's failure cannot reach it either.
    await proxy.until(() => proxy.counts.upstream - upstreamBefore >= 4 * MiB)
    proxy.mode('cut')
    expect((await answer).status).toBe(503)
    // Swift itself (not through the proxy) still holds the upload the abort could not remove.
    expect(await openUploads()).toHaveLength(1)
    proxy.mode('pass')
    await server.logged('failed_upload_aborted', abortedBefore + 1, 45_000)
    expect(server.events('failed_upload_aborted').slice(-1)[0]?.result).toBe('aborted')
    expect(await openUploads()).toEqual([])
  }, 60_000)
})

describe('F9: a server killed mid-upload', () => {
  it('leaves an incomplete multipart upload, which `storage sweep` (its clock a day on) finds and aborts', async () => {
    // A bucket of its own: the sweep's clock is moved on, so every upload in the bucket looks old.
    const bucket = await throwawayBucket('killed')
    const endpoint = new URL(bucket.env.S3_ENDPOINT as string)
    const proxy = await startFaultProxy({ target: { host: endpoint.hostname, port: Number(endpoint.port) } })
    const env = { DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', ...bucket.env, S3_ENDPOINT: proxy.url }
    const server = await startServer(env)
    try {
      const form = formOf(mediaFile('video/mp4', 40 * MiB), 'video/mp4', 'killed.mp4')
      // Chunked, so its parts go up as a multipart upload (8 MiB parts read whole).
      const sending = sendPartial({
        url: `${server.url}/api/v1/files`,
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': form.contentType },
        body: inChunks(form.body),
        stopAfterBytes: 35 * MiB,
        how: 'destroy',
      })
      // Killed once the first part is on its way into the store (the upload was created before it).
      await proxy.until(() => proxy.counts.upstream > 9 * MiB)
      server.process.kill('SIGKILL')
      await sending
      expect(await openMultipartUploads(bucket.storage, 'uploads/')).toHaveLength(1)
      const out: string[] = []
      const config = loadConfig({ ...env, S3_ENDPOINT: bucket.env.S3_ENDPOINT })
      const options = parseSweepOptions([]) as SweepOptions
      const status = await sweepS3(
        config,
        options,
        { now: Date.now() + 25 * 3600_000 },
        {
          write: (text: string) => out.push(text),
        },
      )
      expect(status, out.join('')).toBe(0)
      expect(out.join('')).toMatch(/aborted 1, failed 0/)
      expect(await openMultipartUploads(bucket.storage, 'uploads/')).toEqual([])
    } finally {
      await server.stop()
      await proxy.close()
      await bucket.destroy()
    }
  }, 60_000)
})
