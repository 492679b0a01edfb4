import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disguised, gif, png, pngOfSize } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'

/**
 * Third compatible API (docs/API.md §3.3) against the real CLI on a real port, as its users' scripts run
 * it: post the image as form field `file`, fetch the link it answers.
 */
const KEY = 'compat-three-key'
const run = promisify(execFile)
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ DROPGATE_API_KEYS: KEY })
}, 30_000)
afterAll(() => server?.stop())

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const authHeader = { authorization: `Bearer ${KEY}` }
function postImage(
  bytes: Uint8Array,
  name: string,
  type: string,
  headers: Record<string, string> = authHeader,
) {
  const form = new FormData()
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), name)
  return fetch(`${server.url}/v1/uploads/images`, { method: 'POST', headers, body: form })
}

describe('POST /v1/uploads/images over HTTP', () => {
  it('post the form, fetch the same bytes at url', async () => {
    const bytes = png(40, 30, 8)
    const before = Math.floor(Date.now() / 1000)
    const res = await postImage(bytes, 'scan.png', 'image/png')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ filename: 'scan.png', content_type: 'image/png', bytes: bytes.length })
    expect(body.created_at).toBeGreaterThanOrEqual(before)
    const served = await fetch(body.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  })

  it('the same with curl -F, as the README shows it', async () => {
    const bytes = gif()
    const file = join(server.dataDir, 'pixel.gif')
    await writeFile(file, bytes)
    const { stdout } = await run('curl', [
      '-sS',
      '--fail-with-body',
      '-X',
      'POST',
      `${server.url}/v1/uploads/images`,
      '-H',
      `Authorization: Bearer ${KEY}`,
      '-F',
      `file=@${file}`,
    ])
    const body = JSON.parse(stdout)
    expect(body).toMatchObject({ filename: 'pixel.gif', content_type: 'image/gif', bytes: bytes.length })
    const served = await fetch(body.url)
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  })

  it('cuts an image over the 10 MiB cap off mid-stream: the client reads 413 FILE_TOO_LARGE', async () => {
    const res = await postImage(pngOfSize(10 * 1024 * 1024 + 4096), 'huge.png', 'image/png')
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      error: { code: 'FILE_TOO_LARGE', message: 'File too large (max 10MB)' },
    })
  })

  it.each([
    [
      'HTML declared as PNG',
      disguised.html,
      'x.png',
      'image/png',
      'File content does not match its declared type',
    ],
    ['an SVG', disguised.svg, 'x.svg', 'image/svg+xml', 'Only JPEG, PNG, WebP and GIF images are accepted'],
  ])('refuses %s with 400 INPUT_VALIDATION_ERROR', async (_, bytes, name, type, message) => {
    const res = await postImage(bytes, name, type)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: { code: 'INPUT_VALIDATION_ERROR', message } })
  })

  it('refuses a form without the file field', async () => {
    const form = new FormData()
    form.set('image', new Blob([new Uint8Array(png())], { type: 'image/png' }), 'a.png')
    const res = await fetch(`${server.url}/v1/uploads/images`, {
      method: 'POST',
      headers: authHeader,
      body: form,
    })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toEqual({
      code: 'INPUT_VALIDATION_ERROR',
      message: 'No file provided (expected form field "file")',
    })
  })

  it('answers 401 AUTHENTICATION_ERROR to a wrong key', async () => {
    const res = await postImage(png(), 'a.png', 'image/png', { authorization: 'Bearer nope' })
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('AUTHENTICATION_ERROR')
  })
})
