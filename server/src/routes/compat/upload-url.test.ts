import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auth, jsonRequest, KEY, makeApp, placeObject, putBytes } from '../../../test/harness.js'
import { disguised, gif, wav } from '../../../test/media.js'

/** Second compatible API (docs/API.md §3.2) through app.request(), on a real embedded store. */
let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp({ DROPGATE_MAX_AUDIO_BYTES: String(50 * 1024) })
})
afterEach(() => t.close())

const uploadUrl = (body: unknown, key = KEY) =>
  t.app.request('/api/v1/files/upload-url', jsonRequest(body, key))
const complete = (fileId: string, key = KEY) =>
  t.app.request(`/api/v1/files/${fileId}/complete`, { method: 'POST', headers: auth(key) })
const failure = (code: string, message: string) => ({ success: false, error: { code, message } })

describe('POST /api/v1/files/upload-url, then PUT, then complete', () => {
  it('answers {success, data: {upload_url, file_id, expires_at}}; complete answers the record', async () => {
    const bytes = wav(2000)
    const res = await uploadUrl({ filename: 'take 1.wav', contentType: 'audio/wav', sizeBytes: bytes.length })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(Object.keys(body).sort()).toEqual(['data', 'success'])
    expect(body.success).toBe(true)
    expect(Object.keys(body.data).sort()).toEqual(['expires_at', 'file_id', 'upload_url'])
    const { upload_url, file_id, expires_at } = body.data
    expect(file_id).toMatch(/\.wav$/)
    // This API promises no lifetime: its URLs live as native ones do (DROPGATE_UPLOAD_URL_TTL, 600 s).
    const ttl = Date.parse(expires_at) - Date.now()
    expect(ttl).toBeGreaterThan(590_000)
    expect(ttl).toBeLessThanOrEqual(600_000)

    const put = await putBytes(
      t.app,
      { uploadUrl: upload_url, headers: { 'Content-Type': 'audio/wav' } },
      bytes,
    )
    expect(put.status).toBe(200)

    const done = await complete(file_id)
    expect(done.status).toBe(200)
    const record = await done.json()
    // One answer for both kinds of caller: code/msg for native ones, success for this API's.
    expect(record).toMatchObject({ code: 200, msg: 'success', success: true })
    expect(Object.keys(record.data).sort()).toEqual(
      ['content_type', 'created_at', 'expires_at', 'filename', 'id', 'size_bytes', 'url'].sort(),
    )
    expect(record.data).toMatchObject({
      id: file_id,
      filename: 'take 1.wav',
      content_type: 'audio/wav',
      size_bytes: bytes.length,
    })
    const served = await t.app.request(record.data.url)
    expect(served.headers.get('content-type')).toBe('audio/wav')
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('complete deletes content that is not the declared media (native error shape there)', async () => {
    const bytes = disguised.svg
    const { data } = await (
      await uploadUrl({ filename: 'a.gif', contentType: 'image/gif', sizeBytes: bytes.length })
    ).json()
    const put = await putBytes(
      t.app,
      { uploadUrl: data.upload_url, headers: { 'Content-Type': 'image/gif' } },
      bytes,
    )
    expect(put.status).toBe(400) // the embedded store checks as it arrives...
    await placeObject(t.storage, data.upload_url, bytes, 'image/gif') // ...S3 does not
    const done = await complete(data.file_id)
    expect(done.status).toBe(400)
    expect(await done.json()).toEqual({ code: 400, msg: 'File content does not match its declared type' })
    expect(await t.stored()).toEqual([])
  })

  it('complete before the PUT answers 404', async () => {
    const { data } = await (
      await uploadUrl({ filename: 'a.gif', contentType: 'image/gif', sizeBytes: 9 })
    ).json()
    expect((await complete(data.file_id)).status).toBe(404)
  })
})

describe('POST /api/v1/files/upload-url, errors: {success: false, error: {code, message}}', () => {
  it.each([
    [{}, 'filename is required; contentType is required; sizeBytes is required'],
    [{ filename: 'a.gif', contentType: 'image/gif' }, 'sizeBytes is required'],
    [{ filename: ' ', contentType: 'image/gif', sizeBytes: 1 }, 'filename must be a non-empty string'],
    [
      { filename: 'a.gif', contentType: 'image/gif', sizeBytes: -5 },
      'sizeBytes must be a positive whole number of bytes',
    ],
    [
      { filename: 'a.gif', content_type: 'image/gif', size_bytes: 5 },
      'contentType is required; sizeBytes is required',
    ],
  ])('names every missing or malformed field: %j', async (body, message) => {
    const res = await uploadUrl(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(failure('INPUT_VALIDATION_ERROR', message))
  })

  it.each([
    [
      { filename: 'a', contentType: 'text/html', sizeBytes: 5 },
      'Only image/, video/, or audio/ content types are accepted',
    ],
    [{ filename: 'a', contentType: 'audio/wav', sizeBytes: 50 * 1024 + 1 }, 'File too large (max 0.05MB)'],
    [
      { filename: 'a', contentType: 'image/gif', sizeBytes: 10 * 1024 * 1024 + 1 },
      'File too large (max 10MB)',
    ],
  ])('applies the server policy: %j', async (body, message) => {
    const res = await uploadUrl(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(failure('INPUT_VALIDATION_ERROR', message))
  })

  it('refuses invalid JSON and other request types', async () => {
    const bad = await uploadUrl('{"filename"')
    expect(await bad.json()).toEqual(failure('INPUT_VALIDATION_ERROR', 'Invalid JSON body'))
    const form = await t.app.request('/api/v1/files/upload-url', {
      method: 'POST',
      headers: auth(),
      body: new URLSearchParams({ filename: 'a.gif', contentType: 'image/gif', sizeBytes: '5' }),
    })
    expect(form.status).toBe(400)
    expect(await form.json()).toEqual(failure('INPUT_VALIDATION_ERROR', 'Expected an application/json body'))
  })

  it('answers 401 AUTHENTICATION_ERROR without a valid key', async () => {
    const res = await uploadUrl({ filename: 'a.gif', contentType: 'image/gif', sizeBytes: 5 }, 'wrong')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual(failure('AUTHENTICATION_ERROR', 'Invalid or missing API key'))
  })

  it('answers 500 STORAGE_NOT_CONFIGURED when s3 is selected without its settings', async () => {
    const s3 = await makeApp({ DROPGATE_STORAGE: 's3', DROPGATE_PUBLIC_BASE_URL: 'https://cdn.example.com' })
    try {
      const res = await s3.app.request(
        '/api/v1/files/upload-url',
        jsonRequest({ filename: 'a.gif', contentType: 'image/gif', sizeBytes: gif().length }),
      )
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual(failure('STORAGE_NOT_CONFIGURED', 'Storage not configured'))
    } finally {
      await s3.close()
    }
  })
})

describe('/api/v1/files/upload-url beside the native /api/v1/files routes', () => {
  it('only POST is this API; other methods reach the native routes, which know no such file', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await t.app.request('/api/v1/files/upload-url', { method, headers: auth() })
      expect(res.status, method).toBe(404)
      expect(await res.json()).toEqual({ code: 404, msg: 'File not found' })
    }
  })

  it('leaves POST /api/v1/files and its JSON mode to the native API', async () => {
    const res = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 'a.gif', contentType: 'image/gif', fileSize: 5 }),
    )
    expect((await res.json()).data).toHaveProperty('uploadUrl')
  })

  it('answers a CORS preflight like the native routes', async () => {
    const res = await t.app.request('/api/v1/files/upload-url', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  })
})
