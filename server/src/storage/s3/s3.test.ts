import { AwsV4Signer } from 'aws4fetch'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import {
  deleteAll,
  openMultipartUploads,
  recordingClient,
  swiftStorage,
  uniqueOwner,
} from '../../../test/swift.js'
import type { S3Settings } from '../../config.js'
import { newFileId, objectKey } from '../../core/keys.js'
import { createByteBudget } from '../byte-budget.js'
import { encodeKey } from '../encode-key.js'
import type { BodyLengthHint } from '../storage.js'
import { createS3Storage } from './s3.js'
import type { S3Request } from './s3-client.js'
import { MAX_STREAMED_PART, streamedPlan, streamingPut } from './s3-multipart-put.js'

const R2: S3Settings = {
  endpoint: 'https://0123456789abcdef.r2.cloudflarestorage.com',
  bucket: 'my-bucket',
  region: 'auto',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}
const MiB = 1024 * 1024

describe('presignPut', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  const cases = [
    { name: 'R2, with Content-Length', settings: R2, key: 'uploads/key-ab12/m1abc-xyz.png', length: 12_345 },
    {
      name: 'R2, without Content-Length',
      settings: R2,
      key: 'uploads/key-ab12/m1abc-xyz.png',
      length: undefined,
    },
    {
      name: 'MinIO behind a path prefix, us-east-1, a key needing encoding',
      settings: { ...R2, endpoint: 'http://minio.local:9000/s3', region: 'us-east-1', bucket: 'b' },
      key: "uploads/o/it's a (test)+日本.png",
      length: 1,
    },
    {
      name: 'Swift s3api credentials with ":"',
      settings: {
        ...R2,
        endpoint: 'http://127.0.0.1:8080',
        accessKeyId: 'test:tester',
        secretAccessKey: 'testing',
      },
      key: 'uploads/o/a.mp4',
      length: 100 * MiB,
    },
  ]
  for (const c of cases) {
    it(`is byte-identical to aws4fetch's presigned URL: ${c.name}`, async () => {
      const now = new Date('2025-06-07T08:09:10.456Z')
      vi.useFakeTimers({ toFake: ['Date'], now })
      const storage = createS3Storage(c.settings, 'https://files.example.com')
      const ours = await storage.presignPut({
        key: c.key,
        contentType: 'image/png',
        contentLength: c.length,
        expiresIn: 600,
      })

      const url = new URL(`${c.settings.endpoint}/${c.settings.bucket}/${encodeKey(c.key)}`)
      url.searchParams.set('X-Amz-Expires', '600')
      const headers: Record<string, string> = { 'content-type': 'image/png' }
      if (c.length !== undefined) headers['content-length'] = String(c.length)
      const theirs = await new AwsV4Signer({
        url: url.toString(),
        method: 'PUT',
        headers,
        accessKeyId: c.settings.accessKeyId,
        secretAccessKey: c.settings.secretAccessKey,
        service: 's3',
        region: c.settings.region,
        signQuery: true,
        allHeaders: true,
        datetime: '20250607T080910Z',
      }).sign()

      expect(ours.url).toBe(theirs.url.toString())
      expect(ours.headers).toEqual({ 'Content-Type': 'image/png' })
      const signed = new URL(ours.url).searchParams.get('X-Amz-SignedHeaders')
      expect(signed).toBe(c.length === undefined ? 'content-type;host' : 'content-length;content-type;host')
    })
  }

  it('needs no network (a store that is down does not slow it)', async () => {
    const storage = createS3Storage({ ...R2, endpoint: 'http://127.0.0.1:1' }, 'http://127.0.0.1:1/files')
    const started = performance.now()
    for (let i = 0; i < 1000; i++)
      await storage.presignPut({
        key: `uploads/o/${i}.png`,
        contentType: 'image/png',
        contentLength: i + 1,
        expiresIn: 60,
      })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('publicUrl is the public base URL and the encoded key', () => {
    const storage = createS3Storage(R2, 'https://cdn.example.com/media/')
    expect(storage.publicUrl('uploads/o/a b.png')).toBe('https://cdn.example.com/media/uploads/o/a%20b.png')
  })
})

describe('options', () => {
  it('fail fast with a TypeError naming the option', () => {
    expect(() => createS3Storage({ ...R2, bucket: '' }, 'https://x.example')).toThrow(/settings.bucket/)
    expect(() => createS3Storage({ ...R2, endpoint: 'ftp://x' }, 'https://x.example')).toThrow(
      /endpoint must be http/,
    )
    expect(() => createS3Storage(R2, 'not a url')).toThrow(/publicBaseUrl/)
    // S3 UploadPart: parts but the last are at least 5 MiB.
    expect(() => createS3Storage(R2, 'https://x.example', { partSize: 4 * MiB })).toThrow(/partSize/)
    expect(() => createS3Storage(R2, 'https://x.example', { listPageSize: 1001 })).toThrow(/listPageSize/)
    expect(() => createS3Storage(R2, 'https://x.example', { timeoutMs: 0 })).toThrow(/timeoutMs/)
  })
})

describe('multipart streaming on Swift', () => {
  const owner = uniqueOwner('mp')
  afterAll(async () => {
    await deleteAll(swiftStorage(), `uploads/${owner}/`)
  })
  const newKey = () => objectKey(owner, newFileId('bin'))

  /** streamingPut with a client that records each request's shape on its way to the real store. */
  async function recordedPut(sizes: number[], partsInFlight = 1, lengthHint?: BodyLengthHint) {
    const storage = swiftStorage()
    const { client, calls } = recordingClient(storage)
    const key = newKey()
    async function* body() {
      for (const size of sizes) yield Buffer.alloc(size, 1)
    }
    const result = await streamingPut(client, {
      key,
      body: body(),
      headers: { 'content-type': 'video/mp4' },
      partSize: 5 * MiB,
      partsInFlight,
      budget: createByteBudget(64 * MiB),
      ...(lengthHint && { lengthHint }),
    })
    return { calls, result, info: await storage.head(key) }
  }

  it('a body of exactly one part is one PutObject', async () => {
    const { calls, result } = await recordedPut([2 * MiB, 3 * MiB])
    expect(calls).toEqual([`PUT (${5 * MiB})`])
    expect(result.size).toBe(5 * MiB)
  })

  it('a body ending on a part boundary makes no empty last part', async () => {
    const { calls, info } = await recordedPut([4 * MiB, 6 * MiB])
    expect(calls).toEqual(['create', `part 1 (${5 * MiB})`, `part 2 (${5 * MiB})`, 'complete'])
    expect(info?.size).toBe(10 * MiB)
  })

  it('a chunk larger than a part is split across parts without loss', async () => {
    const { calls, info } = await recordedPut([12 * MiB + 7, 1])
    expect(calls).toEqual([
      'create',
      `part 1 (${5 * MiB})`,
      `part 2 (${5 * MiB})`,
      `part 3 (${2 * MiB + 8})`,
      'complete',
    ])
    expect(info?.size).toBe(12 * MiB + 8)
  })

  it('with several parts in flight, the object is still whole and in order', async () => {
    const sizes = [1, 2, 3, 4, 5, 6].map((n) => n * MiB + n) // 21 MiB + 21 in six uneven chunks
    const { calls, info } = await recordedPut(sizes, 3)
    expect(calls.filter((call) => call.startsWith('part')).length).toBe(5)
    expect(info?.size).toBe(21 * MiB + 21)
    const storage = swiftStorage()
    // Byte 5 MiB - 1 ends part 1 and byte 5 MiB starts part 2: both in the second chunk (value 1).
    expect([...((await storage.readRange(info?.key as string, 5 * MiB - 1, 5 * MiB)) as Uint8Array)]).toEqual(
      [1, 1],
    )
  })

  it('a body failing mid-upload aborts the multipart upload that was open', async () => {
    const storage = swiftStorage({ partSize: 5 * MiB })
    const key = newKey()
    let openWhileStreaming: string[] = []
    async function* body() {
      yield Buffer.alloc(6 * MiB, 2) // part 1 goes up, the upload is open
      // Part 1 is up once the store lists the upload as open (the driver reads ahead meanwhile).
      openWhileStreaming = await vi.waitFor(
        async () => {
          const open = await openMultipartUploads(storage, key)
          if (open.length === 0) throw new Error('no multipart upload open yet')
          return open
        },
        { timeout: 10_000, interval: 20 },
      )
      throw new Error('client went away')
    }
    await expect(storage.put(key, body(), { contentType: 'video/mp4' })).rejects.toThrow('client went away')
    expect(openWhileStreaming).toEqual([key])
    expect(await openMultipartUploads(storage, key)).toEqual([])
    expect(await storage.head(key)).toBeNull()
  })
  /** A hint that knows the body's length up front, less `margin` (what a form may have after the file). */
  function hintFor(total: number, margin: number, yielded: () => number) {
    return {
      atLeastRemaining: () => Math.max(0, total - yielded() - margin),
      shortfall: () => new Error('body shorter than promised'),
    }
  }

  it('with a length hint, the certain bytes go up as one streamed part, then the short tail read whole', async () => {
    const sizes = [3 * MiB, 4 * MiB, 5 * MiB + 3] // 12 MiB + 3, the hint keeps 1 MiB in reserve
    let yielded = 0
    const total = sizes.reduce((a, b) => a + b)
    const storage = swiftStorage()
    const calls: string[] = []
    const client = {
      ...storage.client,
      send(request: S3Request) {
        if (request.query?.partNumber)
          calls.push(
            `part ${request.query.partNumber} (${request.stream?.length}, ${Array.isArray(request.stream?.chunks) ? 'held' : 'streamed'})`,
          )
        return storage.client.send(request)
      },
    }
    const key = newKey()
    async function* body() {
      for (const size of sizes) {
        yielded += size
        yield Buffer.alloc(size, 7)
      }
    }
    const result = await streamingPut(client, {
      key,
      body: body(),
      headers: { 'content-type': 'video/mp4' },
      partSize: 5 * MiB,
      partsInFlight: 1,
      budget: createByteBudget(64 * MiB),
      lengthHint: hintFor(total, MiB, () => yielded),
    })
    expect(calls).toEqual([`part 1 (${11 * MiB + 3}, streamed)`, `part 2 (${MiB}, held)`])
    expect(result.size).toBe(total)
    const info = await storage.head(key)
    expect(info?.size).toBe(total)
    expect([...((await storage.readRange(key, 11 * MiB + 2, 11 * MiB + 3)) as Uint8Array)]).toEqual([7, 7])
  })

  it("a body ending before its hint promised fails with the hint's error and leaves nothing", async () => {
    const storage = swiftStorage()
    const key = newKey()
    async function* body() {
      yield Buffer.alloc(6 * MiB, 1) // the hint promised 10 MiB
    }
    await expect(
      storage.put(key, body(), {
        contentType: 'video/mp4',
        lengthHint: { atLeastRemaining: () => 10 * MiB, shortfall: () => new Error('parts after the file') },
      }),
    ).rejects.toThrow('parts after the file')
    expect(await openMultipartUploads(storage, key)).toEqual([])
    expect(await storage.head(key)).toBeNull()
  })

  it('plans parts of at most MAX_STREAMED_PART within the certain bytes, of one size', () => {
    const shortfall = () => new Error('short')
    const plan = (certain: number) => {
      const planned = streamedPlan(certain, 8 * MiB, shortfall)
      return planned && { count: planned.streamed?.count, partSize: planned.partSize }
    }
    expect(plan(4 * MiB)).toBeNull()
    expect(plan(8 * MiB)).toEqual({ count: 1, partSize: 8 * MiB })
    expect(plan(100 * MiB)).toEqual({ count: 1, partSize: 100 * MiB })
    expect(plan(3 * MAX_STREAMED_PART)).toEqual({ count: 3, partSize: MAX_STREAMED_PART })
    expect(streamedPlan(8 * MiB, 8 * MiB, shortfall)?.streamed?.shortfall).toBe(shortfall)
    const big = plan(10 * 1024 * MiB + 5)
    expect(big?.count).toBe(11) // 10 GiB + 5 bytes in parts of at most 1 GiB
    expect((big?.partSize as number) * (big?.count as number)).toBeLessThanOrEqual(10 * 1024 * MiB + 5)
    expect(big?.partSize).toBeLessThanOrEqual(MAX_STREAMED_PART)
  })
})
