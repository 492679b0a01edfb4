import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auth, jsonRequest, KEY, makeApp, OTHER_KEY, placeObject, putBytes } from '../../../test/harness.js'
import { disguised, png } from '../../../test/media.js'

/** First compatible API (docs/API.md §3.1) through app.request(), on a real embedded store. */
const PK = 'dg_pk_compat_one'
const ORIGIN = 'http://shop.example.com'
const MiB = 1024 * 1024
let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp({
    // Native upload URLs live 60 s here; this API's must still live an hour.
    DROPGATE_UPLOAD_URL_TTL: '60',
    DROPGATE_PUBLISHABLE_KEYS: `${PK}|${ORIGIN}`,
    DROPGATE_PUBLISHABLE_RATE_LIMIT: '3/60',
  })
})
afterEach(() => t.close())

const upload = (body: unknown, key = KEY, headers: Record<string, string> = {}) => {
  const init = jsonRequest(body, key)
  return t.app.request('/v1/files/upload', { ...init, headers: { ...init.headers, ...headers } })
}
const image = (bytes: Uint8Array, filename = 'cat.png') => ({
  filename,
  content_type: 'image/png',
  size_bytes: bytes.length,
})
const validation = (message: string) => ({ error: { code: 'INPUT_VALIDATION_ERROR', message } })

