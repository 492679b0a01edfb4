import { DEFAULT_MAX_PIXELS } from '@dropgate/core'
import { afterEach, describe, expect, it } from 'vitest'
import { auth, formRequest, jsonRequest, makeApp, placeObject, putBytes } from '../../test/harness.js'
import { mp4Of, png, pngBomb, wavOf } from '../../test/media-fixtures.js'

/**
 * The media rules through app.request() on a real embedded store: the policy publishes them, every
 * route applies them (multipart mode from the first bytes, the upload URL's PUT, `complete`, the
 * third compatible API), a token narrows them, and nothing refused stays stored.
 */
const RULES = {
  DROPGATE_IMAGE_MIN_SIDE: '128',
  DROPGATE_IMAGE_MAX_ASPECT: '4',
  DROPGATE_MEDIA_MIN_SECONDS: '1',
  DROPGATE_MEDIA_MAX_SECONDS: '600',
}

let t: Awaited<ReturnType<typeof makeApp>>
afterEach(() => t?.close())

const refusals = [
  [
    'a 100 × 100 PNG',
    'small.png',
    'image/png',
    () => png(100, 100),
    'small.png is 100 × 100 px; at least 128 × 128 px is needed',
  ],
  [
    'a 1000 × 200 PNG',
    'wide.png',
    'image/png',
    () => png(1000, 200),
    'wide.png is 1000 × 200 px; its long side may be at most 4 times its short side',
  ],
  [
    'a 0.5 s WAV',
    'short.wav',
    'audio/wav',
    () => wavOf(0.5),
    'short.wav lasts 0.5 s; at least 1 s is needed',
  ],
  [
    'a 601 s WAV',
    'long.wav',
    'audio/wav',
    () => wavOf(601),
    'long.wav lasts 601 s; at most 600 s is allowed',
  ],
] as const

const passes = [
  ['a 256 × 256 PNG', 'ok.png', 'image/png', () => png(256, 256)],
  ['a 2 s WAV', 'ok.wav', 'audio/wav', () => wavOf(2)],
] as const

async function presign(bytes: Uint8Array, contentType: string, filename: string, key?: string) {
  const res = await t.app.request(
    '/api/v1/files',
    jsonRequest({ filename, contentType, fileSize: bytes.length }, key),
  )
  expect(res.status).toBe(200)
  return (await res.json()).data as { fileId: string; uploadUrl: string; headers: Record<string, string> }
}
const complete = (fileId: string, key?: string) =>
  t.app.request(`/api/v1/files/${fileId}/complete`, { method: 'POST', headers: auth(key) })

describe('GET /api/v1/policy', () => {
  it('publishes the media rules in force', async () => {
    t = await makeApp(RULES)
    const { data } = await (await t.app.request('/api/v1/policy')).json()
    expect(data.media).toEqual({
      image: { minSide: 128, maxAspect: 4, maxPixels: DEFAULT_MAX_PIXELS },
      duration: { minSeconds: 1, maxSeconds: 600 },
    })
  })

  it('publishes the pixel guard alone when no rule is set', async () => {
    t = await makeApp()
    const { data } = await (await t.app.request('/api/v1/policy')).json()
    expect(data.media).toEqual({ image: { maxPixels: DEFAULT_MAX_PIXELS }, duration: {} })
  })
})

describe.each(refusals)('%s', (_, name, type, bytes, message) => {
  it('is refused in multipart mode before anything is stored', async () => {
    t = await makeApp(RULES)
    const res = await t.app.request('/api/v1/files', formRequest({ bytes: bytes(), name, type }))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 400, msg: message })
    expect(await t.stored()).toEqual([])
  })

  it('is refused by the upload URL (embedded store) and by complete, and deleted', async () => {
    t = await makeApp(RULES)
    const file = bytes()
    const put = await putBytes(t.app, await presign(file, type, name), file)
    expect(put.status).toBe(400)
    expect(await put.text()).toContain(message)
    expect(await t.stored()).toEqual([])
    // An object that reached the store past the PUT's check (as any PUT reaches S3): complete refuses it.
    const data = await presign(file, type, name)
    await placeObject(t.storage, data.uploadUrl, file, type)
    const res = await complete(data.fileId)
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe(message.replace(name, 'The file'))
    expect(await t.stored()).toEqual([])
  })

  it('answers INPUT_VALIDATION_ERROR through a compatible API', async () => {
    if (!type.startsWith('image/')) return // the third compatible API takes images only
    t = await makeApp(RULES)
    const res = await t.app.request('/v1/uploads/images', formRequest({ bytes: bytes(), name, type }))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: { code: 'INPUT_VALIDATION_ERROR', message } })
    expect(await t.stored()).toEqual([])
  })
})

describe.each(passes)('%s', (_, name, type, bytes) => {
  it('passes in multipart mode and through an upload URL and complete', async () => {
    t = await makeApp(RULES)
    expect((await t.app.request('/api/v1/files', formRequest({ bytes: bytes(), name, type }))).status).toBe(
      200,
    )
    const file = bytes()
    const data = await presign(file, type, name)
    expect((await putBytes(t.app, data, file)).status).toBe(200)
    expect((await complete(data.fileId)).status).toBe(200)
    expect(await t.stored()).toHaveLength(2)
  })
})

