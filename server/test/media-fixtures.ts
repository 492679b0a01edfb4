import { png } from './media.js'

/**
 * Media files of given pixels and lengths, built byte by byte (there is no ffmpeg here): each is
 * what its format's parsers read (headers, boxes, elements, frames), with filler where the pixels or
 * samples would be. For the media rules (docs/API.md §1, DROPGATE_IMAGE_* and DROPGATE_MEDIA_*).
 */

export { png }

const u16be = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff])
const u32be = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}
const u32le = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n)
  return b
}

/**
 * A PNG that declares width × height in its header and holds a few KB of filler, not the pixels: a
 * decompression bomb as a parser sees it (a decoder would allocate width × height × 3 bytes).
 */
export function pngBomb(width = 30_000, height = 30_000): Buffer {
  const real = png(1, 1)
  const header = Buffer.from(real.subarray(0, 33)) // signature + IHDR chunk
  header.writeUInt32BE(width, 16)
  header.writeUInt32BE(height, 20)
  // The IHDR's CRC is left as it was: a parser reading sizes does not check it, a decoder would refuse.
  return Buffer.concat([header, Buffer.alloc(4096, 0x78), real.subarray(real.length - 12)])
}

/** A baseline JPEG whose EXIF APP1 segment (`exifBytes` long) comes before its SOF0. */
export function jpegWithExif(width: number, height: number, exifBytes = 2000): Buffer {
  const tiff = Buffer.concat([Buffer.from('II*\0', 'latin1'), u32le(8), Buffer.from([0, 0]), u32le(0)])
  const exifBody = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const app1Data = Buffer.concat([exifBody, Buffer.alloc(Math.max(0, exifBytes - exifBody.length))])
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16be(app1Data.length + 2), app1Data])
  const app0Data = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0]), u16be(app0Data.length + 2), app0Data])
  const sofData = Buffer.concat([
    Buffer.from([8]),
    u16be(height),
    u16be(width),
    Buffer.from([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
  ])
  const sof = Buffer.concat([Buffer.from([0xff, 0xc0]), u16be(sofData.length + 2), sofData])
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    app1,
    app0,
    sof,
    Buffer.alloc(64, 0x55),
    Buffer.from([0xff, 0xd9]),
  ])
}

function riff(form: string, chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from(form, 'latin1'), ...chunks])
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), u32le(body.length), body])
}
function riffChunk(id: string, data: Buffer): Buffer {
  const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data
  return Buffer.concat([Buffer.from(id, 'latin1'), u32le(data.length), padded])
}
const u24le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff])

/** An extended WebP (VP8X) of a width × height canvas. */
export function webpVP8X(width: number, height: number): Buffer {
  const vp8x = Buffer.concat([Buffer.from([0, 0, 0, 0]), u24le(width - 1), u24le(height - 1)])
  return riff('WEBP', [riffChunk('VP8X', vp8x), riffChunk('ALPH', Buffer.alloc(32, 1))])
}

/** A lossless WebP (VP8L) header of width × height. */
export function webpVP8L(width: number, height: number): Buffer {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14) // + alpha 0, version 0
  const data = Buffer.concat([Buffer.from([0x2f]), u32le(bits >>> 0), Buffer.alloc(24, 0)])
  return riff('WEBP', [riffChunk('VP8L', data)])
}

/** A GIF89a whose logical screen is width × height, with one 1 × 1 image in it. */
export function gifOf(width: number, height: number): Buffer {
  const screen = Buffer.alloc(7)
  screen.writeUInt16LE(width, 0)
  screen.writeUInt16LE(height, 2)
  screen[4] = 0x80 // a global colour table of 2 entries
  const image = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00])
  return Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    screen,
    Buffer.from([0, 0, 0, 255, 255, 255]),
    image,
    Buffer.from([0x3b]),
  ])
}

/** A PCM WAV of `seconds`: mono, 8-bit, at `rate` samples a second (1000 keeps 601 s under 1 MB). */
export function wavOf(seconds: number, rate = 1000): Buffer {
  const samples = Math.round(seconds * rate)
  const fmt = Buffer.alloc(16)
  fmt.writeUInt16LE(1, 0) // PCM
  fmt.writeUInt16LE(1, 2) // mono
  fmt.writeUInt32LE(rate, 4)
  fmt.writeUInt32LE(rate, 8) // bytes a second
  fmt.writeUInt16LE(1, 12) // block align
  fmt.writeUInt16LE(8, 14) // bits a sample
  const data = Buffer.alloc(samples)
  for (let i = 0; i < samples; i++) data[i] = 128 + Math.round(Math.sin(i / 3) * 60)
  return riff('WAVE', [riffChunk('fmt ', fmt), riffChunk('data', data)])
}

/**
 * An MP3 of about `seconds`: MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz (417 bytes, 1152 samples
 * each), the first one carrying an `Info` header with the frame count, as LAME writes for CBR.
 */
