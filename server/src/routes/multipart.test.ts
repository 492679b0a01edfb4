import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auth, jsonRequest, KEY, makeApp, OTHER_KEY } from '../../test/harness.js'

const MiB = 1024 * 1024
let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  // 8 MiB parts (DROPGATE_PART_SIZE_MB), so a 30 MiB file has several to sign.
  t = await makeApp({ DROPGATE_TOKEN_SECRET: 'y'.repeat(40), DROPGATE_PART_SIZE_MB: '8' })
})
afterEach(() => t.close())

const video = { filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 30 * MiB }

async function create(body: Record<string, unknown> = video, key = KEY) {
  const res = await t.app.request('/api/v1/uploads', jsonRequest(body, key))
  return { status: res.status, body: await res.json() }
}

function sign(fileId: string, body: Record<string, unknown>, key = KEY) {
  return t.app.request(`/api/v1/uploads/${fileId}/sign`, jsonRequest(body, key))
}

describe('POST /api/v1/uploads', () => {
  it('plans the parts and signs CreateMultipartUpload with the type bound', async () => {
    const { status, body } = await create()
    expect(status).toBe(200)
    const { fileId, partSize, partCount, ticket, create: step, publicUrl } = body.data
    expect(fileId).toMatch(/\.mp4$/)
    expect(publicUrl).toContain(fileId)
    expect([partSize, partCount]).toEqual([8 * MiB, 4])
    expect(ticket).toMatch(/^dg_mp_/)
    expect(step.method).toBe('POST')
    const url = new URL(step.url)
    expect(url.searchParams.has('uploads')).toBe(true)
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host')
    expect(step.headers).toEqual({ 'Content-Type': 'video/mp4' })
  })

  it('applies the policy and requires the size', async () => {
    expect((await create({ ...video, fileSize: 100 * MiB + 1 })).body).toEqual({
      code: 400,
      msg: 'File too large (max 100MB)',
    })
    expect((await create({ ...video, contentType: 'text/html' })).body.msg).toBe(
      'Only image/, video/, or audio/ content types are accepted',
    )
    expect((await create({ filename: 'a.mp4', contentType: 'video/mp4' })).body.msg).toBe(
      'fileSize is required: a positive whole number of bytes',
    )
    expect((await create({ fileSize: 5 })).body.msg).toBe('filename and contentType are required')
    expect((await t.app.request('/api/v1/uploads', { method: 'POST' })).status).toBe(401)
  })

  it("applies an upload token's scope", async () => {
    const minted = await t.app.request(
      '/api/v1/tokens',
      jsonRequest({ types: ['video/*'], maxFileSize: 20 * MiB }),
    )
    const { token } = (await minted.json()).data
    const refused = await create(video, token)
    expect(refused.status).toBe(403)
    expect(refused.body.msg).toBe('File too large (max 20MB for this credential)')
    expect((await create({ ...video, fileSize: 20 * MiB }, token)).status).toBe(200)
  })
})

describe('POST /api/v1/uploads/{fileId}/sign', () => {
  it('signs each part with its exact length, in batches', async () => {
    const { fileId, ticket } = (await create({ ...video, fileSize: 20 * MiB + 7 })).body.data
    const res = await sign(fileId, { ticket, uploadId: 'u-1', step: 'parts', partNumbers: [1, 2, 3] })
    expect(res.status).toBe(200)
    const { parts } = (await res.json()).data
    expect(parts.map((p: { partNumber: number }) => p.partNumber)).toEqual([1, 2, 3])
    const lengths = parts.map((p: { url: string }) => new URL(p.url))
    expect(lengths.map((u: URL) => u.searchParams.get('partNumber'))).toEqual(['1', '2', '3'])
    expect(lengths.every((u: URL) => u.searchParams.get('uploadId') === 'u-1')).toBe(true)
    expect(
      lengths.every((u: URL) => u.searchParams.get('X-Amz-SignedHeaders') === 'content-length;host'),
    ).toBe(true)
  })

  it('signs list, complete and abort on the upload id', async () => {
    const { fileId, ticket } = (await create()).body.data
    for (const [step, method] of [
      ['list', 'GET'],
      ['complete', 'POST'],
      ['abort', 'DELETE'],
    ]) {
      const { data } = await (await sign(fileId, { ticket, uploadId: 'abc', step })).json()
      expect(data.method).toBe(method)
      expect(new URL(data.url).searchParams.get('uploadId')).toBe('abc')
    }
  })

  it('refuses parts outside the plan and oversized batches', async () => {
    const { fileId, ticket } = (await create()).body.data
    for (const partNumbers of [[0], [5], [1.5]]) {
      const res = await sign(fileId, { ticket, uploadId: 'u', step: 'parts', partNumbers })
      expect(res.status, JSON.stringify(partNumbers)).toBe(400)
    }
    const beyond = await sign(fileId, { ticket, uploadId: 'u', step: 'parts', partNumbers: [5] })
    expect((await beyond.json()).msg).toBe('This upload has parts 1 to 4')
    const many = await sign(fileId, {
      ticket,
      uploadId: 'u',
      step: 'parts',
      partNumbers: Array.from({ length: 101 }, (_, i) => i + 1),
    })
    expect(many.status).toBe(400)
    expect((await sign(fileId, { ticket, uploadId: 'u', step: 'parts' })).status).toBe(400)
    expect((await sign(fileId, { ticket, uploadId: 'bad id', step: 'list' })).status).toBe(400)
  })

  it('signs only for the caller and the file the upload was created for', async () => {
    const { fileId, ticket } = (await create()).body.data
    const other = await sign(fileId, { ticket, uploadId: 'u', step: 'list' }, OTHER_KEY)
    expect(other.status).toBe(403)
    expect((await other.json()).msg).toBe('This upload ticket is not valid for this caller and file')
    const second = (await create()).body.data
    expect((await sign(second.fileId, { ticket, uploadId: 'u', step: 'list' })).status).toBe(403)
    const forged = `${ticket.slice(0, -3)}abc`
    expect((await sign(fileId, { ticket: forged, uploadId: 'u', step: 'list' })).status).toBe(403)
    expect(
      (await t.app.request(`/api/v1/uploads/${fileId}/sign`, { method: 'POST', headers: auth('nope') }))
        .status,
    ).toBe(401)
  })
})
