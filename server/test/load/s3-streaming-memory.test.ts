import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { curlPut } from '@dropgate/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseApiKey } from '../../src/core/api-keys.js'
import { collect } from '../harness.js'
import { mp4 } from '../media.js'
import { postWithLength, streamedVideoForm, videoFormChunks } from '../multipart-stream.js'
import { peakRss, type RunningServer, startServer } from '../server-process.js'
import { openMultipartUploads, swiftEnv, swiftStorage } from '../swift.js'

/**
 * Multipart mode on the s3 driver streams too. A body of unknown length (fetch sends it chunked): the
 * server holds at most two 8 MiB parts of a 100 MiB upload, never the file. A body with its
 * Content-Length: the file streams into the store as it arrives, as one PUT of the length the form
 * tells, no part held. Also prints the upload's throughput next to a plain `curl -T` of
 * the same number of bytes to a presigned URL (the store's own speed, no server in between).
 */
const KEY = 'memory-s3-key'
const MiB = 1024 * 1024
let server: RunningServer
let workDir: string
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dropgate-s3-mem-'))
  server = await startServer({ DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', ...swiftEnv() })
}, 30_000)
afterAll(async () => {
  await server?.stop()
  if (workDir) await rm(workDir, { recursive: true, force: true })
})

const auth = { authorization: `Bearer ${KEY}` }

async function upload(size: number) {
  const { body, contentType } = streamedVideoForm(size)
  const started = performance.now()
  const res = await fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { ...auth, 'content-type': contentType },
    body,
    duplex: 'half',
  } as RequestInit)
  const json = await res.json()
  return { status: res.status, data: json.data, seconds: (performance.now() - started) / 1000 }
}

/** The object key behind a public URL (DROPGATE_PUBLIC_BASE_URL + the encoded key). */
function keyOf(publicUrl: string): string {
  return decodeURIComponent(publicUrl.slice(publicUrl.indexOf('/uploads/') + 1))
}

async function remove(fileId: string) {
  await fetch(`${server.url}/api/v1/files/${fileId}`, { method: 'DELETE', headers: auth })
}