export function mp3Of(seconds: number): Buffer {
  const frames = Math.round((seconds * 44_100) / 1152)
  const frame = () => {
    const f = Buffer.alloc(417)
    f.set([0xff, 0xfb, 0x90, 0x64])
    return f
  }
  const first = frame()
  first.write('Info', 36, 'latin1') // side info of a stereo MPEG-1 frame is 32 bytes
  first.writeUInt32BE(0x0000_0003, 40) // frames and bytes fields present
  first.writeUInt32BE(frames, 44)
  first.writeUInt32BE(frames * 417, 48)
  return Buffer.concat([first, ...Array.from({ length: frames }, frame)])
}

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content)
  return Buffer.concat([u32be(body.length + 8), Buffer.from(type, 'latin1'), body])
}

/**
 * An MP4 of `seconds` (its `mvhd`'s duration at a timescale of 1000), with `mdatBytes` of media data,
 * and its `moov` before the data (`faststart`) or after it, where a camera writes it.
 */
export function mp4Of(seconds: number, { moovAtEnd = false, mdatBytes = 1024, brand = 'isom' } = {}): Buffer {
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32be(0x200), Buffer.from(`${brand}mp41`, 'latin1'))
  const mvhd = Buffer.alloc(100)
  mvhd.writeUInt32BE(1000, 12) // timescale
  mvhd.writeUInt32BE(Math.round(seconds * 1000), 16) // duration
  mvhd.writeUInt32BE(0x0001_0000, 20) // rate 1.0
  mvhd.writeUInt16BE(0x0100, 24) // volume 1.0
  for (const [i, v] of [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000].entries())
    mvhd.writeUInt32BE(v, 36 + i * 4)
  mvhd.writeUInt32BE(2, 96) // next track id
  const tkhd = Buffer.alloc(84)
  tkhd.writeUInt32BE(0x0000_0003, 0) // enabled, in movie
  tkhd.writeUInt32BE(1, 12) // track id
  tkhd.writeUInt32BE(Math.round(seconds * 1000), 20)
  const mdhd = Buffer.alloc(24)
  mdhd.writeUInt32BE(1000, 12)
  mdhd.writeUInt32BE(Math.round(seconds * 1000), 16)
  mdhd.writeUInt16BE(0x55c4, 20) // 'und'
  const hdlr = Buffer.concat([Buffer.alloc(8), Buffer.from('vide', 'latin1'), Buffer.alloc(13)])
  const trak = box('trak', box('tkhd', tkhd), box('mdia', box('mdhd', mdhd), box('hdlr', hdlr)))
  const moov = box('moov', box('mvhd', mvhd), trak)
  const mdat = box('mdat', Buffer.alloc(mdatBytes, 0x11))
  return Buffer.concat(moovAtEnd ? [ftyp, mdat, moov] : [ftyp, moov, mdat])
}

function ebmlSize(n: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeBigUInt64BE(BigInt(n) | (1n << 56n)) // 8-byte size: 0x01 then 7 bytes
  return b
}
function element(id: number[], ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from(id), ebmlSize(body.length), body])
}
const uint = (n: number) => u32be(n)
function float64(n: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeDoubleBE(n)
  return b
}

/** A WebM whose Segment Info has a Duration of `seconds` (TimecodeScale 1 ms), with one video track. */
export function webmOf(seconds: number): Buffer {
  const header = element(
    [0x1a, 0x45, 0xdf, 0xa3],
    element([0x42, 0x86], Buffer.from([1])),
    element([0x42, 0xf7], Buffer.from([1])),
    element([0x42, 0xf2], Buffer.from([4])),
    element([0x42, 0xf3], Buffer.from([8])),
    element([0x42, 0x82], Buffer.from('webm', 'latin1')),
    element([0x42, 0x87], Buffer.from([4])),
    element([0x42, 0x85], Buffer.from([2])),
  )
  const info = element(
    [0x15, 0x49, 0xa9, 0x66],
    element([0x2a, 0xd7, 0xb1], uint(1_000_000)),
    element([0x44, 0x89], float64(seconds * 1000)),
  )
  const track = element(
    [0xae],
    element([0xd7], Buffer.from([1])),
    element([0x83], Buffer.from([1])), // video
    element([0x86], Buffer.from('V_VP8', 'latin1')),
    element([0xe0], element([0xb0], u16be(320)), element([0xba], u16be(240))),
  )
  const tracks = element([0x16, 0x54, 0xae, 0x6b], track)
  const cluster = element([0x1f, 0x43, 0xb6, 0x75], element([0xe7], Buffer.from([0])))
  return Buffer.concat([header, element([0x18, 0x53, 0x80, 0x67], info, tracks, cluster)])
}

/**
 * A crafted MP4: its `ftyp`, then `megabytes` MiB of empty 8-byte `free` boxes, then a 5 s `moov`: a
 * parser walking it reads half a million box headers per 4 MiB (the media check's amplification case).
 */
export function tinyBoxMp4(megabytes = 4): Buffer {
  const clip = mp4Of(5)
  const ftypLength = clip.readUInt32BE(0)
  const free = Buffer.alloc(8)
  free.writeUInt32BE(8, 0)
  free.write('free', 4, 'latin1')
  const filler = Buffer.alloc(megabytes * 1024 * 1024)
  for (let at = 0; at < filler.length; at += 8) free.copy(filler, at)
  const moovAt = ftypLength
  const moovLength = clip.readUInt32BE(moovAt)
  return Buffer.concat([clip.subarray(0, ftypLength), filler, clip.subarray(moovAt, moovAt + moovLength)])
}
