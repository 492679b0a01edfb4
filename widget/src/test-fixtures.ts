import { vi } from 'vitest'

// Media fixtures for the unit tests, built byte by byte as their formats lay them out: the suite
// ships no binaries. Not part of the build (tsconfig.build.json excludes it).

const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
const u16be = (n: number) => [(n >>> 8) & 255, n & 255]
const u16le = (n: number) => [n & 255, (n >>> 8) & 255]
const u24le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255]
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]
export const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))
/** Bytes backed by a plain ArrayBuffer: a BlobPart. */
export type Bytes = Uint8Array<ArrayBuffer>

export const bytes = (...parts: (number[] | Uint8Array)[]): Bytes =>
  new Uint8Array(parts.flatMap((p) => [...p]))

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}
const pngChunk = (type: string, data: Uint8Array) => {
  const body = bytes(ascii(type), data)
  return bytes(u32be(data.length), body, u32be(crc32(body)))
}

/** zlib's format with stored (uncompressed) blocks: a valid IDAT without a compressor. */
function zlibStored(data: Uint8Array): Bytes {
  const blocks: number[][] = []
  for (let at = 0; at < data.length || blocks.length === 0; at += 0xffff) {
    const part = data.subarray(at, at + 0xffff)
    const last = at + 0xffff >= data.length ? 1 : 0
    blocks.push([last, ...u16le(part.length), ...u16le(~part.length & 0xffff), ...part])
  }
  let a = 1
  let b = 0
  for (const byte of data) {
    a = (a + byte) % 65521
    b = (b + a) % 65521
  }
  return bytes([0x78, 0x01], ...blocks, u32be(((b << 16) | a) >>> 0))
}

/** A real PNG (8-bit grey); `pixels: false` writes the header alone, as a decompression bomb does. */
export function png(width: number, height: number, { pixels = true } = {}): Bytes {
  const ihdr = bytes(u32be(width), u32be(height), [8, 0, 0, 0, 0])
  const rows = pixels ? new Uint8Array((width + 1) * height) : new Uint8Array(0)
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibStored(rows)),
    pngChunk('IEND', new Uint8Array(0)),
  )
}

const segment = (marker: number, payload: number[]) => [
  0xff,
  marker,
  ...u16be(payload.length + 2),
  ...payload,
]

/** A JPEG with an EXIF APP1 segment (`exifBytes` long) and a JFIF APP0 before its SOF0. */
export function jpeg(width: number, height: number, { exifBytes = 2000, sof = 0xc0 } = {}): Bytes {
  const exif = [...ascii('Exif'), 0, 0, ...ascii('MM'), 0, 42, ...u32be(8)]
  return bytes(
    [0xff, 0xd8],
    segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xe1, [...exif, ...new Array(exifBytes - exif.length).fill(0)]),
    segment(0xdb, new Array(65).fill(1)),
    segment(sof, [8, ...u16be(height), ...u16be(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    segment(0xc4, new Array(20).fill(0)),
    segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]),
    [0x12, 0x34, 0xff, 0xd9],
  )
}

const riff = (chunk: string, payload: number[]) =>
  bytes(
    ascii('RIFF'),
    u32le(4 + 8 + payload.length),
    ascii('WEBP'),
    ascii(chunk),
    u32le(payload.length),
    payload,
  )

export const webpVP8X = (width: number, height: number) =>
  riff('VP8X', [0x10, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)])

export function webpVP8L(width: number, height: number): Bytes {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14)
  return riff('VP8L', [0x2f, ...u32le(bits >>> 0), 0, 0, 0])
}

export const webpVP8 = (width: number, height: number) =>
  riff('VP8 ', [0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...u16le(width), ...u16le(height), 0, 0])

export const gif = (width: number, height: number) =>
  bytes(ascii('GIF89a'), u16le(width), u16le(height), [0xf0, 0, 0], new Array(9).fill(0), [0x3b])

/** A WAV of `seconds` of silence (8 kHz, 8-bit mono): what every browser reads the duration of. */
export function wav(seconds: number, rate = 8000): Bytes {
  const samples = Math.round(seconds * rate)
  return bytes(
    ascii('RIFF'),
    u32le(36 + samples),
    ascii('WAVE'),
    ascii('fmt '),
    u32le(16),
    u16le(1),
    u16le(1),
    u32le(rate),
    u32le(rate),
    u16le(1),
    u16le(8),
    ascii('data'),
    u32le(samples),
    new Uint8Array(samples).fill(128),
  )
}

/** Runs what a later task would, on the test's injected clock (vi fake timers), not a real wait. */
export async function nextTask() {
  vi.useFakeTimers()
  try {
    setTimeout(() => {}, 0)
    await vi.runOnlyPendingTimersAsync()
  } finally {
    vi.useRealTimers()
  }
}
