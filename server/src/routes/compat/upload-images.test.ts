import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auth, formRequest, jsonRequest, KEY, makeApp, OTHER_KEY } from '../../../test/harness.js'
import { disguised, gif, mp4, png, pngOfSize, wav } from '../../../test/media.js'
import { jpegWithExif } from '../../../test/media-fixtures.js'

/** Third compatible API (docs/API.md §3.3) through app.request(), on a real embedded store. */
let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp({ DROPGATE_MAX_IMAGE_BYTES: String(64 * 1024) })
})
afterEach(() => t.close())

/**
 * A JPEG with its SOF (the media rules' pixel guard reads its size) and the leading bytes of a WebP
 * (RIFF/WEBP, VP8L), all the sniffer and the size reader read.
 */
const jpegStart = () => jpegWithExif(64, 48)
const webpStart = () =>
  Buffer.concat([
    Buffer.from('RIFF'),
    Buffer.from([52, 0, 0, 0]),
    Buffer.from('WEBPVP8L'),
    Buffer.alloc(44, 2),
  ])

const post = (init: RequestInit) => t.app.request('/v1/uploads/images', init)
const send = (bytes: Uint8Array, name: string, type?: string, key = KEY) =>
  post(formRequest(type === undefined ? { bytes, name } : { bytes, name, type }, key))
const error = (code: string, message: string) => ({ error: { code, message } })

/** A hand-written form: a file part with no Content-Type at all (as Python's requests sends it) or an empty filename. */
function rawForm(bytes: Uint8Array, name: string, type?: string): RequestInit {
  const boundary = 'compat-boundary-7'
  const typeLine = type === undefined ? '' : `Content-Type: ${type}\r\n`
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n${typeLine}\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return {
    method: 'POST',
    headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  }
}

describe('POST /v1/uploads/images', () => {
  it.each([
    ['photo.png', 'image/png', png(12, 12, 2)],
    ['photo.jpg', 'image/jpeg', jpegStart()],
    ['photo.webp', 'image/webp', webpStart()],
    ['anim.gif', 'image/gif', gif()],
  ])('stores %s and answers url, filename, content_type, bytes, created_at', async (name, type, bytes) => {
    const before = Math.floor(Date.now() / 1000)
    const res = await send(bytes, name, type)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(Object.keys(body).sort()).toEqual(['bytes', 'content_type', 'created_at', 'filename', 'url'])
    expect(body).toMatchObject({ filename: name, content_type: type, bytes: bytes.length })
    expect(Number.isInteger(body.created_at)).toBe(true)
    expect(body.created_at).toBeGreaterThanOrEqual(before)
    expect(body.created_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000))
    expect(body.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/files\/uploads\/key-[0-9a-f]{16}\//)
    const served = await t.app.request(body.url)
    expect(served.headers.get('content-type')).toBe(type)
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('the stored file is a native file: it resolves and completes through /api/v1/files/{id}', async () => {
    const bytes = png()
    const { url } = await (await send(bytes, 'p.png', 'image/png')).json()
    const fileId = url.split('/').pop()
    const meta = await t.app.request(`/api/v1/files/${fileId}`, { headers: auth() })
    expect((await meta.json()).data).toMatchObject({ url, size_bytes: bytes.length, filename: 'p.png' })
    expect((await t.app.request(`/api/v1/files/${fileId}`, { headers: auth(OTHER_KEY) })).status).toBe(404)
  })

  it('judges a part without a type by its bytes (Python requests), and octet-stream alike', async () => {
    const untyped = await post(rawForm(gif(), 'no-type'))
    expect(untyped.status).toBe(200)
    expect(await untyped.json()).toMatchObject({ content_type: 'image/gif', filename: 'no-type' })
    const generic = await send(png(), 'scan', 'application/octet-stream')
    expect((await generic.json()).content_type).toBe('image/png')
  })

  it('stores what the bytes are when another of the four is declared', async () => {
    const res = await send(gif(), 'really-a-gif.png', 'image/png')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ content_type: 'image/gif', filename: 'really-a-gif.png' })
    expect(body.url).toMatch(/\.gif$/)
    expect((await t.app.request(body.url)).headers.get('content-type')).toBe('image/gif')
  })

  it('cleans the filename, and answers the file id when the client gave none', async () => {
    const named = await send(png(), '../../etc/evil.png', 'image/png')
    expect((await named.json()).filename).toBe('evil.png')
    const nameless = await (await post(rawForm(png(), '', 'application/octet-stream'))).json()
    expect(nameless.filename).toBe(nameless.url.split('/').pop())
  })
})

