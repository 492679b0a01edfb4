import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disguised, png, wav } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv } from '../swift.js'

/**
 * The native API, unchanged, on DROPGATE_STORAGE=s3: the real CLI (`dropgate serve`) against the
 * real S3 API of Swift, with clients doing what docs/API.md documents (fetch, and curl itself).
 */
const run = promisify(execFile)
const KEY = 'integration-s3-key'
const OTHER = 'integration-s3-other'
let server: RunningServer
let env: Record<string, string>
let workDir: string
beforeAll(async () => {
  env = swiftEnv()
  workDir = await mkdtemp(join(tmpdir(), 'dropgate-s3-flow-'))
  server = await startServer({ DROPGATE_API_KEYS: `${KEY},${OTHER}`, DROPGATE_STORAGE: 's3', ...env })
}, 30_000)
afterAll(async () => {
  await server?.stop()
  if (workDir) await rm(workDir, { recursive: true, force: true })
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const authHeader = (key = KEY) => ({ authorization: `Bearer ${key}` })
const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api/v1/files${path}`, init)

async function createUpload(body: Record<string, unknown>) {
  const res = await api('', {
    method: 'POST',
    headers: { ...authHeader(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()).data as {
    fileId: string
    uploadUrl: string
    publicUrl: string
    headers: Record<string, string>
    expiresAt: string
  }
}

describe('native API on the s3 driver (Swift)', () => {
  it('JSON mode: URL, then curl -X PUT --data-binary as documented, then complete, get, public URL, delete', async () => {
    const bytes = png(48, 48, 11)
    const file = join(workDir, 'photo.png')
    await writeFile(file, bytes)
    const data = await createUpload({
      filename: 'photo.png',
      contentType: 'image/png',
      fileSize: bytes.length,
    })
    // The bytes land in quarantine; the public URL is a verified link to this server, which checks
    // them on first read and redirects to the object's own URL under uploads/.
    expect(data.uploadUrl.startsWith(`${env.S3_ENDPOINT}/${env.S3_QUARANTINE_BUCKET}/quarantine/`)).toBe(true)
    expect(data.publicUrl.startsWith(`${server.url}/l/`)).toBe(true)
    const objectUrl = `${env.DROPGATE_PUBLIC_BASE_URL}/${new URL(data.uploadUrl).pathname
      .split('/')
      .slice(2)
      .join('/')
      .replace(/^quarantine\//, 'uploads/')}`
    expect(data.headers).toEqual({ 'Content-Type': 'image/png' })

    // docs/API.md §2.2: curl -X PUT "$uploadUrl" -H "Content-Type: <contentType>" --data-binary @file
    const { stdout } = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-X',
      'PUT',
      data.uploadUrl,
      '-H',
      'Content-Type: image/png',
      '--data-binary',
      `@${file}`,
    ])
    expect(stdout).toBe('200')

    const served = await fetch(data.publicUrl)
    expect(served.status).toBe(200)
    expect(served.url).toBe(objectUrl)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))

    const done = await api(`/${data.fileId}/complete`, { method: 'POST', headers: authHeader() })
    expect(done.status).toBe(200)
    const record = await done.json()
    expect(record).toMatchObject({ code: 200, msg: 'success', success: true })
    // A presigned PUT to S3 stores no filename (s3.ts explains why): the record names the file by its id.
    expect(record.data).toMatchObject({
      id: data.fileId,
      url: objectUrl,
      filename: data.fileId,
      content_type: 'image/png',
      size_bytes: bytes.length,
    })
    expect(Math.abs(Date.parse(record.data.created_at) - Date.now())).toBeLessThan(60_000)

    const again = await api(`/${data.fileId}/complete`, { method: 'POST', headers: authHeader() })
    expect((await again.json()).data).toEqual(record.data)
    const got = await api(`/${data.fileId}`, { headers: authHeader() })
    expect((await got.json()).data).toEqual(record.data)
    // Another key's owner prefix does not hold it.
    expect((await api(`/${data.fileId}`, { headers: authHeader(OTHER) })).status).toBe(404)

    const deleted = await api(`/${data.fileId}`, { method: 'DELETE', headers: authHeader() })
    expect(await deleted.json()).toEqual({
      code: 200,
      msg: 'success',
      data: { id: data.fileId, deleted: true },
    })
    expect((await fetch(data.publicUrl)).status).toBe(404)
    expect((await api(`/${data.fileId}`, { headers: authHeader() })).status).toBe(404)
  })

  it('multipart mode: the server streams the file to the store and keeps its name', async () => {
    const bytes = wav(6000)
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), 'été à Paris.wav')
    const created = await api('', { method: 'POST', headers: authHeader(), body: form })
    expect(created.status).toBe(200)
    const { data } = await created.json()
    expect(data.publicUrl.startsWith(`${env.DROPGATE_PUBLIC_BASE_URL}/uploads/`)).toBe(true)

    const served = await fetch(data.publicUrl)
    expect(served.headers.get('content-type')).toBe('audio/wav')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
    const got = await api(`/${data.fileId}`, { headers: authHeader() })
    expect((await got.json()).data).toMatchObject({
      filename: 'été à Paris.wav',
      content_type: 'audio/wav',
      size_bytes: bytes.length,
    })
    expect((await api(`/${data.fileId}`, { method: 'DELETE', headers: authHeader() })).status).toBe(200)
  })

  it('the store refuses a PUT with another Content-Type; complete then finds nothing', async () => {
    const bytes = png()
    const data = await createUpload({ filename: 'a.png', contentType: 'image/png', fileSize: bytes.length })
    const put = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(403)
    expect((await fetch(data.publicUrl)).status).toBe(404)
    const done = await api(`/${data.fileId}/complete`, { method: 'POST', headers: authHeader() })
    expect(await done.json()).toEqual({ code: 404, msg: 'File not found' })
  })

  it('complete deletes an object whose bytes are not the declared media', async () => {
    const html = disguised.html
    const data = await createUpload({ filename: 'x.png', contentType: 'image/png', fileSize: html.length })
    const put = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: data.headers,
      body: new Uint8Array(html),
    })
    expect(put.status).toBe(200)
    const done = await api(`/${data.fileId}/complete`, { method: 'POST', headers: authHeader() })
    expect(await done.json()).toEqual({ code: 400, msg: 'File content does not match its declared type' })
    expect((await fetch(data.publicUrl)).status).toBe(404)
  })

  it('multipart mode refuses a disguised file before a byte reaches the store', async () => {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(disguised.svg)], { type: 'image/png' }), 'x.png')
    const res = await api('', { method: 'POST', headers: authHeader(), body: form })
    expect(await res.json()).toEqual({ code: 400, msg: 'File content does not match its declared type' })
  })
})
