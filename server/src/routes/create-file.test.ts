import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formRequest, jsonRequest, KEY, makeApp, putBytes } from '../../test/harness.js'
import { disguised, mp4, png, pngOfSize, wav } from '../../test/media.js'

let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp({ DROPGATE_MAX_AUDIO_BYTES: String(50 * 1024) })
})
afterEach(() => t.close())

const post = (init: RequestInit) => t.app.request('/api/v1/files', init)
const stored = () => t.stored()

describe('POST /api/v1/files, JSON mode', () => {
  it('answers a presigned PUT whose bytes are then served at publicUrl', async () => {
    const bytes = png(8, 8, 3)
    const res = await post(
      jsonRequest({ filename: 'Cat photo.PNG', contentType: 'image/png', fileSize: bytes.length }),
    )
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ code: 200, msg: 'success' })
    const { fileId, uploadUrl, publicUrl, expiresAt, headers } = body.data
    expect(fileId).toMatch(/^[0-9a-z]+-[A-Za-z0-9_-]{24}\.png$/)
    expect(headers).toEqual({ 'Content-Type': 'image/png' })
    expect(publicUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:8787/files/uploads/key-[0-9a-f]{16}/${fileId}$`),
    )
    const ttl = Date.parse(expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(590_000)
    expect(ttl).toBeLessThanOrEqual(600_000)

    const put = await putBytes(t.app, { uploadUrl, headers }, bytes)
    expect(put.status).toBe(200)
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    const got = await t.app.request(publicUrl)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('keeps the extension only when it belongs to the type', async () => {
    const res = await post(jsonRequest({ filename: 'evil.html', contentType: 'image/jpeg' }))
    expect((await res.json()).data.fileId).toMatch(/\.jpg$/)
  })

  it.each([
    [{ contentType: 'image/png' }],
    [{ filename: 'a.png' }],
    [{ filename: '', contentType: 'image/png' }],
    [{ filename: 'a.png', contentType: 7 }],
  ])('refuses %j without both fields', async (body) => {
    const res = await post(jsonRequest(body))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 400, msg: 'filename and contentType are required' })
  })

  it.each(['text/plain', 'image/svg+xml', 'application/octet-stream', 'text/html'])(
    'refuses type %s',
    async (type) => {
      const res = await post(jsonRequest({ filename: 'a.png', contentType: type }))
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({
        code: 400,
        msg: 'Only image/, video/, or audio/ content types are accepted',
      })
    },
  )

  it.each([
    ['image/png', 10 * 1024 * 1024 + 1, 'File too large (max 10MB)'],
    ['video/mp4', 100 * 1024 * 1024 + 1, 'File too large (max 100MB)'],
  ])('refuses a %s of %d bytes at once', async (contentType, fileSize, msg) => {
    const res = await post(jsonRequest({ filename: 'x', contentType, fileSize }))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 400, msg })
  })

  it('accepts a file of exactly the cap', async () => {
    const res = await post(
      jsonRequest({ filename: 'x.png', contentType: 'image/png', fileSize: 10 * 1024 * 1024 }),
    )
    expect(res.status).toBe(200)
  })

  it.each([-1, 0, 1.5, '12', Number.MAX_SAFE_INTEGER + 2])('refuses fileSize %j', async (fileSize) => {
    const res = await post(jsonRequest({ filename: 'x.png', contentType: 'image/png', fileSize }))
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe('fileSize must be a positive whole number of bytes')
  })

  it.each(['{"filename":', '[]', 'null', '"text"', '42', ''])(
    'refuses body %j as invalid JSON',
    async (body) => {
      const res = await post(jsonRequest(body))
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ code: 400, msg: 'Invalid JSON body' })
    },
  )

  it('refuses a JSON body too large to be a real request', async () => {
    const res = await post(jsonRequest({ filename: 'x'.repeat(70_000), contentType: 'image/png' }))
    expect(res.status).toBe(413)
  })
})

describe('POST /api/v1/files, request checks', () => {
  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded'])(
    'refuses Content-Type %s',
    async (type) => {
      const res = await post({
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, ...(type ? { 'content-type': type } : {}) },
        body: 'x',
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ code: 400, msg: 'Expected multipart/form-data or application/json' })
    },
  )

  it.each([
    ['no header', {}],
    ['a wrong key', { authorization: 'Bearer nope' }],
    ['another scheme', { authorization: `Basic ${KEY}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 for %s, before looking at the body', async (_, headers) => {
    const res = await post({
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'x',
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ code: 401, msg: 'Invalid or missing API key' })
  })

  it('answers 500 Storage not configured when s3 is selected without its settings', async () => {
    const s3 = await makeApp({ DROPGATE_STORAGE: 's3', DROPGATE_PUBLIC_BASE_URL: 'https://cdn.example.com' })
    try {
      expect(s3.config.warnings.join()).toMatch(/S3_ENDPOINT/)
      const res = await s3.app.request(
        '/api/v1/files',
        jsonRequest({ filename: 'a.png', contentType: 'image/png' }),
      )
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({ code: 500, msg: 'Storage not configured' })
      const form = await s3.app.request(
        '/api/v1/files',
        formRequest({ bytes: png(), name: 'a.png', type: 'image/png' }),
      )
      expect(form.status).toBe(500)
    } finally {
      await s3.close()
    }
  })
})

