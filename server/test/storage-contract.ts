import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { newFileId, objectKey } from '../src/core/keys.js'
import { errors } from '../src/errors.js'
import type { ObjectInfo, Storage } from '../src/storage/storage.js'
import { png } from './media.js'

/**
 * The behaviour every Storage driver owes the routes, run against each driver on a real store over
 * real HTTP: upload URLs are PUT to with fetch exactly as a client would, and refusals are the
 * store's own (the local store's /store route, or S3's signature checks), not ours.
 */
export interface ContractSubject {
  storage: Storage
  /** Every key of the run lives under `uploads/<owner>/`; unique per run. */
  owner: string
  /** Multipart uploads still open under a prefix, for drivers that make them. */
  openMultipartUploads?: (prefix: string) => Promise<string[]>
  close(): Promise<void>
}

const MiB = 1024 * 1024
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A deterministic body of `size` bytes in odd-sized chunks (so part boundaries fall mid-chunk). */
function patterned(size: number, chunkSize = MiB - 3) {
  const hash = createHash('sha256')
  let digest = ''
  async function* body(): AsyncIterable<Uint8Array> {
    for (let sent = 0; sent < size; ) {
      const chunk = Buffer.alloc(Math.min(chunkSize, size - sent))
      for (let j = 0; j < chunk.length; j++) chunk[j] = (sent + j) % 251
      sent += chunk.length
      hash.update(chunk)
      yield chunk
    }
    digest = hash.digest('hex')
  }
  const byteAt = (offset: number) => offset % 251
  return { body: body(), byteAt, digest: () => digest }
}

/** A body that yields `bytes` and then fails as the route's size limit does. */
async function* failingAfter(bytes: number): AsyncIterable<Uint8Array> {
  const chunk = Buffer.alloc(256 * 1024, 0x61)
  for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk
  throw errors.tooLarge(bytes)
}

