import { createHash, randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mp4 } from '../media.js'
import {
  type Api,
  abortUpload,
  completeUpload,
  createUpload,
  listParts,
  putParts,
  range,
  signStep,
} from '../s3-multipart-client.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv } from '../swift.js'

/**
 * Large files through S3 multipart, over real HTTP as a browser sends them: the signer signs each
 * step, the client speaks S3 to the presigned URLs. The same tests on the embedded store and on
 * Swift's S3 API, which enforces SigV4, part lengths and the multipart rules itself.
 */
const KEY = 'multipart-key'
const MiB = 1024 * 1024
const stores = [
  ['embedded store', () => ({})],
  ['S3 (Swift)', () => ({ DROPGATE_STORAGE: 's3', ...swiftEnv() })],
] as const

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
function video(size: number): Buffer {
  const file = randomBytes(size)
  mp4(0).copy(file, 0)
  return file
}
const meta = (file: Buffer) => ({ filename: 'clip.mp4', contentType: 'video/mp4', fileSize: file.length })

describe.each(stores)('multipart uploads on the %s', (store, storeEnv) => {
  let server: RunningServer
  let api: Api
  beforeAll(async () => {
    server = await startServer({
      DROPGATE_API_KEYS: KEY,
      DROPGATE_MAX_VIDEO_BYTES: String(200 * MiB),
      // 8 MiB parts: a 120 MiB file in 16 of them, enough to send four at a time, interrupt and resume.
      DROPGATE_PART_SIZE_MB: '8',
      ...storeEnv(),
    })
    api = { base: server.url, headers: { authorization: `Bearer ${KEY}` } }
  }, 30_000)
  afterAll(() => server?.stop())
  /** The embedded store keeps unfinished uploads in a folder: it must be empty when none is left. */
  const noUnfinishedUploads = async () => {
    if (store === 'embedded store') expect(await readdir(join(server.dataDir, 'multipart'))).toEqual([])
  }
  const confirm = (fileId: string) =>
    fetch(`${api.base}/api/v1/files/${fileId}/complete`, { method: 'POST', headers: api.headers })

  it('a 120 MiB file in parts, four at a time, serves the same sha256', async () => {
    const file = video(120 * MiB + 4321)
    const upload = await createUpload(api, meta(file))
    expect(upload.partSize).toBe(8 * MiB)
    expect(upload.partCount).toBe(16)
    const etags = await putParts(api, upload, file, range(1, upload.partCount), 4)
    const parts = range(1, upload.partCount).map((partNumber) => ({
      partNumber,
      etag: etags.get(partNumber) as string,
    }))
    const done = await completeUpload(api, upload, parts)
    expect(done.status, done.xml).toBe(200)
    // @uppy/aws-s3 needs Location and Key in this answer, as S3 gives them.
    expect(done.xml).toMatch(/<Location>[^<]+<\/Location>/)
    expect(done.xml).toMatch(/<Key>[^<]+<\/Key>/)
    const confirmed = await confirm(upload.fileId)
    expect(confirmed.status).toBe(200)
    expect((await confirmed.json()).data.size_bytes).toBe(file.length)
    const served = await fetch(upload.publicUrl)
    expect(served.headers.get('content-type')).toBe('video/mp4')
    expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(file))
    await noUnfinishedUploads()
  }, 120_000)

  it('an interrupted upload resumes from list-parts without re-sending finished parts', async () => {
    const file = video(30 * MiB)
    const upload = await createUpload(api, meta(file))
    const first = await putParts(api, upload, file, [1, 2], 2)
    // The page reloads: all it has is the upload id and ticket. ListParts tells what arrived.
    const listed = await listParts(api, upload)
    expect(listed.status).toBe(200)
    expect(listed.parts.map((p) => p.partNumber)).toEqual([1, 2])
    expect(listed.parts.map((p) => p.etag)).toEqual([first.get(1), first.get(2)])
    const missing = range(1, upload.partCount).filter((n) => !listed.parts.some((p) => p.partNumber === n))
    expect(missing).toEqual([3, 4])
    const rest = await putParts(api, upload, file, missing, 2)
    const parts = [...listed.parts, ...[...rest].map(([partNumber, etag]) => ({ partNumber, etag }))].sort(
      (a, b) => a.partNumber - b.partNumber,
    )
    expect((await completeUpload(api, upload, parts)).status).toBe(200)
    expect((await confirm(upload.fileId)).status).toBe(200)
    expect(sha(new Uint8Array(await (await fetch(upload.publicUrl)).arrayBuffer()))).toBe(sha(file))
  }, 60_000)

  it('ListParts pages from a marker the signer signs, as S3 does', async () => {
    const file = video(30 * MiB)
    const upload = await createUpload(api, meta(file))
    await putParts(api, upload, file, [1, 2, 4], 3)
    const all = await listParts(api, upload)
    expect(all.parts.map((p) => p.partNumber)).toEqual([1, 2, 4])
    expect(all.truncated).toBe(false)
    const after = await listParts(api, upload, 1)
    expect(after.status, after.xml).toBe(200)
    expect(after.parts.map((p) => p.partNumber)).toEqual([2, 4])
    expect(after.parts.map((p) => p.size)).toEqual([8 * MiB, 6 * MiB])
    expect((await listParts(api, upload, 4)).parts).toEqual([])
    // The marker is part of the signature: a URL whose marker is changed is refused by the store.
    const signed = await signStep(api, upload, 'list', undefined, 1)
    const forged = (signed.data.url as string).replace('part-number-marker=1', 'part-number-marker=2')
    expect(forged).not.toBe(signed.data.url)
    expect((await fetch(forged)).status).toBe(403)
    expect((await abortUpload(api, upload)).status).toBe(204)
    await noUnfinishedUploads()
  }, 60_000)

  it('abort leaves no object and no unfinished upload', async () => {
    const file = video(20 * MiB)
    const upload = await createUpload(api, meta(file))
    await putParts(api, upload, file, [1, 2])
    expect((await abortUpload(api, upload)).status).toBe(204)
    expect((await listParts(api, upload)).status).toBe(404)
    expect((await fetch(upload.publicUrl)).status).toBe(404)
    expect((await confirm(upload.fileId)).status).toBe(404)
    await noUnfinishedUploads()
  })

  it('the store refuses a part of another length than the one signed', async () => {
    const file = video(20 * MiB)
    const upload = await createUpload(api, meta(file))
    const signed = await signStep(api, upload, 'parts', [1])
    const url = signed.data.parts?.[0]?.url as string
    const short = await fetch(url, {
      method: 'PUT',
      body: new Uint8Array(file.subarray(0, upload.partSize - 1)),
    })
    expect(short.status).toBe(403)
    expect(await short.text()).toContain('SignatureDoesNotMatch')
    expect((await listParts(api, upload)).parts).toEqual([])
    const long = await fetch(url, {
      method: 'PUT',
      body: new Uint8Array(file.subarray(0, upload.partSize + 1)),
    })
    expect(long.status).toBe(403)
    await abortUpload(api, upload)
  })

  it('the store refuses parts out of order and unknown ETags', async () => {
    const file = video(20 * MiB)
    const upload = await createUpload(api, meta(file))
    const etags = await putParts(api, upload, file, [1, 2, 3])
    const e = (n: number) => etags.get(n) as string
    const reversed = await completeUpload(api, upload, [
      { partNumber: 2, etag: e(2) },
      { partNumber: 1, etag: e(1) },
    ])
    expect(reversed.xml).toContain('InvalidPartOrder')
    const wrong = await completeUpload(api, upload, [
      { partNumber: 1, etag: '"00000000000000000000000000000000"' },
    ])
    expect(wrong.xml).toContain('InvalidPart')
    await abortUpload(api, upload)
  })
})
