import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auth, jsonRequest, KEY, makeApp, OTHER_KEY } from '../../test/harness.js'
import { issueTicket } from '../core/upload-ticket.js'

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
  it('plans the parts and creates the upload in the store itself, with the type fixed', async () => {
    const { status, body } = await create()
    expect(status).toBe(200)
    const { fileId, partSize, partCount, ticket, uploadId, publicUrl, key } = body.data
    expect(fileId).toMatch(/\.mp4$/)
    expect(publicUrl).toContain(fileId)
    expect([partSize, partCount]).toEqual([8 * MiB, 4])
    expect(ticket).toMatch(/^dg_mp_/)
    // No URL that could start another upload at the key is handed out (docs/API.md §2.5).
    expect(body.data).not.toHaveProperty('create')
    const uploads = await readdir(join(t.dataDir, 'multipart'))
    expect(uploads).toEqual([uploadId])
    const meta = JSON.parse(await readFile(join(t.dataDir, 'multipart', uploadId, 'upload.json'), 'utf8'))
    expect([meta.key, meta.contentType]).toEqual([key, 'video/mp4'])
  })

  it('answers a store that cannot create the upload in the documented shape, and frees the slot', async () => {
    const minted = await t.app.request('/api/v1/tokens', jsonRequest({ types: ['video/*'], maxFiles: 1 }))
    const { token } = (await minted.json()).data
    // The embedded store's uploads folder cannot be made: a file stands where it goes.
    await writeFile(join(t.dataDir, 'multipart'), 'in the way')
    const failed = await create(video, token)
    // A broken disk is the server's own fault (on S3, a store that is down answers 503: s3-unavailable.test.ts).
    expect(failed.body).toEqual({ code: 500, msg: 'Internal server error' })
    await rm(join(t.dataDir, 'multipart'))
    // The one file the token allows was not spent on the failure.
    const again = await create({ ...video, filename: 'other.mp4' }, token)
    expect(again.status).toBe(200)
    expect(await readdir(join(t.dataDir, 'multipart'))).toEqual([again.body.data.uploadId])
  })

  it('creates nothing in the store for a request it refuses', async () => {
    expect((await create({ ...video, fileSize: 100 * MiB + 1 })).status).toBe(400)
    expect(await readdir(join(t.dataDir, 'multipart')).catch(() => [])).toEqual([])
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
    const { fileId, ticket, uploadId } = (await create({ ...video, fileSize: 20 * MiB + 7 })).body.data
    const res = await sign(fileId, { ticket, uploadId, step: 'parts', partNumbers: [1, 2, 3] })
    expect(res.status).toBe(200)
    const { parts } = (await res.json()).data
    expect(parts.map((p: { partNumber: number }) => p.partNumber)).toEqual([1, 2, 3])
    const lengths = parts.map((p: { url: string }) => new URL(p.url))
    expect(lengths.map((u: URL) => u.searchParams.get('partNumber'))).toEqual(['1', '2', '3'])
    expect(lengths.every((u: URL) => u.searchParams.get('uploadId') === uploadId)).toBe(true)
    expect(
      lengths.every((u: URL) => u.searchParams.get('X-Amz-SignedHeaders') === 'content-length;host'),
    ).toBe(true)
  })

  it('signs list, complete and abort on the upload id', async () => {
    const { fileId, ticket, uploadId } = (await create()).body.data
    for (const [step, method] of [
      ['list', 'GET'],
      ['complete', 'POST'],
      ['abort', 'DELETE'],
    ]) {
      const { data } = await (await sign(fileId, { ticket, uploadId, step })).json()
      expect(data.method).toBe(method)
      expect(new URL(data.url).searchParams.get('uploadId')).toBe(uploadId)
    }
  })

  it('signs the next page of ListParts from a part-number marker, and refuses a bad marker', async () => {
    const { fileId, ticket, uploadId } = (await create()).body.data
    const page = async (extra: Record<string, unknown>) =>
      sign(fileId, { ticket, uploadId, step: 'list', ...extra })
    const { data } = await (await page({ partNumberMarker: 1000 })).json()
    const url = new URL(data.url)
    expect(url.searchParams.get('part-number-marker')).toBe('1000')
    expect(url.searchParams.get('uploadId')).toBe(uploadId)
    const first = new URL((await (await page({})).json()).data.url)
    expect(first.searchParams.has('part-number-marker')).toBe(false)
    for (const partNumberMarker of [0, 1.5, 10_001, '2']) {
      const res = await page({ partNumberMarker })
      expect(res.status, String(partNumberMarker)).toBe(400)
      expect((await res.json()).msg).toContain('partNumberMarker?: a part number')
    }
  })

  it('refuses parts outside the plan and oversized batches', async () => {
    const { fileId, ticket, uploadId } = (await create()).body.data
    for (const partNumbers of [[0], [5], [1.5]]) {
      const res = await sign(fileId, { ticket, uploadId, step: 'parts', partNumbers })
      expect(res.status, JSON.stringify(partNumbers)).toBe(400)
    }
    const beyond = await sign(fileId, { ticket, uploadId, step: 'parts', partNumbers: [5] })
    expect((await beyond.json()).msg).toBe('This upload has parts 1 to 4')
    const many = await sign(fileId, {
      ticket,
      uploadId,
      step: 'parts',
      partNumbers: Array.from({ length: 101 }, (_, i) => i + 1),
    })
    expect(many.status).toBe(400)
    expect((await sign(fileId, { ticket, uploadId, step: 'parts' })).status).toBe(400)
    expect((await sign(fileId, { ticket, uploadId: 'bad id', step: 'list' })).status).toBe(400)
  })

  it('signs only for the caller and the file the upload was created for', async () => {
    const { fileId, ticket, uploadId } = (await create()).body.data
    const other = await sign(fileId, { ticket, uploadId, step: 'list' }, OTHER_KEY)
    expect(other.status).toBe(403)
    expect((await other.json()).msg).toBe('This upload ticket is not valid for this caller and file')
    const second = (await create()).body.data
    expect((await sign(second.fileId, { ticket, uploadId, step: 'list' })).status).toBe(403)
    // Its own ticket, another upload id: only the upload the server created is ever signed for.
    for (const step of ['parts', 'list', 'complete'] as const) {
      const res = await sign(second.fileId, {
        ticket: second.ticket,
        uploadId,
        step,
        ...(step === 'parts' && { partNumbers: [1] }),
      })
      expect(res.status, step).toBe(403)
      expect((await res.json()).msg).toBe('This upload ticket is not valid for this caller and file')
    }
    const forged = `${ticket.slice(0, -3)}abc`
    const refused = await sign(fileId, { ticket: forged, uploadId, step: 'list' })
    // DROPGATE_TOKEN_SECRET is set here: a bad seal is no sign of a restart, so no talk of one.
    expect(await refused.json()).toEqual({
      code: 403,
      msg: 'This upload ticket is not valid for this caller and file',
    })
    expect(
      (await t.app.request(`/api/v1/uploads/${fileId}/sign`, { method: 'POST', headers: auth('nope') }))
        .status,
    ).toBe(401)
  })
})