describe('POST /api/v1/files, multipart mode', () => {
  it('stores the file and serves the same bytes', async () => {
    const bytes = png(16, 16, 9)
    const res = await post(formRequest({ bytes, name: 'dir/../photo.png', type: 'image/png' }))
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(Object.keys(data).sort()).toEqual(['fileId', 'publicUrl'])
    const got = await t.app.request(data.publicUrl)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true)
    const meta = await t.app.request(`/api/v1/files/${data.fileId}`, {
      headers: { authorization: `Bearer ${KEY}` },
    })
    expect((await meta.json()).data).toMatchObject({
      filename: 'photo.png',
      content_type: 'image/png',
      size_bytes: bytes.length,
    })
  })

  it('takes the type from the bytes when the part says application/octet-stream', async () => {
    const res = await post(formRequest({ bytes: wav(), name: 'recording', type: 'application/octet-stream' }))
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data.fileId).toMatch(/\.wav$/)
    expect((await t.app.request(data.publicUrl)).headers.get('content-type')).toBe('audio/wav')
  })

  it('takes the type from the bytes when the part has no Content-Type at all, as Python requests sends it', async () => {
    const boundary = 'pyrequests'
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\n\r\n`,
      ),
      png(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const res = await post({
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: new Uint8Array(body),
    })
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect((await t.app.request(data.publicUrl)).headers.get('content-type')).toBe('image/png')
  })

  it('takes the type from the extension when the bytes do not say', async () => {
    // MP4's ftyp box names a video container; with no part type the extension decides, then the bytes must agree.
    const res = await post(formRequest({ bytes: mp4(), name: 'clip.mp4', type: '' }))
    expect(res.status).toBe(200)
  })

  it('refuses a part with no usable type at all', async () => {
    const res = await post(
      formRequest({ bytes: disguised.text, name: 'notes.txt', type: 'application/octet-stream' }),
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      code: 400,
      msg: 'Only image/, video/, or audio/ content types are accepted',
    })
    expect(await stored()).toEqual([])
  })

  it.each(Object.entries(disguised))(
    'refuses %s declared as image/png and stores nothing',
    async (_, bytes) => {
      const res = await post(formRequest({ bytes, name: 'innocent.png', type: 'image/png' }))
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ code: 400, msg: 'File content does not match its declared type' })
      expect(await stored()).toEqual([])
    },
  )

  it('cuts off a file over its type cap while streaming and stores nothing', async () => {
    const res = await post(
      formRequest({ bytes: pngOfSize(10 * 1024 * 1024 + 10), name: 'big.png', type: 'image/png' }),
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 400, msg: 'File too large (max 10MB)' })
    expect(await stored()).toEqual([])
  })

  it('applies the cap of the detected type (audio capped at 50 KiB here)', async () => {
    const res = await post(formRequest({ bytes: wav(30_000), name: 'long.wav', type: 'audio/wav' }))
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe('File too large (max 0.05MB)')
    expect(await stored()).toEqual([])
  })

  it('refuses a form without a file field', async () => {
    const res = await post(formRequest(null))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 400, msg: 'No file provided (expected form field "file")' })
  })

  it('refuses a file under another field name', async () => {
    const res = await post(formRequest({ bytes: png(), name: 'a.png', type: 'image/png' }, KEY, 'upload'))
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe('No file provided (expected form field "file")')
    expect(await stored()).toEqual([])
  })

  it('refuses a body that is not multipart at all', async () => {
    const res = await post({
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'multipart/form-data' },
      body: 'garbage',
    })
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe('Malformed multipart/form-data body')
  })
})
