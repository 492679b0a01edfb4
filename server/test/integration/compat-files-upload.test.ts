import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { png } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'

/**
 * First compatible API (docs/API.md §3.1) against the real CLI on a real port, as its users' scripts run
 * it: ask for an upload URL, PUT the bytes with the same Content-Type, resolve file_id, fetch the link.
 */
const KEY = 'compat-one-key'
const run = promisify(execFile)
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ DROPGATE_API_KEYS: KEY })
}, 30_000)
afterAll(() => server?.stop())

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const authHeader = { authorization: `Bearer ${KEY}` }
const requestUpload = (body: unknown, headers: Record<string, string> = authHeader) =>
  fetch(`${server.url}/v1/files/upload`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('POST /v1/files/upload over HTTP', () => {
  it('request URL, PUT with the same Content-Type, resolve file_id, fetch the same bytes', async () => {
    const bytes = png(48, 48, 11)
    const created = await requestUpload({
      filename: 'chart.png',
      content_type: 'image/png',
      size_bytes: bytes.length,
    })
    expect(created.status).toBe(200)
    const { file_id, upload_url, expires_at } = await created.json()
    expect(Date.parse(expires_at) - Date.now()).toBeGreaterThan(3590_000)

    const put = await fetch(upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(200)

    const resolved = await fetch(`${server.url}/api/v1/files/${file_id}`, { headers: authHeader })
    expect(resolved.status).toBe(200)
    const { data } = await resolved.json()
    expect(data).toMatchObject({ id: file_id, filename: 'chart.png', size_bytes: bytes.length })
    const served = await fetch(data.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  })

  it('the same flow with curl, as the README shows it', async () => {
    const bytes = png(20, 20, 12)
    const file = join(server.dataDir, 'from-disk.png')
    await writeFile(file, bytes)
    const curl = async (...args: string[]) => (await run('curl', ['-sS', '--fail-with-body', ...args])).stdout
    const created = JSON.parse(
      await curl(
        '-X',
        'POST',
        `${server.url}/v1/files/upload`,
        '-H',
        `Authorization: Bearer ${KEY}`,
        '-H',
        'Content-Type: application/json',
        '-d',
        JSON.stringify({ filename: 'from-disk.png', content_type: 'image/png', size_bytes: bytes.length }),
      ),
    )
    await curl('-X', 'PUT', created.upload_url, '-H', 'Content-Type: image/png', '--data-binary', `@${file}`)
    const { data } = JSON.parse(
      await curl(`${server.url}/api/v1/files/${created.file_id}`, '-H', `Authorization: Bearer ${KEY}`),
    )
    const served = await fetch(data.url)
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  })

  it('a PUT with another Content-Type is refused by the store, and nothing resolves', async () => {
    const bytes = png()
    const { file_id, upload_url } = await (
      await requestUpload({ filename: 'a.png', content_type: 'image/png', size_bytes: bytes.length })
    ).json()
    const put = await fetch(upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/gif' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(403)
    const resolved = await fetch(`${server.url}/api/v1/files/${file_id}`, { headers: authHeader })
    expect(resolved.status).toBe(404)
  })

  it.each([
    [
      { filename: 'a.png', content_type: 'image/png' },
      400,
      'INPUT_VALIDATION_ERROR',
      'size_bytes is required',
    ],
    [
      { filename: 'a.mp4', content_type: 'video/mp4', size_bytes: 100 * 1024 * 1024 + 1 },
      400,
      'INPUT_VALIDATION_ERROR',
      'size_bytes must be at most 104857600 (100 MiB)',
    ],
    [
      { filename: 'a.png', content_type: 'image/png', size_bytes: 10 * 1024 * 1024 + 1 },
      400,
      'INPUT_VALIDATION_ERROR',
      'File too large (max 10MB)',
    ],
    [
      { filename: 'a.svg', content_type: 'image/svg+xml', size_bytes: 10 },
      400,
      'INPUT_VALIDATION_ERROR',
      'Only image/, video/, or audio/ content types are accepted',
    ],
  ])('answers %j with %i %s', async (body, status, code, message) => {
    const res = await requestUpload(body)
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual({ error: { code, message } })
  })

  it('answers 401 AUTHENTICATION_ERROR to a wrong key', async () => {
    const res = await requestUpload(
      { filename: 'a.png', content_type: 'image/png', size_bytes: 10 },
      { authorization: 'Bearer not-the-key' },
    )
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      error: { code: 'AUTHENTICATION_ERROR', message: 'Invalid or missing API key' },
    })
  })

  it('keeps keys and signatures out of the log', () => {
    const log = server.logs.join('')
    expect(log).toContain('"path":"/v1/files/upload"')
    expect(log).not.toContain(KEY)
    expect(log).not.toContain('X-Amz-Signature')
  })
})
