import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newFileId } from '../../src/core/keys.js'
import { blackHole } from '../black-hole.js'
import { png } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'
import { type ThrowawaySwift, throwawaySwift } from '../swift.js'

/**
 * The real server (`dropgate serve`, default timeouts) when its store goes away: it answers 503 with
 * a `{code,msg}` body within a few seconds, never hangs, and works again when the store is back.
 * The store is a private Swift (own port and folder), so the shared one is never stopped.
 */
const KEY = 'outage-key'
const auth = { authorization: `Bearer ${KEY}` }
const UNAVAILABLE = { code: 503, msg: 'Storage is unavailable, try again shortly' }

async function timed(request: Promise<Response>) {
  const started = performance.now()
  const res = await request
  const body = await res.json()
  return { status: res.status, body, ms: performance.now() - started }
}

describe('store stopped and started again', () => {
  let swift: ThrowawaySwift
  let server: RunningServer
  beforeAll(async () => {
    swift = await throwawaySwift()
    server = await startServer({ DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', ...swift.env })
  }, 90_000)
  afterAll(async () => {
    await server?.stop()
    await swift?.destroy()
  }, 60_000)

  const upload = () => {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(png(16, 16, 4))], { type: 'image/png' }), 'a.png')
    return fetch(`${server.url}/api/v1/files`, { method: 'POST', headers: auth, body: form })
  }
  const get = (fileId: string) => fetch(`${server.url}/api/v1/files/${fileId}`, { headers: auth })

  it('503 fast while the store is down, the same requests work once it is back', async () => {
    const before = await timed(upload())
    expect(before.status).toBe(200)
    const { fileId } = before.body.data

    await swift.stop()
    for (const attempt of [timed(get(fileId)), timed(upload())]) {
      const res = await attempt
      expect(res).toMatchObject({ status: 503, body: UNAVAILABLE })
      expect(res.ms).toBeLessThan(2000)
    }
    // Presigning needs no store: JSON mode still answers.
    const presign = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'b.png', contentType: 'image/png' }),
    })
    expect(presign.status).toBe(200)

    await swift.start()
    const after = await timed(get(fileId))
    expect(after.status).toBe(200)
    expect(after.body.data.id).toBe(fileId)
    expect((await timed(upload())).status).toBe(200)
    expect(server.logs.join('')).toContain('"event":"storage_unavailable"')
  }, 90_000)
})

describe('store hangs', () => {
  let hole: Awaited<ReturnType<typeof blackHole>>
  let server: RunningServer
  beforeAll(async () => {
    hole = await blackHole()
    server = await startServer({
      DROPGATE_API_KEYS: KEY,
      DROPGATE_STORAGE: 's3',
      S3_ENDPOINT: hole.url,
      S3_BUCKET: 'dropgate',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      DROPGATE_PUBLIC_BASE_URL: `${hole.url}/public`,
    })
  }, 30_000)
  afterAll(async () => {
    await server?.stop()
    await hole?.close()
  })

  it('answers 503 within the default 5 s deadline, with every request in parallel', async () => {
    const requests = Array.from({ length: 5 }, () =>
      timed(fetch(`${server.url}/api/v1/files/${newFileId('png')}`, { headers: auth })),
    )
    for (const res of await Promise.all(requests)) {
      expect(res).toMatchObject({ status: 503, body: UNAVAILABLE })
      expect(res.ms).toBeGreaterThan(4500)
      expect(res.ms).toBeLessThan(7000)
    }
    expect(hole.accepted()).toBeGreaterThan(0)
  }, 20_000)
})
