import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { png } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv } from '../swift.js'

/**
 * The batch `complete` (docs/API.md §2.3 `{fileIds}`) on Swift, whose s3api (2.30) answers 501 to a
 * copy with `If-None-Match: *`. A fresh server does not know that yet, so every promotion of the
 * batch sends the condition at once and every one gets 501: each must retry without it, not only the
 * first to learn it (`storage/s3/s3-promote.ts`). The server is started here, not shared, so that
 * its per-process knowledge of the store starts empty.
 */
const KEY = 'integration-s3-batch-key'
const FILES = 8
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', ...swiftEnv() })
}, 30_000)
afterAll(async () => {
  await server?.stop()
})

const post = (path: string, body: unknown) =>
  fetch(`${server.url}/api/v1/files${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('batch complete on Swift (no conditional copies)', () => {
  it('promotes every file of a batch completed side by side, each served from its link', async () => {
    const images = Array.from({ length: FILES }, (_, i) => png(40 + i, 40, i + 1))
    const created = await post('', {
      files: images.map((bytes, i) => ({
        filename: `p${i}.png`,
        contentType: 'image/png',
        fileSize: bytes.length,
      })),
    })
    expect(created.status).toBe(200)
    const entries = (await created.json()).data.files as {
      code: number
      data: { fileId: string; uploadUrl: string; headers: Record<string, string>; publicUrl: string }
    }[]
    expect(entries.map((e) => e.code)).toEqual(images.map(() => 200))
    await Promise.all(
      entries.map(async ({ data }, i) => {
        const put = await fetch(data.uploadUrl, {
          method: 'PUT',
          headers: data.headers,
          body: new Uint8Array(images[i] as Uint8Array),
        })
        expect(put.status).toBe(200)
      }),
    )

    const done = await post('/complete', { fileIds: entries.map((e) => e.data.fileId) })
    expect(done.status).toBe(200)
    const files = (await done.json()).data.files as {
      code: number
      msg: string
      data?: { id: string; url: string; size_bytes: number }
    }[]
    expect(files.map((f) => [f.code, f.msg])).toEqual(images.map(() => [200, 'success']))
    expect(files.map((f) => f.data?.id)).toEqual(entries.map((e) => e.data.fileId))
    expect(files.map((f) => f.data?.size_bytes)).toEqual(images.map((b) => b.length))
    for (const [i, file] of files.entries()) {
      const served = await fetch(file.data?.url as string)
      expect(served.status).toBe(200)
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(images[i] as Uint8Array))
    }
    // Nothing stays in quarantine: a second batch finds every file promoted, answered the same.
    const again = await post('/complete', { fileIds: entries.map((e) => e.data.fileId) })
    expect((await again.json()).data.files.map((f: { code: number }) => f.code)).toEqual(
      images.map(() => 200),
    )
    // No promotion failed on the way (a failure is logged before its 500).
    expect(server.logs.filter((line) => /"level":"error"/.test(line))).toEqual([])
  })
})
