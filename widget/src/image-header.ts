import type { ImageSize } from '@dropgate/core'

/**
 * An image's width and height from its header bytes, without decoding a pixel: PNG (IHDR), GIF
 * (logical screen), WebP (VP8, VP8L, VP8X) and JPEG (the first SOFn, after any EXIF/ICC/APPn
 * segments). `undefined` for other formats, or when `bytes` ends before the answer (a JPEG whose
 * APP segments are longer than what was read).
 */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const size = (width: number, height: number) => ({ width, height })
  try {
    const magic = v.getUint32(0)
    // \x89PNG: IHDR is the first chunk (but in Apple's CgBI variant, which is left to a decoder).
    if (magic === 0x89504e47)
      return v.getUint32(12) === 0x49484452 ? size(v.getUint32(16), v.getUint32(20)) : undefined
    // GIF87a / GIF89a
    if (magic === 0x47494638) return size(v.getUint16(6, true), v.getUint16(8, true))
    // RIFF….WEBP
    if (magic === 0x52494646 && v.getUint32(8) === 0x57454250) {
      const chunk = v.getUint32(12)
      // 'VP8 ': a key frame, 14-bit sides after its start code.
      if (chunk === 0x56503820) return size(v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff)
      // 'VP8L': after the 0x2f signature, width − 1 and height − 1 in 14 bits each.
      if (chunk === 0x5650384c) {
        const bits = v.getUint32(21, true)
        return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
      }
      // 'VP8X': the canvas, width − 1 and height − 1 in 24 bits each.
      if (chunk === 0x56503858)
        return size((v.getUint32(24, true) & 0xffffff) + 1, (v.getUint32(26, true) >>> 8) + 1)
      return undefined
    }
    // JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
    if (magic >>> 16 === 0xffd8) {
      let i = 2
      for (;;) {
        if (bytes[i] !== 0xff) return undefined
        const marker = v.getUint8(i + 1)
        if (marker === 0xff) i++
        else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) i += 2
        else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
          return size(v.getUint16(i + 7), v.getUint16(i + 5))
        else i += 2 + v.getUint16(i + 2)
      }
    }
  } catch {
    // RangeError: the bytes end before the header does.
  }
  return undefined
}
