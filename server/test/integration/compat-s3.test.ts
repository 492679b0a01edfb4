import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disguised, gif, png, pngOfSize, wav } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'
import { deleteAll, swiftEnv, swiftStorage } from '../swift.js'

/**
 * The three compatible APIs (docs/API.md §3) on DROPGATE_STORAGE=s3: the real CLI against the real S3 API
 * of Swift. The adapters use only the Storage interface, so each documented flow must run unchanged,
 * with upload URLs pointing at the bucket and public URLs at its public base.
 */
const KEY = `compat-s3-${randomBytes(6).toString('hex')}`
let server: RunningServer
let env: Record<string, string>
/** `uploads/<owner>/`, learnt from the first stored file; everything this run stored lives under it. */
let prefix = ''
beforeAll(async () => {
  env = swiftEnv()
  server = await startServer({ DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', ...env })
}, 30_000)
afterAll(async () => {
  await server?.stop()
  if (prefix) await deleteAll(swiftStorage(), prefix)
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const authHeader = { authorization: `Bearer ${KEY}` }
const postJson = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...authHeader, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
const put = (url: string, type: string, bytes: Uint8Array) =>
  fetch(url, { method: 'PUT', headers: { 'Content-Type': type }, body: new Uint8Array(bytes) })
async function expectServed(url: string, type: string, bytes: Uint8Array) {
  expect(url.startsWith(`${env.DROPGATE_PUBLIC_BASE_URL}/uploads/`)).toBe(true)
  const served = await fetch(url)
  expect(served.status).toBe(200)
  expect(served.headers.get('content-type')).toBe(type)
  expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  const owner = new URL(url).pathname.split('/uploads/')[1]?.split('/')[0]
  if (!prefix && owner) prefix = `uploads/${owner}/`
}
async function storedKeys(): Promise<string[]> {
  expect(prefix).toMatch(/^uploads\/key-[0-9a-f]+\/$/)
  const keys: string[] = []
  for await (const info of swiftStorage().list(prefix)) keys.push(info.key)
  return keys.sort()
}

describe('compatible APIs on the s3 driver (Swift)', () => {
  it('first API: request URL, PUT to the bucket, resolve file_id, fetch the same bytes', async () => {
    const bytes = png(32, 32, 21)
    const res = await postJson('/v1/files/upload', {
      filename: 'bucket.png',
      content_type: 'image/png',
      size_bytes: bytes.length,
    })
    expect(res.status).toBe(200)
    const { file_id, upload_url } = await res.json()
    expect(upload_url.startsWith(`${env.S3_ENDPOINT}/${env.S3_QUARANTINE_BUCKET}/quarantine/`)).toBe(true)
    expect(new URL(upload_url).searchParams.get('X-Amz-Expires')).toBe('3600')
    expect((await put(upload_url, 'image/gif', bytes)).status).toBe(403)
    expect((await put(upload_url, 'image/png', bytes)).status).toBe(200)
    const resolved = await fetch(`${server.url}/api/v1/files/${file_id}`, { headers: authHeader })
    const { data } = await resolved.json()
    // No filename assertion: a presigned PUT to S3 stores none (storage/s3/s3.ts), as for native uploads.
    expect(data).toMatchObject({ id: file_id, content_type: 'image/png', size_bytes: bytes.length })
    await expectServed(data.url, 'image/png', bytes)
  })

  it('second API: request URL, PUT to the bucket, complete, fetch the same bytes', async () => {
    const bytes = wav(3000)
    const res = await postJson('/api/v1/files/upload-url', {
      filename: 'bucket.wav',
      contentType: 'audio/wav',
      sizeBytes: bytes.length,
    })
    const { success, data } = await res.json()
    expect(success).toBe(true)
    expect((await put(data.upload_url, 'audio/wav', bytes)).status).toBe(200)
    const done = await fetch(`${server.url}/api/v1/files/${data.file_id}/complete`, {
      method: 'POST',
      headers: authHeader,
    })
    const record = await done.json()
    expect(record).toMatchObject({ success: true, data: { id: data.file_id, size_bytes: bytes.length } })
    await expectServed(record.data.url, 'audio/wav', bytes)
  })

  it('third API: post the form, the server streams it into the bucket, fetch the same bytes', async () => {
    const bytes = gif()
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/gif' }), 'bucket.gif')
    const res = await fetch(`${server.url}/v1/uploads/images`, {
      method: 'POST',
      headers: authHeader,
      body: form,
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ filename: 'bucket.gif', content_type: 'image/gif', bytes: bytes.length })
    await expectServed(body.url, 'image/gif', bytes)
  })

  it('third API: what it refuses (over the cap mid-stream, disguised) leaves nothing in the bucket', async () => {
    const before = await storedKeys()
    expect(before.length).toBeGreaterThan(0)
    for (const [bytes, name, type, status] of [
      [pngOfSize(10 * 1024 * 1024 + 4096), 'huge.png', 'image/png', 413],
      [disguised.html, 'page.png', 'image/png', 400],
    ] as const) {
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(bytes)], { type }), name)
      const res = await fetch(`${server.url}/v1/uploads/images`, {
        method: 'POST',
        headers: authHeader,
        body: form,
      })
      expect(res.status, name).toBe(status)
    }
    expect(await storedKeys()).toEqual(before)
  })
})
