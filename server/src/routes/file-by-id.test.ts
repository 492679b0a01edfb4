import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  auth,
  formRequest,
  jsonRequest,
  KEY,
  makeApp,
  OTHER_KEY,
  placeObject,
  putBytes,
} from '../../test/harness.js'
import { disguised, fixture, gif, png, REAL_MEDIA, wav } from '../../test/media.js'

let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp()
})
afterEach(() => t.close())

/** Asks for an upload URL and PUTs `bytes` to it, as a client of JSON mode does. */
async function upload(bytes: Uint8Array, contentType: string, filename = 'file', key = KEY) {
  const data = await presign(bytes, contentType, filename, key)
  const put = await putBytes(t.app, data, bytes)
  expect(put.status).toBe(200)
  return data
}

async function presign(bytes: Uint8Array, contentType: string, filename = 'file', key = KEY) {
  const res = await t.app.request(
    '/api/v1/files',
    jsonRequest({ filename, contentType, fileSize: bytes.length }, key),
  )
  return (await res.json()).data as {
    fileId: string
    publicUrl: string
    uploadUrl: string
    headers: Record<string, string>
  }
}

/** Asks for an upload URL, then puts `bytes` behind it past the checking route (as on S3). */
async function placeBehindUrl(bytes: Uint8Array, contentType: string) {
  const data = await presign(bytes, contentType)
  await placeObject(t.storage, data.uploadUrl, bytes, contentType)
  return data
}

const complete = (fileId: string, key = KEY) =>
  t.app.request(`/api/v1/files/${fileId}/complete`, { method: 'POST', headers: auth(key) })

describe('POST /api/v1/files/{fileId}/complete', () => {
  it('confirms a real upload with the documented shape, and again the same way', async () => {
    const bytes = png(10, 10)
    const { fileId, publicUrl } = await upload(bytes, 'image/png', 'holiday.png')
    const first = await complete(fileId)
    expect(first.status).toBe(200)
    const body = await first.json()
    expect(body).toMatchObject({ code: 200, msg: 'success', success: true })
    expect(Object.keys(body.data).sort()).toEqual(
      ['content_type', 'created_at', 'expires_at', 'filename', 'id', 'size_bytes', 'url'].sort(),
    )
    expect(body.data).toMatchObject({
      id: fileId,
      url: publicUrl,
      filename: 'holiday.png',
      content_type: 'image/png',
    })
    expect(body.data.size_bytes).toBe(bytes.length)
    const lifetime = Date.parse(body.data.expires_at) - Date.parse(body.data.created_at)
    expect(lifetime).toBe(604_800_000)
    const second = await complete(fileId)
    expect(await second.json()).toEqual(body)
  })

  it('answers 404 before the PUT and for ids that are not ids', async () => {
    const res = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 'a.png', contentType: 'image/png' }),
    )
    const { fileId } = (await res.json()).data
    for (const id of [fileId, 'nope', '..%2F..%2Fsigning-secret', `${fileId}x`]) {
      const r = await complete(id)
      expect(r.status, id).toBe(404)
      expect(await r.json()).toEqual({ code: 404, msg: 'File not found' })
    }
  })

  it.each([
    ['HTML', disguised.html, 'image/png'],
    ['SVG', disguised.svg, 'image/gif'],
    ['a ZIP', disguised.zip, 'video/mp4'],
    ['a WAV', wav(), 'image/png'],
  ])('refuses %s declared as %s and deletes it', async (_, bytes, type) => {
    const { fileId, publicUrl } = await placeBehindUrl(bytes, type)
    expect((await t.app.request(publicUrl)).status).toBe(200) // it did arrive...
    const res = await complete(fileId)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ code: 400, msg: 'File content does not match its declared type' })
    expect((await t.app.request(publicUrl)).status).toBe(404) // ...and is gone
    expect(await t.stored()).toEqual([])
    expect((await complete(fileId)).status).toBe(404)
  })
})

