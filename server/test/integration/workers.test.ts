import { createHash } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalWorkers, startLocalWorkers } from '../../workers/local.js'
import { disguised, mp4, png } from '../media.js'
import { type Api, completeUpload, createUpload, range, signStep } from '../s3-multipart-client.js'
import { swiftEnv } from '../swift.js'

/**
 * Issue 20's acceptance: the Workers entry (src/entries/workers.ts), bundled as a deploy bundles it,
 * under workerd (Miniflare 4) against the private Swift. Two Worker instances (separate isolates)
 * share the RATE_LIMITER Durable Object, as the instances of a deployed Worker do.
 */
const KEY = 'workers-secret-key'
const PK = 'pk_workers_test_0123456789'
const ORIGIN = 'https://shop.example'
const LIMIT = 4
let workers: LocalWorkers
let base: string

/** A port free now, so that links can name the Worker's address before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

beforeAll(async () => {
  const port = await freePort()
  workers = await startLocalWorkers({
    instances: 2,
    port,
    vars: {
      DROPGATE_LINK_BASE_URL: `http://127.0.0.1:${port}`,
      ...swiftEnv(),
      DROPGATE_STORAGE: 's3',
      DROPGATE_API_KEYS: KEY,
      DROPGATE_TOKEN_SECRET: 'workers-test-token-secret-0123456789abcdef',
      DROPGATE_PUBLISHABLE_KEYS: `${PK}|${ORIGIN}`,
      DROPGATE_PUBLISHABLE_RATE_LIMIT: `${LIMIT}/60`,
      DROPGATE_WORKERS_BODY_LIMIT_MB: '1',
      DROPGATE_MAX_VIDEO_BYTES: String(200 * 1024 * 1024),
    },
  })
  base = workers.url.origin
}, 60_000)
afterAll(async () => {
  await workers?.close()
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const secret = { authorization: `Bearer ${KEY}` }
const json = (body: unknown, headers: Record<string, string> = secret): RequestInit => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

const TOO_BIG_FOR_WORKERS =
  "Request body over this server's limit of 1MB: send the file in JSON mode (POST /api/v1/files as application/json, then PUT it to the upload URL)"

/**
 * A multipart POST that sends its headers and no body: the Worker must answer from the declared
 * length, as Cloudflare's edge does, without waiting for bytes that never come.
 */
function headersOnlyPost(path: string, declared: number, authorization = secret.authorization) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(declared),
      },
    })
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body })
        req.destroy()
      })
    })
    req.on('error', reject)
    req.flushHeaders()
  })
}

