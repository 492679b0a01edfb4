import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disguised, wav } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'

/**
 * Second compatible API (docs/API.md §3.2) against the real CLI on a real port, as its users' scripts run
 * it: ask for an upload URL, PUT the bytes, confirm through the native complete, fetch the link.
 */
const KEY = 'compat-two-key'
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ DROPGATE_API_KEYS: KEY })
}, 30_000)
afterAll(() => server?.stop())

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const authHeader = { authorization: `Bearer ${KEY}` }
const requestUpload = (body: unknown, headers: Record<string, string> = authHeader) =>
  fetch(`${server.url}/api/v1/files/upload-url`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
const complete = (fileId: string) =>
  fetch(`${server.url}/api/v1/files/${fileId}/complete`, { method: 'POST', headers: authHeader })

describe('POST /api/v1/files/upload-url over HTTP', () => {
  it('request URL, PUT, complete, fetch the same bytes', async () => {
    const bytes = wav(6000)
    const created = await requestUpload({
      filename: 'memo.wav',
      contentType: 'audio/wav',
      sizeBytes: bytes.length,
    })
    expect(created.status).toBe(200)
    const body = await created.json()
    expect(body.success).toBe(true)
    const { upload_url, file_id } = body.data

    const put = await fetch(upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'audio/wav' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(200)

    const done = await complete(file_id)
    expect(done.status).toBe(200)
    const record = await done.json()
    expect(record.success).toBe(true)
    expect(record.data).toMatchObject({
      id: file_id,
      filename: 'memo.wav',
      content_type: 'audio/wav',
      size_bytes: bytes.length,
    })
    expect(typeof record.data.created_at).toBe('string')
    const served = await fetch(record.data.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('audio/wav')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  })

  it('bytes that are not the declared media are refused as they arrive, and complete finds nothing', async () => {
    const bytes = disguised.html
    const { data } = await (
      await requestUpload({ filename: 'a.wav', contentType: 'audio/wav', sizeBytes: bytes.length })
    ).json()
    const put = await fetch(data.upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'audio/wav' },
      body: bytes,
    })
    expect(put.status).toBe(400)
    expect(await put.text()).toContain('File content does not match its declared type')
    expect((await complete(data.file_id)).status).toBe(404)
  })

  it('a body of another length than sizeBytes is refused by the store', async () => {
    const bytes = wav(100)
    const { data } = await (
      await requestUpload({ filename: 'a.wav', contentType: 'audio/wav', sizeBytes: bytes.length + 1 })
    ).json()
    const put = await fetch(data.upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'audio/wav' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(403)
  })

  it.each([
    [{ filename: 'a.wav', contentType: 'audio/wav' }, 'sizeBytes is required'],
    [
      { filename: 'a.txt', contentType: 'text/plain', sizeBytes: 5 },
      'Only image/, video/, or audio/ content types are accepted',
    ],
    [
      { filename: 'a.png', contentType: 'image/png', sizeBytes: 10 * 1024 * 1024 + 1 },
      'File too large (max 10MB)',
    ],
  ])('answers %j with 400 and success: false', async (body, message) => {
    const res = await requestUpload(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ success: false, error: { code: 'INPUT_VALIDATION_ERROR', message } })
  })

  it('answers 401 AUTHENTICATION_ERROR to a wrong key', async () => {
    const res = await requestUpload(
      { filename: 'a.wav', contentType: 'audio/wav', sizeBytes: 5 },
      { authorization: 'Bearer nope' },
    )
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      success: false,
      error: { code: 'AUTHENTICATION_ERROR', message: 'Invalid or missing API key' },
    })
  })
})
