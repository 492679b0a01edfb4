import { describe, expect, it } from 'vitest'
import {
  gifOf,
  jpegWithExif,
  mp3Of,
  mp4Of,
  png,
  pngBomb,
  tinyBoxMp4,
  wavOf,
  webmOf,
  webpVP8L,
  webpVP8X,
} from '../../test/media-fixtures.js'
import { durationOf, imageSizeOf, measuredAs } from './media-probe.js'
import { RangedTokenizer, ReadBudgetExceeded } from './ranged-tokenizer.js'

/** A reader over a buffer that notes every range asked for. */
function reader(bytes: Uint8Array) {
  const ranges: [number, number][] = []
  const read = async (start: number, end: number) => {
    ranges.push([start, end])
    return bytes.subarray(start, end + 1)
  }
  return { read, ranges, bytesRead: () => ranges.reduce((sum, [s, e]) => sum + e - s + 1, 0) }
}

describe('imageSizeOf (image-size, headers only)', () => {
  it.each([
    ['PNG', png(256, 100), 256, 100],
    ['JPEG with a 20 KB EXIF APP1 before its SOF0', jpegWithExif(1000, 200, 20_000), 1000, 200],
    ['WebP VP8X', webpVP8X(300, 129), 300, 129],
    ['WebP VP8L', webpVP8L(64, 512), 64, 512],
    ['GIF', gifOf(129, 300), 129, 300],
  ])('reads the size of a %s', (_, bytes, width, height) => {
    expect(imageSizeOf(bytes)).toEqual({ width, height })
  })

  it('reads a 30000 × 30000 px PNG bomb of a few KB from its header, without decoding it', () => {
    const bomb = pngBomb()
    expect(bomb.length).toBeLessThan(5000)
    expect(imageSizeOf(bomb)).toEqual({ width: 30_000, height: 30_000 })
  })

  it('says null for bytes that name an image but hold no size (cut before the SOF, or junk)', () => {
    expect(imageSizeOf(jpegWithExif(640, 480, 4000).subarray(0, 1000))).toBeNull()
    expect(imageSizeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).toBeNull()
  })
})

describe('durationOf (music-metadata over ranged reads)', () => {
  it.each([
    ['WAV', wavOf(2), 'audio/wav', 2],
    ['WAV', wavOf(0.5), 'audio/wav', 0.5],
    ['WAV', wavOf(601), 'audio/wav', 601],
    ['MP3', mp3Of(3), 'audio/mpeg', 3],
    ['MP4, moov first', mp4Of(5), 'video/mp4', 5],
    ['MP4, moov at the end', mp4Of(7, { moovAtEnd: true }), 'video/mp4', 7],
    ['QuickTime', mp4Of(12, { brand: 'qt  ' }), 'video/quicktime', 12],
    ['WebM', webmOf(4.5), 'video/webm', 4.5],
  ])('measures a %s', async (_, bytes, type, seconds) => {
    const { read } = reader(bytes)
    const { seconds: measured } = await durationOf(read, bytes.length, type)
    expect(measured).toBeCloseTo(seconds, 1)
  })

  it("reaches a 20 MB MP4's trailing moov by a seek: two ranged reads, under 0.5% of the file", async () => {
    const bytes = mp4Of(7, { moovAtEnd: true, mdatBytes: 20_000_000 })
    const { read, ranges, bytesRead } = reader(bytes)
    const { seconds, fetched } = await durationOf(read, bytes.length, 'video/mp4')
    expect(seconds).toBe(7)
    expect(ranges).toHaveLength(2)
    expect(ranges.map(([, end]) => end)).toContain(bytes.length - 1) // the tail, where the moov is
    expect(bytesRead()).toBe(fetched)
    expect(fetched).toBeLessThan(bytes.length / 200)
  })

  it('gives up on a crafted MP4 of 8-byte boxes after a few reads, not 4 MiB of them', async () => {
    // Half a million box headers before its moov: without a bound on the parser's calls, 64 ranged
    // reads (the whole 4 MiB budget) and seconds of CPU per check.
    const crafted = tinyBoxMp4(4)
    const { read, ranges, bytesRead } = reader(crafted)
    const { seconds, reads } = await durationOf(read, crafted.length, 'video/mp4', {
      budgetBytes: 4 * 1024 * 1024,
      maxReads: 8,
    })
    expect(seconds).toBeNull()
    expect(reads).toBe(ranges.length)
    expect(ranges.length).toBeLessThanOrEqual(3)
    expect(bytesRead()).toBeLessThan(256 * 1024)
  })

  it('stops at its read count, a read being a store request', async () => {
    // Reads that jump about (not front to back) are one block each: the ninth is refused.
    const bytes = Buffer.alloc(2_000_000)
    const { read, ranges } = reader(bytes)
    const tokenizer = new RangedTokenizer(read, { size: bytes.length, maxReads: 8 })
    const one = new Uint8Array(1)
    for (let i = 0; i < 8; i++) await tokenizer.readBuffer(one, { position: i * 2 * 65_536 })
    await expect(tokenizer.readBuffer(one, { position: 17 * 65_536 })).rejects.toBeInstanceOf(
      ReadBudgetExceeded,
    )
    expect(ranges).toHaveLength(8)
  })

  it('says null for a clip whose container holds no length', async () => {
    const noLength = mp4Of(0)
    const { read } = reader(noLength)
    expect((await durationOf(read, noLength.length, 'video/mp4')).seconds).toBeNull()
    const junk = Buffer.alloc(2000, 7)
    expect((await durationOf(reader(junk).read, junk.length, 'audio/wav')).seconds).toBeNull()
  })

  it("throws a read's own failure on (a store down is not the file's fault)", async () => {
    const bytes = wavOf(2)
    const down = new Error('store down')
    await expect(
      durationOf(
        async () => {
          throw down
        },
        bytes.length,
        'audio/wav',
      ),
    ).rejects.toBe(down)
  })
})

describe('RangedTokenizer', () => {
  it('reads in aligned blocks it keeps, so many small reads are a few ranges, growing front to back', async () => {
    const bytes = Buffer.alloc(300_000, 3)
    const { read, ranges } = reader(bytes)
    const tokenizer = new RangedTokenizer(read, { size: bytes.length, blockBytes: 65_536 })
    const target = new Uint8Array(10)
    for (let at = 0; at < 1000; at += 10) await tokenizer.readBuffer(target, { position: at })
    await tokenizer.readBuffer(new Uint8Array(100), { position: 65_500 }) // across two blocks
    // The second block follows the first: it comes with the next one, in one read.
    expect(ranges).toEqual([
      [0, 65_535],
      [65_536, 196_607],
    ])
    await tokenizer.readBuffer(new Uint8Array(10), { position: 150_000 }) // kept: no read
    expect(ranges).toHaveLength(2)
  })

  it('stops at its byte budget instead of reading a file whole', async () => {
    const bytes = Buffer.alloc(1_000_000)
    const tokenizer = new RangedTokenizer(reader(bytes).read, { size: bytes.length, budgetBytes: 200_000 })
    await expect(tokenizer.readBuffer(new Uint8Array(500_000))).rejects.toBeInstanceOf(ReadBudgetExceeded)
  })
})

describe('measuredAs', () => {
  it('measures images by pixels, audio and video by length, nothing else', () => {
    expect(measuredAs('image/png')).toBe('image')
    expect(measuredAs('video/mp4')).toBe('duration')
    expect(measuredAs('audio/wav')).toBe('duration')
    expect(measuredAs('application/pdf')).toBeNull()
  })
})
