import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { png, wav } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'

/** The documented curl-style flows, against the real CLI listening on a real port. */
const KEY = 'integration-key'
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ DROPGATE_API_KEYS: KEY })
}, 30_000)
afterAll(() => server?.stop())

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const authHeader = { authorization: `Bearer ${KEY}` }

describe('native API over HTTP', () => {
  it('JSON mode: ask for a URL, PUT the bytes, fetch the public URL', async () => {
    const bytes = png(64, 64, 5)
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...authHeader, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'photo.png', contentType: 'image/png', fileSize: bytes.length }),
    })
    expect(created.status).toBe(200)
    const { data } = await created.json()
    expect(data.uploadUrl.startsWith(`${server.url}/store/`)).toBe(true)

    const put = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(200)

    const served = await fetch(data.publicUrl)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))

    const done = await fetch(`${server.url}/api/v1/files/${data.fileId}/complete`, {
      method: 'POST',
      headers: authHeader,
    })
    expect((await done.json()).data).toMatchObject({
      id: data.fileId,
      url: data.publicUrl,
      size_bytes: bytes.length,
    })
  })

  it('multipart mode: post the form, fetch the public URL', async () => {
    const bytes = wav(4000)
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), 'tone.wav')
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: authHeader,
      body: form,
    })
    expect(created.status).toBe(200)
    const { data } = await created.json()
    const served = await fetch(data.publicUrl)
    expect(served.headers.get('content-type')).toBe('audio/wav')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  })

  it('a PUT with another Content-Type than the signed one is refused over HTTP too', async () => {
    const bytes = png()
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...authHeader, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', fileSize: bytes.length }),
    })
    const { data } = await created.json()
    const put = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(403)
    expect((await fetch(data.publicUrl)).status).toBe(404)
  })
})
