import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { MAX_BATCH_FILES } from '@dropgate/core'
import { serve } from '@hono/node-server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonRequest, makeApp, putBytes } from '../../test/harness.js'
import { png } from '../../test/media.js'
import { createLogger } from '../log.js'

const lines: string[] = []
let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  lines.length = 0
  t = await makeApp(
    { DROPGATE_TOKEN_SECRET: 'y'.repeat(40), DROPGATE_MAX_IMAGE_BYTES: String(1024 * 1024) },
    createLogger((line) => lines.push(line)),
  )
})
afterEach(() => t.close())

const image = (name: string, size = png().length) => ({
  filename: name,
  contentType: 'image/png',
  fileSize: size,
})
const createBatch = async (body: unknown, key?: string) => {
  const res = await t.app.request('/api/v1/files', jsonRequest(body, key))
  return { status: res.status, body: await res.json() }
}
const completeBatch = async (body: unknown, key?: string) => {
  const res = await t.app.request('/api/v1/files/complete', jsonRequest(body, key))
  return { status: res.status, body: await res.json() }
}
async function token(body: Record<string, unknown>): Promise<string> {
  const res = await t.app.request('/api/v1/tokens', jsonRequest(body))
  return (await res.json()).data.token
}

describe('POST /api/v1/files with {files}: several presigned PUTs in one request', () => {
  it('answers one entry per file, in order, each as its single request would, errors for that file only', async () => {
    const { status, body } = await createBatch({
      files: [
        image('a.png'),
        { filename: 'page.html', contentType: 'text/html', fileSize: 10 },
        image('big.png', 2 * 1024 * 1024),
        { contentType: 'image/png' },
        { filename: 'b.png', contentType: 'image/png', fileSize: -1 },
        image('c.png'),
      ],
    })
    expect(status).toBe(200)
    const files = body.data.files
    expect(files).toHaveLength(6)
    expect(files[1]).toEqual({ code: 400, msg: 'Only image/, video/, or audio/ content types are accepted' })
    expect(files[2]).toEqual({ code: 400, msg: 'File too large (max 1MB)' })
    expect(files[3]).toEqual({ code: 400, msg: 'filename and contentType are required' })
    expect(files[4]).toEqual({ code: 400, msg: 'fileSize must be a positive whole number of bytes' })
    for (const ok of [files[0], files[5]]) {
      expect(ok).toMatchObject({ code: 200, msg: 'success', data: { method: 'PUT' } })
      // Each URL works on its own: the bytes land and are served.
      expect((await putBytes(t.app, ok.data, png())).status).toBe(200)
      expect((await t.app.request(ok.data.publicUrl)).status).toBe(200)
    }
    expect(files[0].data.fileId).not.toBe(files[5].data.fileId)
  })

  it('gives an upload token its maxFiles slots in the batch order, the rest too_many_files, and nothing more later', async () => {
    const tk = await token({ maxFiles: 2 })
    const { status, body } = await createBatch(
      { files: [image('1.png'), image('2.png'), image('3.png')] },
      tk,
    )
    expect(status).toBe(200)
    const [one, two, three] = body.data.files
    expect(one.code).toBe(200)
    expect(two.code).toBe(200)
    expect(one.data.fileId).not.toBe(two.data.fileId)
    expect(three).toEqual({ code: 403, msg: 'This upload token allows at most 2 files' })
    // The same file asked for again (a retry) gets its slot back; a new one still gets none.
    const again = await createBatch({ files: [image('2.png'), image('4.png')] }, tk)
    expect(again.body.data.files[0].data.fileId).toBe(two.data.fileId)
    expect(again.body.data.files[1]).toEqual({ code: 403, msg: 'This upload token allows at most 2 files' })
  })

  it('refuses a malformed or oversized batch as a whole, with nothing signed', async () => {
    const invalid = { code: 400, msg: `files must be a list of 1 to ${MAX_BATCH_FILES} file objects` }
    for (const files of [[], 'a.png', [image('a.png'), 'b.png'], [null], {}])
      expect(await createBatch({ files })).toEqual({ status: 400, body: invalid })
    const tooMany = Array.from({ length: MAX_BATCH_FILES + 1 }, (_, i) => image(`${i}.png`))
    expect(await createBatch({ files: tooMany })).toEqual({
      status: 400,
      body: {
        code: 400,
        msg: `A batch holds at most ${MAX_BATCH_FILES} files; send the others in another request`,
      },
    })
    // A token's slots are untouched by a refused batch.
    const tk = await token({ maxFiles: 1 })
    const refused = await createBatch({ files: [image('a.png'), image('b.png'), 'x'] }, tk)
    expect(refused.status).toBe(400)
    expect((await createBatch({ files: [image('c.png')] }, tk)).body.data.files[0].code).toBe(200)
  })

  it('keeps the single request unchanged', async () => {
    const res = await t.app.request('/api/v1/files', jsonRequest(image('a.png')))
    expect((await res.json()).data).toMatchObject({ method: 'PUT', uploadUrl: expect.any(String) })
  })
})

