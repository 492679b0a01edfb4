import { describe, expect, it } from 'vitest'
import { imageSize } from './image-header.js'
import { ascii, bytes, gif, jpeg, png, webpVP8, webpVP8L, webpVP8X } from './test-fixtures.js'

describe('imageSize', () => {
  it('reads PNGs of given sizes from IHDR', () => {
    expect(imageSize(png(100, 90))).toEqual({ width: 100, height: 90 })
    expect(imageSize(png(256, 256))).toEqual({ width: 256, height: 256 })
    expect(imageSize(png(1000, 200))).toEqual({ width: 1000, height: 200 })
  })

  it('reads a pixel-bomb PNG (30000 × 30000 declared, a few bytes) from its header alone', () => {
    const bomb = png(30000, 30000, { pixels: false })
    expect(bomb.length).toBeLessThan(100)
    expect(imageSize(bomb)).toEqual({ width: 30000, height: 30000 })
    expect(imageSize(bomb.subarray(0, 24))).toEqual({ width: 30000, height: 30000 })
  })

  it('walks a JPEG past its JFIF and EXIF segments to the SOF', () => {
    expect(imageSize(jpeg(640, 480))).toEqual({ width: 640, height: 480 })
    expect(imageSize(jpeg(4032, 3024, { exifBytes: 30_000 }))).toEqual({ width: 4032, height: 3024 })
    // Progressive (SOF2) too.
    expect(imageSize(jpeg(120, 90, { sof: 0xc2 }))).toEqual({ width: 120, height: 90 })
  })

  it('answers nothing for a JPEG cut before its SOF (the caller reads further)', () => {
    const whole = jpeg(640, 480, { exifBytes: 30_000 })
    expect(imageSize(whole.subarray(0, 20_000))).toBeUndefined()
  })

  it('reads WebP: VP8X, VP8L and lossy VP8', () => {
    expect(imageSize(webpVP8X(1000, 250))).toEqual({ width: 1000, height: 250 })
    expect(imageSize(webpVP8X(16383, 16383))).toEqual({ width: 16383, height: 16383 })
    expect(imageSize(webpVP8L(128, 127))).toEqual({ width: 128, height: 127 })
    expect(imageSize(webpVP8L(16384, 1))).toEqual({ width: 16384, height: 1 })
    expect(imageSize(webpVP8(320, 240))).toEqual({ width: 320, height: 240 })
  })

  it('reads GIF', () => {
    expect(imageSize(gif(64, 32))).toEqual({ width: 64, height: 32 })
  })

  it("leaves Apple's CgBI PNG (a chunk before IHDR) to a decoder", () => {
    const cgbi = png(10, 10)
    cgbi.set(ascii('CgBI'), 12)
    expect(imageSize(cgbi)).toBeUndefined()
  })

  it('answers nothing for other formats and for too few bytes', () => {
    expect(imageSize(new Uint8Array(0))).toBeUndefined()
    expect(imageSize(png(10, 10).subarray(0, 20))).toBeUndefined()
    expect(imageSize(bytes(ascii('BM'), new Array(60).fill(0)))).toBeUndefined()
    expect(imageSize(bytes([0, 0, 0, 0x1c], ascii('ftypavif'), new Array(40).fill(0)))).toBeUndefined()
  })
})