describe('POST /v1/uploads/images, errors: {error: {code, message}}', () => {
  const notAnImage = error('INPUT_VALIDATION_ERROR', 'Only JPEG, PNG, WebP and GIF images are accepted')

  it.each([
    ['a WAV', wav(), 'a.wav', 'audio/wav'],
    ['an MP4', mp4(), 'a.mp4', 'video/mp4'],
    ['an SVG', disguised.svg, 'a.svg', 'image/svg+xml'],
    ['an AVIF (allowed natively, not by this API)', png(), 'a.avif', 'image/avif'],
    ['HTML', disguised.html, 'a.html', 'text/html'],
    ['untyped text', disguised.text, 'notes.txt', 'application/octet-stream'],
  ])('refuses %s and stores nothing', async (_, bytes, name, type) => {
    const res = await send(bytes, name, type)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(notAnImage)
    expect(await t.stored()).toEqual([])
  })

  it('refuses an untyped WAV by its bytes, and a part really declared text/plain', async () => {
    expect(await (await post(rawForm(wav(), 'sound'))).json()).toEqual(notAnImage)
    expect(await (await send(disguised.text, 'notes.txt', 'text/plain')).json()).toEqual(notAnImage)
    expect(await t.stored()).toEqual([])
  })

  it.each(Object.entries(disguised))(
    'refuses %s declared as image/png and stores nothing',
    async (_, bytes) => {
      const res = await send(bytes, 'innocent.png', 'image/png')
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual(
        error('INPUT_VALIDATION_ERROR', 'File content does not match its declared type'),
      )
      expect(await t.stored()).toEqual([])
    },
  )

  it('refuses an image of an allowed type that is none of the four (a TIFF declared image/png)', async () => {
    const tiff = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), Buffer.alloc(120)])
    const res = await send(tiff, 'scan.png', 'image/png')
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toBe('File content does not match its declared type')
  })

  it('cuts an image over the cap off while it streams: 413 FILE_TOO_LARGE, nothing stored', async () => {
    const res = await send(pngOfSize(64 * 1024 + 100), 'big.png', 'image/png')
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual(error('FILE_TOO_LARGE', 'File too large (max 0.06MB)'))
    expect(await t.stored()).toEqual([])
  })

  it('accepts an image of exactly the cap', async () => {
    const bytes = pngOfSize(64 * 1024)
    expect(bytes.length).toBe(64 * 1024)
    const res = await send(bytes, 'edge.png', 'image/png')
    expect(res.status).toBe(200)
    expect((await res.json()).bytes).toBe(64 * 1024)
  })

  it('refuses a form without a file field, or with it under another name', async () => {
    const none = await post(formRequest(null))
    expect(none.status).toBe(400)
    const missing = error('INPUT_VALIDATION_ERROR', 'No file provided (expected form field "file")')
    expect(await none.json()).toEqual(missing)
    const renamed = await post(formRequest({ bytes: png(), name: 'a.png', type: 'image/png' }, KEY, 'image'))
    expect(await renamed.json()).toEqual(missing)
    expect(await t.stored()).toEqual([])
  })

  it('refuses a request that is not multipart, and a malformed one', async () => {
    const json = await post(jsonRequest({ file: 'a.png' }))
    expect(json.status).toBe(400)
    expect(await json.json()).toEqual(
      error('INPUT_VALIDATION_ERROR', 'Expected multipart/form-data with the image in form field "file"'),
    )
    const malformed = await post({
      method: 'POST',
      headers: { ...auth(), 'content-type': 'multipart/form-data' },
      body: 'garbage',
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toEqual(
      error('INPUT_VALIDATION_ERROR', 'Malformed multipart/form-data body'),
    )
  })

  it('answers 401 AUTHENTICATION_ERROR without a valid key', async () => {
    const res = await send(png(), 'a.png', 'image/png', 'wrong')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual(error('AUTHENTICATION_ERROR', 'Invalid or missing API key'))
  })

  it('holds an upload token to its scope (403 PERMISSION_ERROR) and stores nothing it refuses', async () => {
    const minted = await t.app.request(
      '/api/v1/tokens',
      jsonRequest({ types: ['image/png'], maxFileSize: 2000 }),
    )
    const { token } = (await minted.json()).data
    expect((await send(png(), 'ok.png', 'image/png', token)).status).toBe(200)
    const stored = await t.stored()

    const gifRes = await send(gif(), 'a.gif', 'image/gif', token)
    expect(gifRes.status).toBe(403)
    expect(await gifRes.json()).toEqual(
      error('PERMISSION_ERROR', 'This credential may not upload image/gif files'),
    )
    const big = await send(pngOfSize(3000), 'big.png', 'image/png', token)
    expect(big.status).toBe(403)
    expect(await big.json()).toEqual(
      error('PERMISSION_ERROR', 'File too large (max 2000 bytes for this credential)'),
    )
    expect(await t.stored()).toEqual(stored)
  })

  it('answers 500 STORAGE_NOT_CONFIGURED when s3 is selected without its settings', async () => {
    const s3 = await makeApp({ DROPGATE_STORAGE: 's3', DROPGATE_PUBLIC_BASE_URL: 'https://cdn.example.com' })
    try {
      const res = await s3.app.request(
        '/v1/uploads/images',
        formRequest({ bytes: png(), name: 'a.png', type: 'image/png' }),
      )
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual(error('STORAGE_NOT_CONFIGURED', 'Storage not configured'))
    } finally {
      await s3.close()
    }
  })
})
