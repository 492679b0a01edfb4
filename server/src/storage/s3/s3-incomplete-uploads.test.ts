import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settingsFrom, swiftEnv, swiftStorage, uniqueOwner } from '../../../test/swift.js'
import { createS3Storage, type S3Storage } from './s3.js'
import type { S3Client, S3Request } from './s3-client.js'
import {
  abortIncompleteUpload,
  type IncompleteUpload,
  isOlderThan,
  listIncompleteUploads,
  parseUploadsPage,
} from './s3-incomplete-uploads.js'
import { createUpload } from './s3-multipart-steps.js'

/**
 * ListMultipartUploads and AbortMultipartUpload on Swift's S3 API, under a prefix of this file's own
 * in the shared bucket (other files' uploads never show up in it).
 */

let storage: S3Storage
let prefix: string
/** Created in key order, with `b` twice: a page of 2 ends between b's two uploads. */
const created: { key: string; uploadId: string }[] = []
let before: number
beforeAll(async () => {
  storage = swiftStorage()
  prefix = `uploads/${uniqueOwner('sweep')}/`
  before = Date.now()
  for (const name of ['a', 'b', 'b', 'c', 'd']) {
    const key = `${prefix}${name}.mp4`
    created.push({ key, uploadId: await createUpload(storage.client, key, { 'content-type': 'video/mp4' }) })
  }
})
afterAll(async () => {
  for (const upload of created) await abortIncompleteUpload(storage.client, upload).catch(() => {})
})

/** The client, each ListMultipartUploads request's query noted on its way to Swift. */
function listingClient(): { client: S3Client; queries: Record<string, string>[] } {
  const queries: Record<string, string>[] = []
  const client: S3Client = {
    ...storage.client,
    send(request: S3Request) {
      if (request.query && 'uploads' in request.query && request.key === undefined)
        queries.push({ ...request.query })
      return storage.client.send(request)
    },
  }
  return { client, queries }
}

async function all(source: AsyncIterable<IncompleteUpload>): Promise<IncompleteUpload[]> {
  const out: IncompleteUpload[] = []
  for await (const upload of source) out.push(upload)
  return out
}

const byKeyThenId = (a: { key: string; uploadId: string }, b: { key: string; uploadId: string }) =>
  a.key.localeCompare(b.key) || a.uploadId.localeCompare(b.uploadId)

describe('listIncompleteUploads', () => {
  it('lists every upload under the prefix, with its key, id and when it began', async () => {
    const listed = await all(listIncompleteUploads(storage.client, prefix))
    expect(listed.map(({ key, uploadId }) => ({ key, uploadId })).sort(byKeyThenId)).toEqual(
      [...created].sort(byKeyThenId),
    )
    for (const upload of listed) {
      // Swift's Initiated is the time rounded up to the whole second (s3api's S3Timestamp).
      expect(upload.initiated.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
      expect(upload.initiated.getTime()).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) * 1000)
    }
  })

  it('pages with key-marker and upload-id-marker, and still finds every upload', async () => {
    const { client, queries } = listingClient()
    const listed = await all(listIncompleteUploads(client, prefix, { pageSize: 2 }))
    expect(listed.map(({ key, uploadId }) => ({ key, uploadId })).sort(byKeyThenId)).toEqual(
      [...created].sort(byKeyThenId),
    )
    expect(new Set(listed.map((upload) => upload.uploadId)).size).toBe(5)
    // 2 + 2 + 1: three pages, each after the last upload of the one before.
    expect(queries.map((query) => query['max-uploads'])).toEqual(['2', '2', '2'])
    expect(queries[0]).not.toHaveProperty('key-marker')
    // Each page starts after the last upload of the one before, in the store's own order (Swift orders
    // a key's uploads by the text its base64 upload ids encode, not by the ids themselves).
    // The first page ends between b's two uploads: only the upload id tells where the next begins.
    expect(queries[1]).toMatchObject({
      'key-marker': listed[1]?.key,
      'upload-id-marker': listed[1]?.uploadId,
    })
    expect(listed[1]?.key).toBe(listed[2]?.key)
    expect(queries[2]).toMatchObject({
      'key-marker': listed[3]?.key,
      'upload-id-marker': listed[3]?.uploadId,
    })
  })

  it('finds nothing under a prefix without uploads', async () => {
    expect(await all(listIncompleteUploads(storage.client, `${prefix}none/`))).toEqual([])
  })

  it('refuses a page size S3 does not take', async () => {
    for (const pageSize of [0, 1001, 1.5])
      await expect(all(listIncompleteUploads(storage.client, prefix, { pageSize }))).rejects.toThrow(
        'pageSize must be a whole number in 1..1000',
      )
  })
})

