import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disguised, fixture, REAL_MEDIA } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv } from '../swift.js'

/**
 * `complete` on both stores, over HTTP: real media made by ffmpeg passes and is served byte for byte;
 * HTML, SVG and ZIP declared as an image, a video or a sound are refused and gone from storage: by the
 * embedded store as the PUT arrives, on S3 (which checks nothing) by `complete`.
 */
const KEY = 'complete-checks-key'
const stores = [
  ['embedded store', () => ({}), { checksAsItArrives: true }],
  ['S3 (Swift)', () => ({ DROPGATE_STORAGE: 's3', ...swiftEnv() }), { checksAsItArrives: false }],
] as const

describe.each(stores)('complete on the %s', (_, storeEnv, { checksAsItArrives }) => {
  let server: RunningServer
  const auth = { authorization: `Bearer ${KEY}` }
  beforeAll(async () => {
    server = await startServer({ DROPGATE_API_KEYS: KEY, ...storeEnv() })
  }, 30_000)
  afterAll(() => server?.stop())

  async function upload(bytes: Uint8Array, contentType: string, filename: string, expected = 200) {
    const res = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename, contentType, fileSize: bytes.length }),
    })
    const { data } = await res.json()
    const put = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: data.headers,
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(expected)
    return data as { fileId: string; publicUrl: string }
  }
  const complete = (fileId: string) =>
    fetch(`${server.url}/api/v1/files/${fileId}/complete`, { method: 'POST', headers: auth })

  it.each(REAL_MEDIA)('accepts real %s as %s and serves it byte for byte', async (name, type) => {
    const bytes = fixture(name)
    const { fileId, publicUrl } = await upload(bytes, type, name)
    const res = await complete(fileId)
    expect(res.status).toBe(200)
    expect((await res.json()).data).toMatchObject({ content_type: type, size_bytes: bytes.length })
    const served = await fetch(publicUrl)
    expect(served.headers.get('content-type')).toBe(type)
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
  })

  const cases = (['html', 'svg', 'zip'] as const).flatMap((d) =>
    (['image/png', 'video/mp4', 'audio/mpeg'] as const).map((type) => [d, type] as const),
  )
  it.each(cases)('refuses %s declared as %s and deletes it', async (disguise, type) => {
    const { fileId, publicUrl } = await upload(
      disguised[disguise],
      type,
      `innocent-${disguise}`,
      checksAsItArrives ? 400 : 200,
    )
    const res = await complete(fileId)
    if (checksAsItArrives)
      expect(res.status).toBe(404) // nothing was ever stored
    else {
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ code: 400, msg: 'File content does not match its declared type' })
    }
    expect((await fetch(`${server.url}/api/v1/files/${fileId}`, { headers: auth })).status).toBe(404)
    expect((await fetch(publicUrl)).status).toBe(404)
  })
})