export function describeStorageContract(name: string, setup: () => Promise<ContractSubject>) {
  describe(`storage contract: ${name}`, () => {
    let subject: ContractSubject
    let storage: Storage
    beforeAll(async () => {
      subject = await setup()
      storage = subject.storage
    }, 60_000)
    afterAll(async () => {
      if (!subject) return
      const keys: string[] = []
      for await (const info of storage.list(`uploads/${subject.owner}`)) keys.push(info.key)
      await Promise.all(keys.map((key) => storage.delete(key)))
      await subject.close()
    }, 60_000)

    const newKey = (ext = 'png', owner = subject.owner) => objectKey(owner, newFileId(ext))

    async function presignedPut(
      key: string,
      bytes: Uint8Array,
      options: { signedLength?: number; contentType?: string; expiresIn?: number } = {},
    ) {
      const presigned = await storage.presignPut({
        key,
        contentType: 'image/png',
        contentLength: 'signedLength' in options ? options.signedLength : bytes.length,
        expiresIn: options.expiresIn ?? 60,
      })
      return {
        presigned,
        put: (init: { url?: string; contentType?: string; body?: Uint8Array } = {}) =>
          fetch(init.url ?? presigned.url, {
            method: 'PUT',
            headers: {
              ...presigned.headers,
              ...(init.contentType ? { 'Content-Type': init.contentType } : {}),
            },
            body: new Uint8Array(init.body ?? bytes),
          }),
      }
    }

    async function expectNothingAt(key: string) {
      expect(await storage.head(key)).toBeNull()
      expect(await storage.readRange(key, 0, 15)).toBeNull()
      const served = await fetch(storage.publicUrl(key))
      await served.arrayBuffer()
      expect(served.status).toBe(404)
    }

    it('a presigned PUT over HTTP stores the bytes; head, readRange and publicUrl see them', async () => {
      const key = newKey()
      const bytes = png(32, 32, 3)
      const { presigned, put } = await presignedPut(key, bytes)
      expect(presigned.method).toBe('PUT')
      expect(presigned.headers).toEqual({ 'Content-Type': 'image/png' })
      const before = Date.now()
      const res = await put()
      expect(res.status).toBe(200)
      expect(res.headers.get('etag')).toMatch(/^"?[0-9a-f]{32}"?$/)

      const info = (await storage.head(key)) as ObjectInfo
      expect(info).toMatchObject({ key, size: bytes.length, contentType: 'image/png' })
      // Last-Modified has whole seconds.
      expect(Math.abs(info.lastModified.getTime() - before)).toBeLessThan(5000)
      expect(Buffer.from((await storage.readRange(key, 0, 7)) as Uint8Array)).toEqual(bytes.subarray(0, 8))

      const served = await fetch(storage.publicUrl(key))
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toBe('image/png')
      expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
    })

    it('publicUrl serves byte ranges (video seeking)', async () => {
      const key = newKey()
      const bytes = png(16, 16, 9)
      expect((await (await presignedPut(key, bytes)).put()).status).toBe(200)
      const res = await fetch(storage.publicUrl(key), { headers: { range: 'bytes=8-15' } })
      expect(res.status).toBe(206)
      expect(res.headers.get('content-range')).toBe(`bytes 8-15/${bytes.length}`)
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(8, 16))
    })

    it('without a signed length, a body of any length is taken', async () => {
      const key = newKey()
      const bytes = png(8, 8, 2)
      const { put } = await presignedPut(key, bytes, { signedLength: undefined })
      expect((await put()).status).toBe(200)
      expect((await storage.head(key))?.size).toBe(bytes.length)
    })

    describe('the store refuses a PUT', () => {
      it('with another Content-Type than the signed one', async () => {
        const key = newKey()
        const res = await (await presignedPut(key, png())).put({ contentType: 'text/html' })
        expect(res.status).toBe(403)
        await expectNothingAt(key)
      })

      it('with another length than the signed one (longer and shorter)', async () => {
        const key = newKey()
        const bytes = png(8, 8, 4)
        const { put } = await presignedPut(key, bytes)
        expect((await put({ body: Buffer.concat([bytes, Buffer.alloc(10)]) })).status).toBe(403)
        expect((await put({ body: bytes.subarray(0, bytes.length - 1) })).status).toBe(403)
        await expectNothingAt(key)
      })

      it('after the URL expired', async () => {
        const key = newKey()
        // Signed 2.1 s ago by this process's clock (only Date is faked), checked by the store's real
        // one: X-Amz-Date has whole seconds, so 1 s of validity has certainly ended.
        vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 2100 })
        const signed = await presignedPut(key, png(), { expiresIn: 1 }).finally(() => vi.useRealTimers())
        expect((await signed.put()).status).toBe(403)
        await expectNothingAt(key)
      })

      it('with a tampered signature, or a URL for another key', async () => {
        const key = newKey()
        const { presigned, put } = await presignedPut(key, png())
        const url = new URL(presigned.url)
        const signature = url.searchParams.get('X-Amz-Signature') as string
        url.searchParams.set(
          'X-Amz-Signature',
          `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
        )
        expect((await put({ url: url.toString() })).status).toBe(403)
        const otherKey = newKey()
        const moved = presigned.url.replace(
          key.split('/').pop() as string,
          otherKey.split('/').pop() as string,
        )
        expect((await put({ url: moved })).status).toBe(403)
        await expectNothingAt(key)
        await expectNothingAt(otherKey)
      })
    })

    it('head and readRange of a missing object are null; delete of one is fine', async () => {
      const key = newKey()
      expect(await storage.head(key)).toBeNull()
      expect(await storage.readRange(key, 0, 99)).toBeNull()
      await storage.delete(key)
    })

    it('readRange past the end gives what there is', async () => {
      const key = newKey('bin')
      await storage.put(
        key,
        (async function* () {
          yield Buffer.from('0123456789')
        })(),
        {
          contentType: 'application/octet-stream',
        },
      )
      expect(Buffer.from((await storage.readRange(key, 4, 99)) as Uint8Array).toString()).toBe('456789')
      expect((await storage.readRange(key, 10, 20))?.length).toBe(0)
    })

    it('delete removes the object from head, readRange and publicUrl', async () => {
      const key = newKey()
      expect((await (await presignedPut(key, png())).put()).status).toBe(200)
      expect(await storage.head(key)).not.toBeNull()
      await storage.delete(key)
      await expectNothingAt(key)
    })

    it('list(prefix) yields the objects under the prefix, and only those', async () => {
      // Owners of their own (the other tests write under subject.owner); the cleanup prefix covers them.
      const owner = `${subject.owner}l`
      const otherOwner = `${subject.owner}lx`
      const mine = [newKey('png', owner), newKey('gif', owner), newKey('wav', owner)]
      const theirs = newKey('png', otherOwner)
      const sizes = new Map<string, number>()
      for (const [i, key] of [...mine, theirs].entries()) {
        const body = Buffer.alloc(100 + i, i)
        sizes.set(key, body.length)
        await storage.put(
          key,
          (async function* () {
            yield body
          })(),
          { contentType: `image/x-test-${i}` },
        )
      }
      const listed: ObjectInfo[] = []
      for await (const info of storage.list(`uploads/${owner}/`)) listed.push(info)
      expect(listed.map((info) => info.key).sort()).toEqual([...mine].sort())
      for (const info of listed) {
        expect(info.size).toBe(sizes.get(info.key))
        expect(info.contentType).toBe(`image/x-test-${mine.indexOf(info.key)}`)
      }
      const other: string[] = []
      for await (const info of storage.list(`uploads/${otherOwner}/`)) other.push(info.key)
      expect(other).toEqual([theirs])
      await storage.delete(theirs)
    })

    describe('put streams a body into the store', () => {
      it('a small body, with its type and a non-ASCII filename', async () => {
        const key = newKey('png')
        const bytes = png(20, 20, 6)
        const filename = 'Résumé — 日本の写真 "1".png'
        const result = await storage.put(
          key,
          (async function* () {
            yield bytes
          })(),
          {
            contentType: 'image/png',
            metadata: { filename },
          },
        )
        expect(result).toEqual({ size: bytes.length })
        expect(await storage.head(key)).toMatchObject({
          size: bytes.length,
          contentType: 'image/png',
          metadata: { filename },
        })
        const served = await fetch(storage.publicUrl(key))
        expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(sha(bytes))
      })

      it('a body of several parts, byte for byte', async () => {
        const key = newKey('mp4')
        const size = 11 * MiB + 12_345
        const source = patterned(size)
        expect(
          await storage.put(key, source.body, {
            contentType: 'video/mp4',
            metadata: { filename: 'big.mp4' },
          }),
        ).toEqual({ size })
        expect(await storage.head(key)).toMatchObject({
          size,
          contentType: 'video/mp4',
          metadata: { filename: 'big.mp4' },
        })
        // Across the 5 MiB and 8 MiB part boundaries.
        for (const at of [5 * MiB, 8 * MiB]) {
          const range = (await storage.readRange(key, at - 2, at + 1)) as Uint8Array
          expect([...range]).toEqual([at - 2, at - 1, at, at + 1].map(source.byteAt))
        }
        const served = await fetch(storage.publicUrl(key))
        expect(sha(new Uint8Array(await served.arrayBuffer()))).toBe(source.digest())
      })

      it('an empty body', async () => {
        const key = newKey('bin')
        expect(
          await storage.put(key, (async function* () {})(), { contentType: 'application/octet-stream' }),
        ).toEqual({ size: 0 })
        expect((await storage.head(key))?.size).toBe(0)
      })

      for (const failAt of [1 * MiB, 11 * MiB]) {
        it(`a body that fails after ${failAt / MiB} MiB (the size limit): the error comes through, nothing stays`, async () => {
          const key = newKey('mp4')
          const error = await storage
            .put(key, failingAfter(failAt), { contentType: 'video/mp4' })
            .catch((e: unknown) => e)
          expect(error).toMatchObject({ code: 'file_too_large', status: 400 })
          expect(await storage.head(key)).toBeNull()
          if (subject.openMultipartUploads) expect(await subject.openMultipartUploads(key)).toEqual([])
        })
      }
    })
  })
}