describe('POST /api/v1/uploads/{fileId}/initiate', () => {
  // As stock @uppy/aws-s3 sends its create request: a POST with the file's type, no header of ours.
  const initiate = (fileId: string, ticket: string | undefined) =>
    t.app.request(
      `/api/v1/uploads/${fileId}/initiate${ticket === undefined ? '' : `?ticket=${encodeURIComponent(ticket)}`}`,
      { method: 'POST', headers: { 'content-type': 'video/mp4' } },
    )

  it("answers S3's InitiateMultipartUploadResult for the upload the server created, and creates nothing", async () => {
    const { fileId, ticket, uploadId, key } = (await create()).body.data
    for (let i = 0; i < 2; i++) {
      const res = await initiate(fileId, ticket)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/xml')
      const body = await res.text()
      expect(body).toContain(`<UploadId>${uploadId}</UploadId>`)
      expect(body).toContain(`<Key>${key}</Key>`)
      expect(body).toMatch(
        /^<\?xml[^>]*>\n<InitiateMultipartUploadResult xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/">/,
      )
    }
    // Asked twice, still the one upload the create route made.
    expect(await readdir(join(t.dataDir, 'multipart'))).toEqual([uploadId])
  })

  it("echoes only a ticket this server sealed, unexpired, and only for that ticket's file", async () => {
    const { fileId, ticket } = (await create()).body.data
    const second = (await create()).body.data
    // A ticket says what it says in the clear: one with another upload id, sealed by nobody.
    const [payload] = ticket.slice('dg_mp_'.length).split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const rewritten = `dg_mp_${Buffer.from(JSON.stringify({ ...claims, uploadId: 'other' })).toString('base64url')}.${ticket.split('.')[1]}`
    const expired = issueTicket(t.config.tokenSecret, { ...claims, exp: Math.floor(Date.now() / 1000) - 1 })
    const refusals = [
      await initiate(fileId, expired),
      await initiate(second.fileId, ticket),
      await initiate(fileId, undefined),
      await initiate(fileId, `${ticket.slice(0, -3)}abc`),
      await initiate(fileId, rewritten),
    ]
    for (const res of refusals)
      expect(await res.json()).toEqual({
        code: 403,
        msg: 'This upload ticket is not valid for this caller and file',
      })
  })
})

