import { afterAll, describe, expect, it } from 'vitest'
import {
  deleteAll,
  openMultipartUploads,
  recordingClient,
  swiftStorage,
  uniqueOwner,
} from '../../../test/swift.js'
import { newFileId, objectKey } from '../../core/keys.js'
import { createByteBudget } from '../byte-budget.js'
import { guessedPut } from './s3-guessed-put.js'
import { streamingPut } from './s3-multipart-put.js'

const MiB = 1024 * 1024

describe('one PUT of a guessed length, on Swift', () => {
  const owner = uniqueOwner('guess')
  afterAll(async () => {
    await deleteAll(swiftStorage(), `uploads/${owner}/`)
  })
  const newKey = () => objectKey(owner, newFileId('bin'))

  const recording = () => {
    const storage = swiftStorage()
    return { storage, ...recordingClient(storage) }
  }

  /** `sizes` chunks of bytes numbered by their place (so a byte out of place shows), then `fail`. */
  async function* numbered(sizes: number[], fail?: Error) {
    let at = 0
    for (const size of sizes) {
      const chunk = Buffer.alloc(size)
      for (let i = 0; i < size; i++) chunk[i] = (at + i) % 251
      at += size
      yield chunk
    }
    if (fail) throw fail
  }
  const byteAt = (offset: number) => offset % 251

  async function lastBytes(storage: ReturnType<typeof swiftStorage>, key: string, size: number) {
    return [...((await storage.readRange(key, size - 3, size)) as Uint8Array)]
  }

  const headers = { 'content-type': 'video/mp4', 'x-amz-meta-filename': 'clip.mp4' }
  const put = (client: ReturnType<typeof recording>['client'], key: string, sizes: number[], guess: number) =>
    guessedPut(client, {
      key,
      body: numbered(sizes),
      headers,
      guess,
      maxShort: 2 * MiB,
      shortfall: () => new Error('parts after the file'),
    })

  it('a body of the guessed length is one PutObject, whole and in order', async () => {
    const { storage, client, calls } = recording()
    const key = newKey()
    const result = await put(client, key, [3 * MiB, 4 * MiB + 1, 2 * MiB], 9 * MiB + 1)
    expect(calls).toEqual([`PUT (${9 * MiB + 1})`])
    expect(result.size).toBe(9 * MiB + 1)
    const info = await storage.head(key)
    expect(info?.size).toBe(9 * MiB + 1)
    expect(info?.contentType).toBe('video/mp4')
    expect(await lastBytes(storage, key, 9 * MiB + 1)).toEqual(
      [-3, -2, -1].map((d) => byteAt(9 * MiB + 1 + d)),
    )
  })

  it('a body ending sooner (fields after the file) is cut to its length within the store, type and name kept', async () => {
    const { storage, client, calls } = recording()
    const key = newKey()
    const actual = 8 * MiB + 5
    const result = await put(client, key, [5 * MiB, 3 * MiB + 5], actual + MiB + 7)
    expect(calls).toEqual([
      `PUT (${actual + MiB + 7})`,
      'create',
      `part 1 (copy bytes=0-${actual - 1})`,
      'complete',
    ])
    expect(result.size).toBe(actual)
    const info = await storage.head(key)
    expect(info?.size).toBe(actual)
    expect(info?.contentType).toBe('video/mp4')
    expect(info?.metadata.filename).toBe('clip.mp4')
    expect(await lastBytes(storage, key, actual)).toEqual([-3, -2, -1].map((d) => byteAt(actual + d)))
    expect(await openMultipartUploads(storage, key)).toEqual([])
  })

  it('a body running 2 bytes past (a form closed without its last CRLF) gets them appended', async () => {
    const { storage, client, calls } = recording()
    const key = newKey()
    const result = await put(client, key, [6 * MiB, 2], 6 * MiB)
    expect(calls).toEqual([`PUT (${6 * MiB})`, 'create', 'part 1 (copy all)', 'part 2 (2)', 'complete'])
    expect(result.size).toBe(6 * MiB + 2)
    expect((await storage.head(key))?.size).toBe(6 * MiB + 2)
    expect(await lastBytes(storage, key, 6 * MiB + 2)).toEqual(
      [-3, -2, -1].map((d) => byteAt(6 * MiB + 2 + d)),
    )
  })

  it('a small body (under the 5 MiB part minimum) running 2 bytes past is read back and put again with them', async () => {
    const { storage, client, calls } = recording()
    const key = newKey()
    const result = await put(client, key, [300 * 1024, 2], 300 * 1024)
    expect(calls).toEqual([`PUT (${300 * 1024})`, 'GET ()', `PUT (${300 * 1024 + 2})`])
    expect(result.size).toBe(300 * 1024 + 2)
    expect((await storage.head(key))?.size).toBe(300 * 1024 + 2)
    expect(await lastBytes(storage, key, 300 * 1024 + 2)).toEqual(
      [-3, -2, -1].map((d) => byteAt(300 * 1024 + 2 + d)),
    )
  })

  it('a small body ending sooner is cut to its length within the store (one part, the last, may be small)', async () => {
    const { storage, client } = recording()
    const key = newKey()
    const result = await put(client, key, [100_000], 100_000 + 900)
    expect(result.size).toBe(100_000)
    expect((await storage.head(key))?.size).toBe(100_000)
    expect(await lastBytes(storage, key, 100_000)).toEqual([-3, -2, -1].map((d) => byteAt(100_000 + d)))
    expect(await openMultipartUploads(storage, key)).toEqual([])
  })

  it('streamingPut takes a small form file of known length as one PUT, holding no share of the byte budget', async () => {
    const { client, calls } = recording()
    const budget = createByteBudget(5 * MiB)
    const held = await budget.acquire(5 * MiB) // every share taken, as by slow uploads
    const shortfall = () => new Error('short')
    await streamingPut(client, {
      headers,
      partSize: 5 * MiB,
      partsInFlight: 1,
      budget,
      key: newKey(),
      body: numbered([64 * 1024]),
      lengthHint: { atLeastRemaining: () => 0, shortfall, lengthIfLast: () => 64 * 1024 },
    })
    expect(calls).toEqual([`PUT (${64 * 1024})`])
    held()
  })

  it('an empty body where bytes were guessed stores an empty object', async () => {
    const { storage, client } = recording()
    const key = newKey()
    const result = await guessedPut(client, {
      key,
      body: numbered([]),
      headers,
      guess: 5,
      maxShort: 5,
      shortfall: () => new Error('short'),
    })
    expect(result.size).toBe(0)
    expect((await storage.head(key))?.size).toBe(0)
  })

  it('a body ending sooner than the hint allows fails with its error, and nothing is stored', async () => {
    const { storage, client, calls } = recording()
    const key = newKey()
    await expect(put(client, key, [5 * MiB], 8 * MiB)).rejects.toThrow('parts after the file')
    expect(calls).toEqual([`PUT (${8 * MiB})`])
    expect(await storage.head(key)).toBeNull()
  })

  it('a body failing before the guessed length cuts the PUT off, and nothing is stored', async () => {
    const { storage, client } = recording()
    const key = newKey()
    await expect(
      guessedPut(client, {
        key,
        body: numbered([6 * MiB], new Error('client went away')),
        headers,
        guess: 10 * MiB,
        maxShort: MiB,
        shortfall: () => new Error('short'),
      }),
    ).rejects.toThrow('client went away')
    expect(await storage.head(key)).toBeNull()
  })

  it('a body running far past the guess is no form: an error, and the object is deleted', async () => {
    const { storage, client } = recording()
    const key = newKey()
    await expect(put(client, key, [5 * MiB, MiB], 5 * MiB)).rejects.toThrow('past its guessed length')
    expect(await storage.head(key)).toBeNull()
  })

  it('streamingPut bets on a hint that tells the length if last, and streams parts without one', async () => {
    const hinted = recording()
    const base = { headers, partSize: 5 * MiB, partsInFlight: 1, budget: createByteBudget(32 * MiB) }
    const shortfall = () => new Error('short')
    await streamingPut(hinted.client, {
      ...base,
      key: newKey(),
      body: numbered([7 * MiB]),
      lengthHint: { atLeastRemaining: () => 6 * MiB, shortfall, lengthIfLast: () => 7 * MiB },
    })
    expect(hinted.calls).toEqual([`PUT (${7 * MiB})`])
    const unknown = recording()
    await streamingPut(unknown.client, {
      ...base,
      key: newKey(),
      body: numbered([7 * MiB]),
      lengthHint: { atLeastRemaining: () => 6 * MiB, shortfall, lengthIfLast: () => null },
    })
    expect(unknown.calls).toEqual(['create', `part 1 (${6 * MiB})`, `part 2 (${MiB})`, 'complete'])
  })
})