describe('the Workers entry under workerd, on Swift', () => {
  it('JSON mode: URL, PUT to the store, complete, the public link serves the bytes', async () => {
    const bytes = png(40, 40, 7)
    const created = await fetch(
      `${base}/api/v1/files`,
      json({ filename: 'cat.png', contentType: 'image/png', fileSize: bytes.length }),
    )
    expect(created.status).toBe(200)
    const { data } = await created.json()
    const put = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: data.headers,
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(200)
    const done = await fetch(`${base}/api/v1/files/${data.fileId}/complete`, {
      method: 'POST',
      headers: secret,
    })
    expect(done.status).toBe(200)
    expect((await done.json()).data).toMatchObject({ id: data.fileId, size_bytes: bytes.length })
    const served = await fetch(data.publicUrl)
    expect(served.status).toBe(200)
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
  })

  it('complete refuses a .png that is really text, and deletes it', async () => {
    const text = disguised.text
    const created = await fetch(
      `${base}/api/v1/files`,
      json({ filename: 'notes.png', contentType: 'image/png', fileSize: text.length }),
    )
    const { data } = await created.json()
    expect((await fetch(data.uploadUrl, { method: 'PUT', headers: data.headers, body: text })).status).toBe(
      200,
    )
    const done = await fetch(`${base}/api/v1/files/${data.fileId}/complete`, {
      method: 'POST',
      headers: secret,
    })
    expect(await done.json()).toEqual({ code: 400, msg: 'File content does not match its declared type' })
    expect((await fetch(data.publicUrl)).status).toBe(404)
    expect((await fetch(`${base}/api/v1/files/${data.fileId}`, { headers: secret })).status).toBe(404)
  })

  it('a 120 MiB large file: create, sign parts, PUT them to Swift, complete step, complete', async () => {
    const size = 120 * 1024 * 1024
    const api: Api = { base, headers: secret }
    const upload = await createUpload(api, { filename: 'clip.mp4', contentType: 'video/mp4', fileSize: size })
    expect(upload.partCount).toBe(Math.ceil(size / upload.partSize))
    const head = mp4(64)
    const signed = await signStep(api, upload, 'parts', range(1, upload.partCount))
    expect(signed.status).toBe(200)
    const parts: { partNumber: number; etag: string }[] = []
    for (const part of signed.data.parts ?? []) {
      // Each part is made as it is sent: the test never holds the 120 MiB.
      const length = Math.min(upload.partSize, size - (part.partNumber - 1) * upload.partSize)
      const bytes = new Uint8Array(length)
      if (part.partNumber === 1) bytes.set(head)
      const res = await fetch(part.url, { method: 'PUT', body: bytes })
      expect(res.status).toBe(200)
      parts.push({ partNumber: part.partNumber, etag: res.headers.get('etag') as string })
    }
    expect((await completeUpload(api, upload, parts)).status).toBe(200)
    const done = await fetch(`${base}/api/v1/files/${upload.fileId}/complete`, {
      method: 'POST',
      headers: secret,
    })
    expect(done.status).toBe(200)
    expect((await done.json()).data).toMatchObject({
      id: upload.fileId,
      size_bytes: size,
      content_type: 'video/mp4',
    })
  }, 60_000)

  it('multipart mode stores a small file; past DROPGATE_WORKERS_BODY_LIMIT_MB it answers 413 naming JSON mode', async () => {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(png(8, 8, 3))], { type: 'image/png' }), 'small.png')
    const small = await fetch(`${base}/api/v1/files`, { method: 'POST', headers: secret, body: form })
    expect(small.status).toBe(200)
    const refused = await headersOnlyPost('/api/v1/files', 2 * 1024 * 1024)
    expect(refused.status).toBe(413)
    expect(JSON.parse(refused.body)).toEqual({
      code: 413,
      msg: TOO_BIG_FOR_WORKERS,
    })
    // The compatible multipart API words the same refusal in its own envelope (docs/API.md §3.3).
    const compat = await headersOnlyPost('/v1/uploads/images', 2 * 1024 * 1024)
    expect(compat.status).toBe(413)
    expect(JSON.parse(compat.body)).toEqual({
      error: { code: 'FILE_TOO_LARGE', message: TOO_BIG_FOR_WORKERS },
    })
    // The credential is checked first: a wrong key is told so, whatever the body's size.
    const stranger = await headersOnlyPost('/v1/uploads/images', 2 * 1024 * 1024, 'Bearer dg_sk_wrong')
    expect(stranger.status).toBe(401)
  })

  it('a compatible API: POST /v1/files/upload, PUT, then the file resolves', async () => {
    const bytes = png(16, 16, 5)
    const created = await fetch(
      `${base}/v1/files/upload`,
      json({ filename: 'chart.png', content_type: 'image/png', size_bytes: bytes.length }),
    )
    expect(created.status).toBe(200)
    const { file_id, upload_url } = await created.json()
    const put = await fetch(upload_url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array(bytes),
    })
    expect(put.status).toBe(200)
    const resolved = await fetch(`${base}/api/v1/files/${file_id}`, { headers: secret })
    expect((await resolved.json()).data).toMatchObject({ id: file_id, size_bytes: bytes.length })
  })

  it('an upload token from the secret key creates an upload', async () => {
    const minted = await fetch(`${base}/api/v1/tokens`, json({ types: ['image/*'], ttl: 60 }))
    expect(minted.status).toBe(200)
    const { token } = (await minted.json()).data
    const created = await fetch(
      `${base}/api/v1/files`,
      json(
        { filename: 'a.png', contentType: 'image/png', fileSize: 10 },
        { authorization: `Bearer ${token}` },
      ),
    )
    expect(created.status).toBe(200)
  })
})

describe('publishable keys on Workers', () => {
  const fromOrigin = (address: string): RequestInit =>
    json(
      { filename: 'a.png', contentType: 'image/png', fileSize: 10 },
      { authorization: `Bearer ${PK}`, origin: ORIGIN, 'cf-connecting-ip': address },
    )

  it('two Worker instances count one limit per client address in the Durable Object, then 429', async () => {
    const address = '203.0.113.7'
    const answers: Response[] = []
    // Alternating instances: each alone would allow LIMIT, together they hold LIMIT.
    for (let i = 0; i < LIMIT; i++)
      answers.push(await fetch(`${workers.urls[i % 2]?.origin}/api/v1/files`, fromOrigin(address)))
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN)
      await answer.body?.cancel()
    }
    const over = await fetch(`${workers.urls[1]?.origin}/api/v1/files`, fromOrigin(address))
    expect(over.status).toBe(429)
    const wait = Number(over.headers.get('retry-after'))
    expect(wait).toBeGreaterThanOrEqual(1)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await over.json()).toEqual({ code: 429, msg: `Too many requests, retry in ${wait} s` })
    expect(over.headers.get('access-control-allow-origin')).toBe(ORIGIN)

    // CF-Connecting-IP separates clients: another address has its own count (through Miniflare's
    // entry this time, which keeps the header as Cloudflare's edge keeps its own).
    const other = await fetch(`${base}/api/v1/files`, fromOrigin('198.51.100.9'))
    expect(other.status).toBe(200)
  })

  it('refuses the key from another origin', async () => {
    const res = await fetch(`${base}/api/v1/files`, {
      ...fromOrigin('192.0.2.1'),
      headers: {
        authorization: `Bearer ${PK}`,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
    })
    expect(res.status).toBe(403)
  })
})
