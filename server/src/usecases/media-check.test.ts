import type { MediaRules } from '@dropgate/core'
import { DEFAULT_MAX_PIXELS } from '@dropgate/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeApp } from '../../test/harness.js'
import { mp4Of, png, tinyBoxMp4, wavOf } from '../../test/media-fixtures.js'
import { DropgateError } from '../errors.js'
import { asHttpError } from '../http/storage-error.js'
import type { Storage } from '../storage/storage.js'
import { storageUnavailable } from '../storage/storage-errors.js'
import { checkStoredMedia, checkStreamHead } from './media-check.js'
import { verifyStoredObject } from './verify-upload.js'

/**
 * The media check of a stored object on the real embedded store, seen through a Storage that counts
 * (or fails) its ranged reads and passes everything else to the store underneath.
 */
const RULES: MediaRules = {
  image: { minSide: 128, maxAspect: 4, maxPixels: DEFAULT_MAX_PIXELS },
  duration: { minSeconds: 1, maxSeconds: 600 },
}

let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp()
})
afterEach(() => t.close())

function counting(storage: Storage, fail = false) {
  const reads = { calls: 0, bytes: 0 }
  const wrapped = Object.create(storage) as Storage
  wrapped.readRange = async (key, start, end, ifMatch) => {
    if (fail && start > 0) throw storageUnavailable('GetObject')
    const bytes = await storage.readRange(key, start, end, ifMatch)
    reads.calls++
    reads.bytes += bytes?.length ?? 0
    return bytes
  }
  return { storage: wrapped, reads }
}

async function store(key: string, bytes: Uint8Array, contentType: string) {
  const storage = t.storage as Storage
  await storage.put(
    key,
    (async function* () {
      yield bytes
    })(),
    { contentType, metadata: { filename: 'clip' } },
  )
  const info = await storage.head(key)
  if (!info) throw new Error('not stored')
  return info
}

describe('checkStoredMedia', () => {
  it('measures a 20 MB MP4 whose moov is at the end with two ranged reads, not the file', async () => {
    const clip = mp4Of(42, { moovAtEnd: true, mdatBytes: 20_000_000 })
    const info = await store('uploads/o/clip1', clip, 'video/mp4')
    const { storage, reads } = counting(t.storage as Storage)
    const { fetched } = await checkStoredMedia(storage, info, RULES)
    expect(reads.calls).toBe(2)
    expect(reads.bytes).toBe(fetched)
    expect(reads.bytes).toBeLessThan(80_000) // of 20,000,321
    const short = await store(
      'uploads/o/clip2',
      mp4Of(0.4, { moovAtEnd: true, mdatBytes: 5_000_000 }),
      'video/mp4',
    )
    await expect(checkStoredMedia(storage, short, RULES)).rejects.toMatchObject({ code: 'media_too_short' })
  })

  it('refuses a crafted MP4 of 8-byte boxes as unreadable after a few ranged reads', async () => {
    const info = await store('uploads/o/crafted', tinyBoxMp4(4), 'video/mp4')
    const { storage, reads } = counting(t.storage as Storage)
    await expect(checkStoredMedia(storage, info, RULES)).rejects.toMatchObject({ code: 'media_unreadable' })
    expect(reads.calls).toBeLessThanOrEqual(3) // was 64: the whole 4 MiB budget, 64 KiB a read
    expect(reads.bytes).toBeLessThan(256 * 1024)
  })

  it('reads an image from its first bytes only', async () => {
    const info = await store('uploads/o/img', png(2000, 1000), 'image/png')
    const { storage, reads } = counting(t.storage as Storage)
    await checkStoredMedia(storage, info, RULES)
    expect(reads.calls).toBe(1)
    expect(reads.bytes).toBeLessThanOrEqual(64 * 1024)
  })

  it('reads no length when no duration rule is set', async () => {
    const info = await store('uploads/o/wav', wavOf(0.2), 'audio/wav')
    const { storage, reads } = counting(t.storage as Storage)
    await checkStoredMedia(storage, info, { image: { maxPixels: DEFAULT_MAX_PIXELS }, duration: {} })
    expect(reads.calls).toBe(0)
  })
})

describe('verifyStoredObject with media rules, when the store fails a ranged read', () => {
  it('answers 503 storage_unavailable and keeps the object for a retry of complete', async () => {
    const clip = mp4Of(42, { moovAtEnd: true, mdatBytes: 2_000_000 })
    const info = await store('uploads/o/kept', clip, 'video/mp4')
    const { storage } = counting(t.storage as Storage, true)
    const failure = await verifyStoredObject(storage, info.key, () => {}, info, RULES).catch(
      (e: unknown) => e,
    )
    const answered = asHttpError(failure)
    expect(answered).toBeInstanceOf(DropgateError)
    expect((answered as DropgateError).status).toBe(503)
    expect((answered as DropgateError).code).toBe('storage_unavailable')
    expect(await (t.storage as Storage).head(info.key)).not.toBeNull()
    // The retry, with the store back, checks and keeps it.
    await expect(
      verifyStoredObject(t.storage as Storage, info.key, () => {}, undefined, RULES),
    ).resolves.toMatchObject({ key: info.key })
  })

  it('deletes an object the rules refuse', async () => {
    const info = await store('uploads/o/small', png(100, 100), 'image/png')
    await expect(
      verifyStoredObject(t.storage as Storage, info.key, () => {}, info, RULES),
    ).rejects.toMatchObject({
      code: 'image_too_small',
      status: 400,
    })
    expect(await (t.storage as Storage).head(info.key)).toBeNull()
  })
})

describe('checkStreamHead', () => {
  it('decides an image and a WAV from their first bytes', async () => {
    await expect(
      checkStreamHead(RULES, 'image/png', 'a.png', png(100, 100), null, true),
    ).rejects.toMatchObject({ code: 'image_too_small' })
    const wav = wavOf(700)
    const head = wav.subarray(0, 64 * 1024)
    await expect(checkStreamHead(RULES, 'audio/wav', 'a.wav', head, wav.length, false)).rejects.toMatchObject(
      { code: 'media_too_long' },
    )
    expect(await checkStreamHead(RULES, 'audio/wav', 'a.wav', wavOf(2), null, true)).toBe('passed')
    // An MP4 whose moov comes first: its mdat is skipped by a seek, not read.
    const clip = mp4Of(0.5, { mdatBytes: 500_000 })
    await expect(
      checkStreamHead(RULES, 'video/mp4', 'c.mp4', clip.subarray(0, 65_536), clip.length, false),
    ).rejects.toMatchObject({ code: 'media_too_short' })
  })

  it('leaves to the stored check what the head cannot tell', async () => {
    const clip = mp4Of(3, { moovAtEnd: true, mdatBytes: 500_000 })
    expect(
      await checkStreamHead(RULES, 'video/mp4', 'c.mp4', clip.subarray(0, 65_536), clip.length, false),
    ).toBe('later')
    expect(await checkStreamHead(RULES, 'audio/wav', 'a.wav', wavOf(2).subarray(0, 100), null, false)).toBe(
      'later',
    )
  })

  it('refuses a whole file whose value cannot be read', async () => {
    const junk = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.alloc(30)])
    await expect(checkStreamHead(RULES, 'audio/wav', 'j.wav', junk, null, true)).rejects.toMatchObject({
      code: 'media_unreadable',
    })
  })
})