describe('complete on every kind of media and every disguise', () => {
  it.each(REAL_MEDIA)('accepts real %s as %s', async (name, type) => {
    const bytes = fixture(name)
    const { fileId, publicUrl } = await upload(bytes, type, name)
    const res = await complete(fileId)
    expect(res.status).toBe(200)
    expect((await res.json()).data).toMatchObject({
      content_type: type,
      size_bytes: bytes.length,
      filename: name,
    })
    expect(Buffer.from(await (await t.app.request(publicUrl)).arrayBuffer()).equals(bytes)).toBe(true)
  })

  const disguises = ['html', 'svg', 'zip'] as const
  const declared = ['image/png', 'video/mp4', 'audio/mpeg'] as const
  it.each(disguises.flatMap((d) => declared.map((type) => [d, type] as const)))(
    'refuses %s declared as %s and leaves nothing in storage',
    async (disguise, type) => {
      const { fileId } = await placeBehindUrl(disguised[disguise], type)
      expect((await complete(fileId)).status).toBe(400)
      expect(await t.stored()).toEqual([])
    },
  )

  it.each(Object.keys(disguised) as (keyof typeof disguised)[])(
    'the embedded store refuses %s PUT as image/png as it arrives, and keeps nothing of it',
    async (disguise) => {
      const bytes = disguised[disguise]
      const data = await presign(bytes, 'image/png')
      const put = await putBytes(t.app, data, bytes)
      expect(put.status).toBe(400)
      expect(await put.text()).toContain(
        '<Code>InvalidArgument</Code><Message>File content does not match its declared type</Message>',
      )
      expect((await t.app.request(data.publicUrl)).status).toBe(404)
      expect(await t.stored()).toEqual([])
      expect((await complete(data.fileId)).status).toBe(404)
    },
  )
})

describe('GET and DELETE /api/v1/files/{fileId}', () => {
  it('gives metadata, then deletes the object', async () => {
    const { fileId, publicUrl } = await upload(gif(), 'image/gif', 'dot.gif')
    const got = await t.app.request(`/api/v1/files/${fileId}`, { headers: auth() })
    expect(got.status).toBe(200)
    expect((await got.json()).data).toMatchObject({
      id: fileId,
      url: publicUrl,
      filename: 'dot.gif',
      size_bytes: gif().length,
    })
    const del = await t.app.request(`/api/v1/files/${fileId}`, { method: 'DELETE', headers: auth() })
    expect(await del.json()).toEqual({ code: 200, msg: 'success', data: { id: fileId, deleted: true } })
    expect((await t.app.request(publicUrl)).status).toBe(404)
    expect((await t.app.request(`/api/v1/files/${fileId}`, { headers: auth() })).status).toBe(404)
    expect(
      (await t.app.request(`/api/v1/files/${fileId}`, { method: 'DELETE', headers: auth() })).status,
    ).toBe(404)
  })

  it("lets no key see, complete or delete another key's file", async () => {
    const { fileId, publicUrl } = await upload(png(), 'image/png')
    const other = auth(OTHER_KEY)
    expect((await t.app.request(`/api/v1/files/${fileId}`, { headers: other })).status).toBe(404)
    expect((await complete(fileId, OTHER_KEY)).status).toBe(404)
    expect(
      (await t.app.request(`/api/v1/files/${fileId}`, { method: 'DELETE', headers: other })).status,
    ).toBe(404)
    expect((await t.app.request(publicUrl)).status).toBe(200)
  })

  it('requires a key', async () => {
    const { fileId } = await upload(png(), 'image/png')
    for (const method of ['GET', 'DELETE', 'POST']) {
      const path = method === 'POST' ? `/api/v1/files/${fileId}/complete` : `/api/v1/files/${fileId}`
      const res = await t.app.request(path, { method })
      expect(res.status, method).toBe(401)
    }
  })
})

describe('file expiry', () => {
  it('stops serving a file after DROPGATE_FILE_TTL', async () => {
    const short = await makeApp({ DROPGATE_FILE_TTL: '1' })
    try {
      const res = await short.app.request(
        '/api/v1/files',
        formRequest({ bytes: png(), name: 'a.png', type: 'image/png' }),
      )
      const { fileId, publicUrl } = (await res.json()).data
      expect((await short.app.request(publicUrl)).status).toBe(200)
      // 1.1 s later by the server's clock (only Date is faked; the file's mtime is the disk's).
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1100 })
      expect((await short.app.request(publicUrl)).status).toBe(404)
      expect((await short.app.request(`/api/v1/files/${fileId}`, { headers: auth() })).status).toBe(404)
    } finally {
      vi.useRealTimers()
      await short.close()
    }
  })
})