describe('POST /v1/files/upload', () => {
  it('answers file_id, upload_url and expires_at (1 hour); the PUT lands and file_id resolves', async () => {
    const bytes = png(8, 8, 4)
    const res = await upload(image(bytes, 'Holiday.PNG'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await res.json()
    expect(Object.keys(body).sort()).toEqual(['expires_at', 'file_id', 'upload_url'])
    expect(body.file_id).toMatch(/^[0-9a-z]+-[A-Za-z0-9_-]{24}\.png$/)
    const ttl = Date.parse(body.expires_at) - Date.now()
    expect(ttl).toBeGreaterThan(3590_000)
    expect(ttl).toBeLessThanOrEqual(3600_000)
    expect(new URL(body.upload_url).searchParams.get('X-Amz-Expires')).toBe('3600')

    const put = await putBytes(
      t.app,
      { uploadUrl: body.upload_url, headers: { 'Content-Type': 'image/png' } },
      bytes,
    )
    expect(put.status).toBe(200)

    const resolved = await t.app.request(`/api/v1/files/${body.file_id}`, { headers: auth() })
    expect(resolved.status).toBe(200)
    const { data } = await resolved.json()
    expect(data).toMatchObject({
      id: body.file_id,
      filename: 'Holiday.PNG',
      content_type: 'image/png',
      size_bytes: bytes.length,
    })
    const served = await t.app.request(data.url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('binds size_bytes and content_type into the URL: the store refuses another length or type', async () => {
    const bytes = png()
    const { upload_url } = await (await upload(image(bytes))).json()
    const longer = Buffer.concat([bytes, Buffer.alloc(1)])
    expect(
      (await putBytes(t.app, { uploadUrl: upload_url, headers: { 'Content-Type': 'image/png' } }, longer))
        .status,
    ).toBe(403)
    expect(
      (await putBytes(t.app, { uploadUrl: upload_url, headers: { 'Content-Type': 'image/gif' } }, bytes))
        .status,
    ).toBe(403)
    expect(await t.stored()).toEqual([])
  })

  it('files live under the caller: another key cannot resolve the id', async () => {
    const bytes = png()
    const { file_id, upload_url } = await (await upload(image(bytes))).json()
    await putBytes(t.app, { uploadUrl: upload_url, headers: { 'Content-Type': 'image/png' } }, bytes)
    const other = await t.app.request(`/api/v1/files/${file_id}`, { headers: auth(OTHER_KEY) })
    expect(other.status).toBe(404)
  })

  it('its ids can be confirmed natively: content that is not the declared media is deleted', async () => {
    const { file_id, upload_url } = await (
      await upload({ filename: 'x.png', content_type: 'image/png', size_bytes: disguised.html.length })
    ).json()
    const put = await putBytes(
      t.app,
      { uploadUrl: upload_url, headers: { 'Content-Type': 'image/png' } },
      disguised.html,
    )
    expect(put.status).toBe(400) // the embedded store checks as it arrives...
    await placeObject(t.storage, upload_url, disguised.html, 'image/png') // ...S3 does not
    const done = await t.app.request(`/api/v1/files/${file_id}/complete`, { method: 'POST', headers: auth() })
    expect(done.status).toBe(400)
    expect(await t.stored()).toEqual([])
  })

  it('accepts a video of exactly 100 MiB', async () => {
    const res = await upload({ filename: 'v.mp4', content_type: 'video/mp4', size_bytes: 100 * MiB })
    expect(res.status).toBe(200)
  })
})

describe('POST /v1/files/upload, validation errors', () => {
  it.each([
    [{}, 'filename is required; content_type is required; size_bytes is required'],
    [{ content_type: 'image/png', size_bytes: 10 }, 'filename is required'],
    [{ filename: 'a.png', size_bytes: 10 }, 'content_type is required'],
    [{ filename: 'a.png', content_type: 'image/png' }, 'size_bytes is required'],
    [{ filename: 'a.png', content_type: 'image/png', size_bytes: null }, 'size_bytes is required'],
    [{ filename: '', content_type: 'image/png', size_bytes: 10 }, 'filename must be a non-empty string'],
    [{ filename: 'a.png', content_type: 7, size_bytes: 10 }, 'content_type must be a non-empty string'],
    // The second API's spelling is not this API's: its fields are simply missing here.
    [
      { filename: 'a.png', contentType: 'image/png', sizeBytes: 10 },
      'content_type is required; size_bytes is required',
    ],
  ])('names every missing or malformed field: %j', async (body, message) => {
    const res = await upload(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(validation(message))
  })

  it.each([0, -1, 1.5, '12', true, Number.MAX_SAFE_INTEGER + 2])('refuses size_bytes %j', async (size) => {
    const res = await upload({ filename: 'a.png', content_type: 'image/png', size_bytes: size })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(validation('size_bytes must be a positive whole number of bytes'))
  })

  it('refuses size_bytes over 100 MiB even where the policy would allow more', async () => {
    const roomy = await makeApp({ DROPGATE_MAX_VIDEO_BYTES: String(500 * MiB) })
    try {
      const res = await roomy.app.request(
        '/v1/files/upload',
        jsonRequest({ filename: 'v.mp4', content_type: 'video/mp4', size_bytes: 100 * MiB + 1 }),
      )
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual(validation('size_bytes must be at most 104857600 (100 MiB)'))
    } finally {
      await roomy.close()
    }
  })

  it("applies the server policy's per-type cap below that", async () => {
    const res = await upload({ filename: 'a.png', content_type: 'image/png', size_bytes: 10 * MiB + 1 })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(validation('File too large (max 10MB)'))
  })

  it.each(['text/html', 'image/svg+xml', 'application/pdf', 'application/octet-stream'])(
    'refuses content_type %s',
    async (type) => {
      const res = await upload({ filename: 'a.png', content_type: type, size_bytes: 10 })
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual(
        validation('Only image/, video/, or audio/ content types are accepted'),
      )
    },
  )

  it.each(['{"filename":', '[]', 'null', '42', ''])('refuses body %j as invalid JSON', async (body) => {
    const res = await upload(body)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(validation('Invalid JSON body'))
  })

  it('refuses a JSON body too large to be a real request with 413', async () => {
    const res = await upload({ filename: 'x'.repeat(70_000), content_type: 'image/png', size_bytes: 10 })
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('INPUT_VALIDATION_ERROR')
  })

  it.each([undefined, 'text/plain', 'multipart/form-data; boundary=x'])(
    'refuses request Content-Type %s',
    async (type) => {
      const res = await t.app.request('/v1/files/upload', {
        method: 'POST',
        headers: { ...auth(), ...(type ? { 'content-type': type } : {}) },
        body: JSON.stringify(image(png())),
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual(validation('Expected an application/json body'))
    },
  )
})

describe('POST /v1/files/upload, credentials', () => {
  it.each([
    ['no header', {}],
    ['a wrong key', { authorization: 'Bearer nope' }],
    ['another scheme', { authorization: `Basic ${KEY}` }],
  ])('answers 401 AUTHENTICATION_ERROR for %s, before looking at the body', async (_, headers) => {
    const res = await t.app.request('/v1/files/upload', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'x',
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      error: { code: 'AUTHENTICATION_ERROR', message: 'Invalid or missing API key' },
    })
  })

  it('honours an upload token and its scope (403 PERMISSION_ERROR), and refuses a tampered one (401)', async () => {
    const minted = await t.app.request(
      '/api/v1/tokens',
      jsonRequest({ types: ['image/png'], maxFileSize: 1000 }),
    )
    const { token } = (await minted.json()).data
    expect((await upload(image(png()), token)).status).toBe(200)

    const gif = await upload({ filename: 'a.gif', content_type: 'image/gif', size_bytes: 10 }, token)
    expect(gif.status).toBe(403)
    expect(await gif.json()).toEqual({
      error: { code: 'PERMISSION_ERROR', message: 'This credential may not upload image/gif files' },
    })
    const big = await upload({ filename: 'a.png', content_type: 'image/png', size_bytes: 1001 }, token)
    expect(big.status).toBe(403)
    expect((await big.json()).error.code).toBe('PERMISSION_ERROR')

    const tampered = await upload(image(png()), `${token.slice(0, -2)}xx`)
    expect(tampered.status).toBe(401)
    expect((await tampered.json()).error).toEqual({
      code: 'AUTHENTICATION_ERROR',
      message: 'Invalid upload token',
    })
  })

  it('takes a publishable key from its origins only, rate-limited together with the native route', async () => {
    const noOrigin = await upload(image(png()), PK)
    expect(noOrigin.status).toBe(403)
    expect(await noOrigin.json()).toEqual({
      error: { code: 'PERMISSION_ERROR', message: 'Origin not allowed' },
    })

    const fromShop = { origin: ORIGIN }
    expect((await upload(image(png()), PK, fromShop)).status).toBe(200)
    const native = await t.app.request('/api/v1/files', {
      method: 'POST',
      headers: { authorization: `Bearer ${PK}`, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', fileSize: 10 }),
    })
    expect(native.status).toBe(200)
    expect((await upload(image(png()), PK, fromShop)).status).toBe(200)
    const limited = await upload(image(png()), PK, fromShop)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await limited.json()).error.code).toBe('RATE_LIMIT_ERROR')
  })

  it('answers a CORS preflight for the allowed origins', async () => {
    const res = await t.app.request('/v1/files/upload', {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    const elsewhere = await t.app.request('/v1/files/upload', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example.com', 'access-control-request-method': 'POST' },
    })
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers 500 STORAGE_NOT_CONFIGURED when s3 is selected without its settings', async () => {
    const s3 = await makeApp({ DROPGATE_STORAGE: 's3', DROPGATE_PUBLIC_BASE_URL: 'https://cdn.example.com' })
    try {
      const res = await s3.app.request('/v1/files/upload', jsonRequest(image(png())))
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({
        error: { code: 'STORAGE_NOT_CONFIGURED', message: 'Storage not configured' },
      })
    } finally {
      await s3.close()
    }
  })
})