describe('abortIncompleteUpload', () => {
  it('aborts an upload with a part; a second abort finds it gone', async () => {
    const key = `${prefix}with-part.mp4`
    const uploadId = await createUpload(storage.client, key, { 'content-type': 'video/mp4' })
    await storage.client.send({
      method: 'PUT',
      key,
      query: { partNumber: '1', uploadId },
      body: new Uint8Array(1024),
    })
    expect(await abortIncompleteUpload(storage.client, { key, uploadId })).toBe('aborted')
    const left = await all(listIncompleteUploads(storage.client, key))
    expect(left.map((upload) => upload.uploadId)).not.toContain(uploadId)
    expect(await abortIncompleteUpload(storage.client, { key, uploadId })).toBe('gone')
  })

  it('a 404 that is not NoSuchUpload is an error, not "gone"', async () => {
    const env = swiftEnv()
    const elsewhere = createS3Storage(
      { ...settingsFrom(env), bucket: `no-such-bucket-${uniqueOwner('x')}` },
      env.DROPGATE_PUBLIC_BASE_URL as string,
    )
    const [first] = created
    await expect(abortIncompleteUpload(elsewhere.client, first as IncompleteUpload)).rejects.toMatchObject({
      status: 404,
      code: 'NoSuchBucket',
    })
  })
})

describe('parseUploadsPage', () => {
  const page = (inner: string, truncated = 'false') =>
    `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><IsTruncated>${truncated}</IsTruncated>${inner}</ListMultipartUploadsResult>`
  const entry = (key: string, initiated = '2026-01-02T03:04:05.678Z') =>
    `<Upload><Key>${key}</Key><UploadId>id-1</UploadId><Initiator><ID>x</ID></Initiator><Initiated>${initiated}</Initiated></Upload>`

  it('decodes keys and keeps millisecond Initiated times (AWS has them, Swift does not)', () => {
    expect(parseUploadsPage(page(entry('uploads/a&amp;b.mp4')))).toEqual({
      uploads: [
        { key: 'uploads/a&b.mp4', uploadId: 'id-1', initiated: new Date('2026-01-02T03:04:05.678Z') },
      ],
      next: undefined,
    })
  })

  it('hands back both markers of a truncated page, and refuses one without NextKeyMarker', () => {
    expect(
      parseUploadsPage(
        page(
          `<NextKeyMarker>k</NextKeyMarker><NextUploadIdMarker>u</NextUploadIdMarker>${entry('k')}`,
          'true',
        ),
      ).next,
    ).toEqual({ keyMarker: 'k', uploadIdMarker: 'u' })
    expect(() => parseUploadsPage(page(entry('k'), 'true'))).toThrow('without NextKeyMarker')
  })

  it('refuses other documents and entries it cannot date', () => {
    expect(() => parseUploadsPage('<ListBucketResult></ListBucketResult>')).toThrow(
      'expected a ListMultipartUploadsResult',
    )
    expect(() => parseUploadsPage(page(entry('k', 'yesterday')))).toThrow('lacks Key, UploadId or Initiated')
  })
})

describe('isOlderThan', () => {
  it('is strictly older: an upload exactly at the threshold is kept', () => {
    const upload = { key: 'k', uploadId: 'u', initiated: new Date(1_000_000) }
    expect(isOlderThan(upload, 1000, 1_001_001)).toBe(true)
    expect(isOlderThan(upload, 1000, 1_001_000)).toBe(false)
  })
})