describe('POST /api/v1/files/complete: complete of several files in one request', () => {
  it('confirms each stored file, and answers each missing or disguised one for itself', async () => {
    const { body } = await createBatch({ files: [image('a.png'), image('b.png'), image('c.png')] })
    const [a, b, c] = body.data.files.map((entry: { data: { fileId: string } }) => entry.data)
    await putBytes(t.app, a, png())
    await putBytes(t.app, c, png(4, 4, 9))
    const answer = await completeBatch({ fileIds: [a.fileId, b.fileId, 'not-an-id', c.fileId] })
    expect(answer.status).toBe(200)
    const [ra, rb, rx, rc] = answer.body.data.files
    expect(ra).toMatchObject({ code: 200, msg: 'success', data: { id: a.fileId, size_bytes: png().length } })
    expect(rb).toEqual({ code: 404, msg: 'File not found' })
    expect(rx).toEqual({ code: 404, msg: 'File not found' })
    expect(rc).toMatchObject({ code: 200, data: { id: c.fileId } })
    // The same answer as the single route's, for the same file.
    const single = await (await t.app.request(`/api/v1/files/${a.fileId}/complete`, jsonRequest({}))).json()
    expect(single.data).toEqual(ra.data)
    // `{fileId}` at the same URL answers exactly as the single route does.
    const one = await completeBatch({ fileId: a.fileId })
    expect(one).toEqual({ status: 200, body: { ...single } })
    expect(await completeBatch({ fileId: b.fileId })).toEqual({
      status: 404,
      body: { code: 404, msg: 'File not found' },
    })
  })

  it("never confirms another caller's file", async () => {
    const { body } = await createBatch({ files: [image('a.png')] })
    const a = body.data.files[0].data
    await putBytes(t.app, a, png())
    const other = await completeBatch({ fileIds: [a.fileId] }, 'test-key-two')
    expect(other.body.data.files[0]).toEqual({ code: 404, msg: 'File not found' })
  })

  it('refuses a malformed or oversized list as a whole', async () => {
    const invalid = { code: 400, msg: `fileIds must be a list of 1 to ${MAX_BATCH_FILES} file ids` }
    for (const fileIds of [[], 'x', [1], undefined])
      expect(await completeBatch({ fileIds })).toEqual({ status: 400, body: invalid })
    const ids = Array.from({ length: MAX_BATCH_FILES + 1 }, (_, i) => `id-${i}`)
    expect((await completeBatch({ fileIds: ids })).body.msg).toMatch(/^A batch holds at most/)
    expect((await completeBatch('[]')).status).toBe(400)
  })
})

describe('a client that vanishes mid-batch', () => {
  it('is client_gone: no slot taken, nothing stored, the next batch works', async () => {
    const tk = await token({ maxFiles: 1 })
    const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 })
    await once(server, 'listening')
    try {
      const { port } = server.address() as AddressInfo
      const body = JSON.stringify({ files: [image('a.png'), image('b.png')] })
      const socket = connect(port, '127.0.0.1')
      await once(socket, 'connect')
      socket.write(
        `POST /api/v1/files HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tk}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 30)}`,
      )
      socket.destroy()
      await vi.waitFor(() => expect(lines.some((line) => line.includes('client_gone'))).toBe(true))
      expect(await t.stored()).toEqual([])
      // The token's only slot is still free for a file that never was asked for.
      const next = await createBatch({ files: [image('c.png')] }, tk)
      expect(next.body.data.files[0].code).toBe(200)
    } finally {
      server.close()
    }
  })
})

describe("a batch and a publishable key's rate limit", () => {
  it('counts a batch of n files as n requests, and refuses the whole batch once over', async () => {
    const origin = 'http://shop.example.com'
    const limited = await makeApp({
      DROPGATE_PUBLISHABLE_KEYS: `dg_pk_batch|${origin}`,
      DROPGATE_PUBLISHABLE_RATE_LIMIT: '5/60',
    })
    try {
      const send = (files: unknown[]) =>
        limited.app.request('/api/v1/files', {
          method: 'POST',
          headers: { authorization: 'Bearer dg_pk_batch', origin, 'content-type': 'application/json' },
          body: JSON.stringify({ files }),
        })
      const first = await send([image('1.png'), image('2.png'), image('3.png')])
      expect(first.status).toBe(200)
      const over = await send([image('4.png'), image('5.png'), image('6.png')])
      expect(over.status).toBe(429)
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/)
      expect((await over.json()).msg).toMatch(/^Too many requests, retry in \d+ s$/)
    } finally {
      await limited.close()
    }
  })
})