describe('the pixel guard', () => {
  it('refuses a 30000 × 30000 px PNG of a few KB by default, from its header', async () => {
    t = await makeApp()
    const bomb = pngBomb()
    const res = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: bomb, name: 'bomb.png', type: 'image/png' }),
    )
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe(
      `bomb.png is 30000 × 30000 px; at most ${DEFAULT_MAX_PIXELS} pixels are allowed`,
    )
    expect(await t.stored()).toEqual([])
  })

  it('refuses an image whose size cannot be read only when an image rule is set', async () => {
    const headless = Buffer.concat([png(1, 1).subarray(0, 8), Buffer.alloc(40, 1)])
    const upload = () =>
      t.app.request('/api/v1/files', formRequest({ bytes: headless, name: 'x.png', type: 'image/png' }))
    // The default pixel guard alone: as before the media rules (a TIFF or HEIF may keep its size
    // past what the server reads), the file is stored.
    t = await makeApp()
    expect((await upload()).status).toBe(200)
    await t.close()
    t = await makeApp(RULES)
    const res = await upload()
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe(
      "x.png: its dimensions could not be read, so the server's media rules cannot be checked",
    )
    expect(await t.stored()).toEqual([])
  })
})

describe('an MP4 whose moov follows its mdat, in multipart mode', () => {
  it('is stored, measured from the stored object, and deleted when too short', async () => {
    t = await makeApp(RULES)
    const clip = mp4Of(0.5, { moovAtEnd: true, mdatBytes: 200_000 })
    const res = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: clip, name: 'c.mp4', type: 'video/mp4' }),
    )
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe('c.mp4 lasts 0.5 s; at least 1 s is needed')
    expect(await t.stored()).toEqual([])
    const fine = mp4Of(30, { moovAtEnd: true, mdatBytes: 200_000 })
    const ok = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: fine, name: 'f.mp4', type: 'video/mp4' }),
    )
    expect(ok.status).toBe(200)
  })
})

describe("an upload token's media", () => {
  const mint = (body: unknown) => t.app.request('/api/v1/tokens', jsonRequest(body))

  it('narrows the server rules for its uploads, sealed into the token', async () => {
    t = await makeApp(RULES)
    const minted = await mint({ media: { image: { minSide: 300 }, duration: { maxSeconds: 60 } } })
    expect(minted.status).toBe(200)
    const { token } = (await minted.json()).data
    const image = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: png(256, 256), name: 'a.png', type: 'image/png' }, token),
    )
    expect((await image.json()).msg).toBe('a.png is 256 × 256 px; at least 300 × 300 px is needed')
    const clip = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: wavOf(61), name: 'a.wav', type: 'audio/wav' }, token),
    )
    expect((await clip.json()).msg).toBe('a.wav lasts 61 s; at most 60 s is allowed')
    // Under the server's own rules both would pass.
    const plain = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: png(256, 256), name: 'a.png', type: 'image/png' }),
    )
    expect(plain.status).toBe(200)
    // The upload URL carries them, signed: the embedded store's PUT refuses what they refuse, keeping nothing.
    const file = png(256, 256)
    const presigned = async () => {
      const res = await t.app.request(
        '/api/v1/files',
        jsonRequest({ filename: 'b.png', contentType: 'image/png', fileSize: file.length }, token),
      )
      return (await res.json()).data
    }
    const data = await presigned()
    expect(new URL(data.uploadUrl).searchParams.get('x-dropgate-media')).toBe('n300_t60')
    const put = await putBytes(t.app, data, file)
    expect(put.status).toBe(400)
    expect(await put.text()).toContain('b.png is 256 × 256 px; at least 300 × 300 px is needed')
    expect((await complete(data.fileId, token)).status).toBe(404)
    // complete applies the token's rules too, to an object that reached the store past the PUT's check.
    const placed = await presigned()
    await placeObject(t.storage, placed.uploadUrl, file, 'image/png')
    const completed = await complete(placed.fileId, token)
    expect(completed.status).toBe(400)
    expect((await completed.json()).msg).toBe('The file is 256 × 256 px; at least 300 × 300 px is needed')
    expect(await t.stored()).toHaveLength(1) // the plain upload above, nothing of the token's
    // A 320 × 320 PNG meets them: the PUT stores it and complete confirms it.
    const big = png(320, 320)
    const okRes = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 'c.png', contentType: 'image/png', fileSize: big.length }, token),
    )
    const ok = (await okRes.json()).data
    expect((await putBytes(t.app, ok, big)).status).toBe(200)
    expect((await complete(ok.fileId, token)).status).toBe(200)
  })

  it('an upload URL whose media rules were changed or removed is refused by its signature', async () => {
    t = await makeApp()
    const { token } = (await (await mint({ media: { image: { minSide: 128 } } })).json()).data
    const file = png(100, 100)
    const res = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 's.png', contentType: 'image/png', fileSize: file.length }, token),
    )
    const data = (await res.json()).data
    for (const change of [
      (u: URL) => u.searchParams.delete('x-dropgate-media'),
      (u: URL) => u.searchParams.set('x-dropgate-media', 'n64'),
    ]) {
      const url = new URL(data.uploadUrl)
      change(url)
      const put = await putBytes(t.app, { ...data, uploadUrl: url.toString() }, file)
      expect(put.status).toBe(403)
      expect(await put.text()).toContain('SignatureDoesNotMatch')
    }
    expect(await t.stored()).toEqual([])
    const put = await putBytes(t.app, data, file)
    expect(put.status).toBe(400)
    expect(await put.text()).toContain('s.png is 100 × 100 px; at least 128 × 128 px is needed')
    expect(await t.stored()).toEqual([])
  })

  it('may not loosen the server rules, nor be malformed', async () => {
    t = await makeApp(RULES)
    for (const media of [
      { image: { minSide: 64 } },
      { duration: { maxSeconds: 601 } },
      { image: { maxPixels: DEFAULT_MAX_PIXELS + 1 } },
      { image: { minSide: 0 } },
      { video: {} },
      { duration: { maxSeconds: '5' } },
    ]) {
      const res = await mint({ media })
      expect(res.status).toBe(400)
      expect((await res.json()).msg).toBe("media must only tighten the server's rules")
    }
  })
})