describe('multipart mode on s3: memory and throughput', () => {
  it('stores 100 MiB while peak RSS grows by less than 40 MiB', async () => {
    // Warm-up, as in streaming-memory.test.ts: loads busboy, the sniffer and undici, and lets the heap
    // reach its working size; the growth measured after it is what the upload itself costs.
    const warm = await upload(32 * MiB)
    expect(warm.status).toBe(200)
    await remove(warm.data.fileId)
    const before = await peakRss(server.process.pid as number)
    const res = await upload(100 * MiB)
    expect(res.status).toBe(200)
    const growth = (await peakRss(server.process.pid as number)) - before
    const head = await fetch(res.data.publicUrl, { method: 'HEAD' })
    expect(head.headers.get('content-length')).toBe(String(100 * MiB))
    await remove(res.data.fileId)

    // The same bytes straight to the store: a presigned URL and `curl -T`.
    const file = join(workDir, 'big.mp4')
    const start = mp4(0)
    await pipeline(
      Readable.from(
        (function* () {
          yield start
          const chunk = Buffer.alloc(MiB, 0x61)
          for (let sent = start.length; sent < 100 * MiB; sent += MiB)
            yield chunk.subarray(0, Math.min(MiB, 100 * MiB - sent))
        })(),
      ),
      createWriteStream(file),
    )
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'big.mp4', contentType: 'video/mp4', fileSize: 100 * MiB }),
    })
    const { data } = await created.json()
    const { status: code, seconds: curlSeconds } = await curlPut(data.uploadUrl, file, {
      'Content-Type': 'video/mp4',
    })
    expect(code).toBe(200)
    await remove(data.fileId)

    const server100 = 100 / res.seconds
    const curl100 = 100 / Number(curlSeconds)
    console.log(
      `s3 multipart mode, 100 MiB: peak RSS before ${(before / MiB).toFixed(1)} MiB, growth ${(growth / MiB).toFixed(1)} MiB; ` +
        `through the server ${server100.toFixed(0)} MiB/s, curl -T to a presigned URL ${curl100.toFixed(0)} MiB/s ` +
        `(ratio ${(server100 / curl100).toFixed(2)})`,
    )
    // Two 8 MiB parts at most, plus socket and parser buffers: well under the 100 MiB of the file.
    expect(growth).toBeLessThan(40 * MiB)
  }, 90_000)

  it('with a declared Content-Length, the file goes up as one PUT as it arrives: 100 MiB for under 20 MiB of RSS', async () => {
    const before = await peakRss(server.process.pid as number)
    const form = videoFormChunks(100 * MiB)
    const res = await postWithLength(
      `${server.url}/api/v1/files`,
      { ...auth, 'content-type': form.contentType },
      form,
    )
    expect(res.status).toBe(200)
    const growth = (await peakRss(server.process.pid as number)) - before
    const { data } = res.json as { data: { publicUrl: string; fileId: string } }
    const head = await fetch(data.publicUrl, { method: 'HEAD' })
    expect(head.headers.get('content-length')).toBe(String(100 * MiB))
    const tail = await fetch(data.publicUrl, { headers: { range: `bytes=${100 * MiB - 2}-` } })
    expect(Buffer.from(await tail.arrayBuffer()).toString()).toBe('aa')
    // One PutObject: S3 gives a multipart upload's object an ETag that ends in its part count.
    const stored = await swiftStorage().client.send({ method: 'HEAD', key: keyOf(data.publicUrl) })
    expect(stored.headers.get('etag')).toMatch(/^"?[0-9a-f]{32}"?$/)
    await remove(data.fileId)
    console.log(
      `s3 multipart mode with Content-Length, 100 MiB: peak RSS growth ${(growth / MiB).toFixed(1)} MiB`,
    )
    // No part is held: only socket and parser buffers.
    expect(growth).toBeLessThan(20 * MiB)
  }, 90_000)

  it('a large second file after the file: 400, and nothing stays in the store', async () => {
    const storage = swiftStorage()
    const prefix = `uploads/${(parseApiKey(KEY) as { owner: string }).owner}/`
    const objects = async () =>
      (await collect(storage.list(prefix))).map((info) => (info as { key: string }).key)
    const before = await objects()
    const form = videoFormChunks(20 * MiB, { fileAfter: 6 * MiB })
    const res = await postWithLength(
      `${server.url}/api/v1/files`,
      { ...auth, 'content-type': form.contentType },
      form,
    )
    expect(res).toEqual({
      status: 400,
      json: {
        code: 400,
        msg: 'Only small form fields may follow the file (one file per request, fields up to 64KB)',
      },
    })
    expect(await objects()).toEqual(before)
    expect(await openMultipartUploads(storage, prefix)).toEqual([])
    // A small second file changes nothing: the file's parts are certain all the same.
    const small = videoFormChunks(20 * MiB, { fileAfter: 1000 })
    const ok = await postWithLength(
      `${server.url}/api/v1/files`,
      { ...auth, 'content-type': small.contentType },
      small,
    )
    expect(ok.status).toBe(200)
    await remove((ok.json as { data: { fileId: string } }).data.fileId)
  }, 90_000)

  it('cuts an over-cap upload off mid-stream, sent as parts or as one PUT: 400, and nothing in the store', async () => {
    // A 20 MiB video cap, so a 30 MiB upload fails after two 8 MiB parts are in the store.
    const capped = await startServer({
      DROPGATE_API_KEYS: KEY,
      DROPGATE_STORAGE: 's3',
      DROPGATE_MAX_VIDEO_BYTES: String(20 * MiB),
      ...swiftEnv(),
    })
    try {
      const storage = swiftStorage()
      const prefix = `uploads/${(parseApiKey(KEY) as { owner: string }).owner}/`
      const objects = async () =>
        (await collect(storage.list(prefix))).map((info) => (info as { key: string }).key)
      const before = await objects()
      const { body, contentType } = streamedVideoForm(30 * MiB)
      const res = await fetch(`${capped.url}/api/v1/files`, {
        method: 'POST',
        headers: { ...auth, 'content-type': contentType },
        body,
        duplex: 'half',
      } as RequestInit)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ code: 400, msg: 'File too large (max 20MB)' })
      expect(await objects()).toEqual(before)
      expect(await openMultipartUploads(storage, prefix)).toEqual([])

      // With its Content-Length, the same upload is one PUT, cut off mid-way: nothing stored either.
      const form = videoFormChunks(30 * MiB)
      const declared = await postWithLength(
        `${capped.url}/api/v1/files`,
        { ...auth, 'content-type': form.contentType },
        form,
      )
      expect(declared.status).toBe(400)
      expect(declared.json).toEqual({ code: 400, msg: 'File too large (max 20MB)' })
      expect(await objects()).toEqual(before)
      expect(await openMultipartUploads(storage, prefix)).toEqual([])
    } finally {
      await capped.stop()
    }
  }, 90_000)

  it('a field after the file, or a form closed without its last CRLF: the same bytes, type and name', async () => {
    const storage = swiftStorage()
    const boundary = '----dropgate-after'
    const video = Buffer.concat([mp4(0), Buffer.alloc(6 * MiB, 0x62)])
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip ü.mp4"\r\nContent-Type: video/mp4\r\n\r\n`
    const endings = {
      'a field after the file': `\r\n--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      'no final CRLF': `\r\n--${boundary}--`,
    }
    for (const [label, ending] of Object.entries(endings)) {
      const body = Buffer.concat([Buffer.from(head), video, Buffer.from(ending)])
      const res = await fetch(`${server.url}/api/v1/files`, {
        method: 'POST',
        headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      })
      expect(res.status, label).toBe(200)
      const { data } = (await res.json()) as { data: { publicUrl: string; fileId: string } }
      const stored = Buffer.from(await (await fetch(data.publicUrl)).arrayBuffer())
      expect(stored.equals(video), label).toBe(true)
      const info = await storage.head(keyOf(data.publicUrl))
      expect(info?.contentType, label).toBe('video/mp4')
      expect(info?.metadata.filename, label).toBe('clip ü.mp4')
      await remove(data.fileId)
    }
  }, 60_000)
})
