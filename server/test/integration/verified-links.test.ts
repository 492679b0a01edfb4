import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sweepS3 } from '../../src/cli/storage-sweep.js'
import { parseSweepOptions, type SweepOptions } from '../../src/cli/sweep-options.js'
import { loadConfig } from '../../src/config.js'
import { disguised, png } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv, swiftStorage, throwawayBucket } from '../swift.js'

/**
 * README "What a link serves", over HTTP against the real server on both stores: what a public link
 * serves passed the checks (with or without `complete`), and no upload URL, replayed or not, nor a
 * second multipart upload to the same key, changes it afterwards. Links are fetched as curl -L and AI
 * generation APIs do: following redirects.
 */
const KEY = 'verified-links-key'
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

const stores = [
  ['embedded store', () => ({}), 'local'],
  ['S3 (Swift)', () => ({ DROPGATE_STORAGE: 's3', ...swiftEnv() }), 's3'],
] as const

describe.each(stores)('verified links on the %s', (_, storeEnv, kind) => {
  let server: RunningServer
  const auth = { authorization: `Bearer ${KEY}` }
  beforeAll(async () => {
    // 5 MiB parts, so a large file of two parts stays small.
    server = await startServer({ DROPGATE_API_KEYS: KEY, DROPGATE_PART_SIZE_MB: '5', ...storeEnv() })
  })
  afterAll(() => server?.stop())

  const presign = async (bytes: Uint8Array, contentType = 'image/png', path = '/api/v1/files') => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'photo.png', contentType, fileSize: bytes.length }),
    })
    expect(res.status).toBe(200)
    return (await res.json()).data as {
      fileId: string
      uploadUrl: string
      publicUrl: string
      headers: Record<string, string>
    }
  }
  const put = (url: string, bytes: Uint8Array, contentType = 'image/png') =>
    fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body: new Uint8Array(bytes) })
  const complete = (fileId: string) =>
    fetch(`${server.url}/api/v1/files/${fileId}/complete`, { method: 'POST', headers: auth })

  it('an HTML body PUT as image/png, never confirmed, is never served by the public link', async () => {
    const data = await presign(disguised.html)
    const stored = await put(data.uploadUrl, disguised.html)
    // The embedded store refuses it as it arrives; S3 takes any bytes, into quarantine.
    expect(stored.status).toBe(kind === 'local' ? 400 : 200)
    const served = await fetch(data.publicUrl) // follows redirects, as curl -L
    expect(served.status).toBe(404)
    expect(await served.text()).not.toContain('<script>')
    // And it is gone, not waiting for a later read.
    expect((await complete(data.fileId)).status).toBe(404)
    if (kind === 's3') {
      const key = new URL(data.uploadUrl).pathname.split('/').slice(2).join('/')
      expect(key.startsWith('quarantine/')).toBe(true)
      expect(await swiftStorage().head(key)).toBeNull()
    }
  })

  it('a real PNG PUT without complete is served by the public link (the seed flow)', async () => {
    const bytes = png(20, 20, 5)
    const data = await presign(bytes)
    expect((await put(data.uploadUrl, bytes)).status).toBe(200)
    const served = await fetch(data.publicUrl)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
    if (kind === 's3') {
      // The link redirects to the object's own URL, under uploads/, once it passed.
      const first = await fetch(data.publicUrl, { redirect: 'manual' })
      expect(first.status).toBe(302)
      expect(first.headers.get('location')).toMatch(/\/uploads\//)
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/)
    }
  })

  it('a verified file stays byte-identical after its upload URL is replayed with other bytes', async () => {
    const bytes = png(16, 16, 1)
    const other = png(16, 16, 2) // same length, other pixels
    expect(other.length).toBe(bytes.length)
    const data = await presign(bytes)
    expect((await put(data.uploadUrl, bytes)).status).toBe(200)
    const done = await complete(data.fileId)
    expect(done.status).toBe(200)
    const { url } = (await done.json()).data
    const replay = await put(data.uploadUrl, other)
    // The embedded store refuses a second PUT; S3 takes it, into quarantine, never under uploads/.
    expect(replay.status).toBe(kind === 'local' ? 403 : 200)
    for (const link of [data.publicUrl, url]) {
      const served = await fetch(link)
      expect(sha(new Uint8Array(await served.arrayBuffer())), link).toBe(sha(bytes))
    }
    const again = await complete(data.fileId)
    expect(again.status).toBe(200)
    expect(sha(new Uint8Array(await (await fetch((await again.json()).data.url)).arrayBuffer()))).toBe(
      sha(bytes),
    )
  })

  it('a verified large file stays byte-identical when its signed part and complete URLs are replayed', async () => {
    const bytes = Buffer.concat([png(8, 8, 1), Buffer.alloc(6 * 1024 * 1024, 1)])
    const started = await fetch(`${server.url}/api/v1/uploads`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'big.png', contentType: 'image/png', fileSize: bytes.length }),
    })
    const upload = (await started.json()).data
    // The server created the upload: no URL that could start another one at the key was handed out.
    expect(upload.create).toBeUndefined()
    const sign = async (step: string, partNumbers?: number[]) =>
      (
        await (
          await fetch(`${server.url}/api/v1/uploads/${upload.fileId}/sign`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ ticket: upload.ticket, uploadId: upload.uploadId, step, partNumbers }),
          })
        ).json()
      ).data
    const { parts } = (await sign('parts', [1, 2])) as { parts: { url: string }[] }
    const finish = await sign('complete')
    const sendParts = (body: Uint8Array) =>
      Promise.all(
        parts.map((part, i) =>
          fetch(part.url, {
            method: 'PUT',
            body: new Uint8Array(body.subarray(i * upload.partSize, (i + 1) * upload.partSize)),
          }),
        ),
      )
    const completeWith = (etags: string[]) =>
      fetch(finish.url, {
        method: 'POST',
        body: `<CompleteMultipartUpload>${etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`,
      })
    expect(upload.partCount).toBe(2)
    const sent = await sendParts(bytes)
    const etags = sent.map((answer) => answer.headers.get('etag') as string)
    expect((await completeWith(etags)).status).toBe(200)
    expect((await complete(upload.fileId)).status).toBe(200)
    if (kind === 's3') {
      // Promoted through a recheck copy (Swift cannot pin a multipart ETag): neither is left behind.
      expect(await swiftStorage().head(upload.key)).toBeNull()
      expect(await swiftStorage().head(`${upload.key}.recheck`)).toBeNull()
    }
    const swapped = Buffer.from(bytes)
    swapped.fill(2, 64)
    // Every signed URL replayed, still within its lifetime: the parts of a completed upload are
    // refused by both stores, and a second completion changes nothing.
    const replayed = await sendParts(swapped)
    for (const answer of replayed) expect(answer.status).toBe(404)
    expect((await completeWith(replayed.map(() => '"x"'))).status).not.toBe(500)
    const served = await fetch(upload.publicUrl)
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
    const confirmed = await complete(upload.fileId)
    expect((await confirmed.json()).data.size_bytes).toBe(bytes.length)
    expect(sha(new Uint8Array(await (await fetch(upload.publicUrl)).arrayBuffer()))).toBe(sha(bytes))
  }, 60_000)

  it('the first compatible API (PUT, then GET the id) checks the upload: a disguise is refused and gone', async () => {
    const res = await fetch(`${server.url}/v1/files/upload`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        filename: 'x.png',
        content_type: 'image/png',
        size_bytes: disguised.svg.length,
      }),
    })
    const { file_id, upload_url } = await res.json()
    await put(upload_url, disguised.svg)
    const got = await fetch(`${server.url}/api/v1/files/${file_id}`, { headers: auth })
    expect(got.status).toBe(kind === 'local' ? 404 : 400)
    expect((await fetch(`${server.url}/api/v1/files/${file_id}`, { headers: auth })).status).toBe(404)
  })

  it('the second compatible API (PUT, then complete): a real file is served, a replay changes nothing', async () => {
    const bytes = png(12, 12, 7)
    const res = await fetch(`${server.url}/api/v1/files/upload-url`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'y.png', contentType: 'image/png', sizeBytes: bytes.length }),
    })
    const { data } = await res.json()
    expect((await put(data.upload_url, bytes)).status).toBe(200)
    const done = await complete(data.file_id)
    const { url } = (await done.json()).data
    await put(data.upload_url, png(12, 12, 8))
    expect(sha(new Uint8Array(await (await fetch(url)).arrayBuffer()))).toBe(sha(bytes))
  })
})

describe('the quarantine on S3', () => {
  it('an upload nobody checks is gone after its day: storage sweep with its clock a day on deletes it', async () => {
    const bucket = await throwawayBucket('quarantine')
    const env = { DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', ...bucket.env }
    const server = await startServer(env)
    try {
      const res = await fetch(`${server.url}/api/v1/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ filename: 'x.png', contentType: 'image/png' }),
      })
      const { uploadUrl } = (await res.json()).data
      await fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'content-type': 'image/png' },
        body: disguised.html,
      })
      const staged = async () => {
        const keys: string[] = []
        for await (const info of bucket.storage.list('quarantine/')) keys.push(info.key)
        return keys
      }
      expect(await staged()).toHaveLength(1)
      const out: string[] = []
      const status = await sweepS3(
        loadConfig(env),
        parseSweepOptions([]) as SweepOptions,
        { now: Date.now() + 25 * 3600_000 },
        { write: (text: string) => out.push(text) },
      )
      expect(status, out.join('')).toBe(0)
      expect(out.join('')).toContain('deleted, never checked')
      expect(await staged()).toEqual([])
    } finally {
      await server.stop()
      await bucket.destroy()
    }
  })
})