describe('a large-file upload after the server restarts without DROPGATE_TOKEN_SECRET', () => {
  const RESTARTED =
    'This upload was started by a server that has restarted or uses another DROPGATE_TOKEN_SECRET; start the upload again'
  let dataDir: string
  let before: Awaited<ReturnType<typeof makeApp>>
  let after: Awaited<ReturnType<typeof makeApp>>
  beforeEach(async () => {
    // Two apps on one data folder, each with its own random token secret: a server and its restart.
    dataDir = await mkdtemp(join(tmpdir(), 'dropgate-restart-'))
    before = await makeApp({ DROPGATE_DATA_DIR: dataDir, DROPGATE_PART_SIZE_MB: '5' })
    after = await makeApp({ DROPGATE_DATA_DIR: dataDir, DROPGATE_PART_SIZE_MB: '5' })
    expect(after.config.ephemeralTokenSecret).toBe(true)
  })
  afterEach(async () => {
    await Promise.all([before.close(), after.close()])
    await rm(dataDir, { recursive: true, force: true })
  })

  /** Starts an upload on `before` and opens it in the store: what a browser had done by the restart. */
  async function started() {
    const res = await before.app.request('/api/v1/uploads', jsonRequest({ ...video, fileSize: 6 * MiB }))
    const data = (await res.json()).data
    return { fileId: data.fileId as string, ticket: data.ticket as string, uploadId: data.uploadId as string }
  }
  const signAfter = (fileId: string, body: Record<string, unknown>, key = KEY) =>
    after.app.request(`/api/v1/uploads/${fileId}/sign`, jsonRequest(body, key))

  it('says so for every step but abort', async () => {
    const { fileId, ticket, uploadId } = await started()
    for (const body of [
      { ticket, uploadId, step: 'parts', partNumbers: [1] },
      { ticket, uploadId, step: 'list' },
      { ticket, uploadId, step: 'complete' },
    ]) {
      const res = await signAfter(fileId, body)
      expect(res.status, body.step).toBe(403)
      expect(await res.json()).toEqual({ code: 403, msg: RESTARTED })
    }
  })

  it('says so for the initiate URL of a stock S3 client too', async () => {
    const { fileId, ticket } = await started()
    const res = await after.app.request(
      `/api/v1/uploads/${fileId}/initiate?ticket=${encodeURIComponent(ticket)}`,
      { method: 'POST' },
    )
    expect(await res.json()).toEqual({ code: 403, msg: RESTARTED })
  })

  it('still refuses a garbled ticket for parts', async () => {
    const { fileId, ticket, uploadId } = await started()
    const tampered = `${ticket.slice(0, 10)}${ticket[10] === 'x' ? 'y' : 'x'}${ticket.slice(11)}`
    const refusedBefore = await before.app.request(
      `/api/v1/uploads/${fileId}/sign`,
      jsonRequest({ ticket: tampered, uploadId, step: 'parts', partNumbers: [1] }),
    )
    expect(refusedBefore.status).toBe(403)
    const malformed = await signAfter(fileId, {
      ticket: 'dg_mp_garbage',
      uploadId,
      step: 'parts',
      partNumbers: [1],
    })
    expect(await malformed.json()).toEqual({
      code: 403,
      msg: 'This upload ticket is not valid for this caller and file',
    })
  })

  it("signs abort for the caller's own upload, which the store then removes", async () => {
    const { fileId, ticket, uploadId } = await started()
    const res = await signAfter(fileId, { ticket, uploadId, step: 'abort' })
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data.method).toBe('DELETE')
    const url = new URL(data.url)
    expect(url.pathname).toBe(`/store/uploads/${before.config.apiKeys[0]?.owner}/${fileId}`)
    expect(url.searchParams.get('uploadId')).toBe(uploadId)
    expect(await readdir(join(dataDir, 'multipart'))).toHaveLength(1)
    expect((await after.app.request(data.url, { method: 'DELETE' })).status).toBe(204)
    expect(await readdir(join(dataDir, 'multipart'))).toEqual([])
  })

  it("signs another caller's abort only under that caller's own prefix, where it finds nothing", async () => {
    const { fileId, ticket, uploadId } = await started()
    const res = await signAfter(fileId, { ticket, uploadId, step: 'abort' }, OTHER_KEY)
    const { data } = await res.json()
    expect(new URL(data.url).pathname).toBe(`/store/uploads/${after.config.apiKeys[1]?.owner}/${fileId}`)
    expect((await after.app.request(data.url, { method: 'DELETE' })).status).toBe(404)
    expect(await readdir(join(dataDir, 'multipart'))).toHaveLength(1)
    const badId = await signAfter('not-a-file-id', { ticket, uploadId, step: 'abort' })
    expect(await badId.json()).toEqual({ code: 404, msg: 'File not found' })
  })
})
