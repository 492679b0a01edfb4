import { describe, expect, it } from 'vitest'
import {
  checkDuration,
  checkImageSize,
  DEFAULT_MEDIA_RULES,
  type MediaRules,
  mediaRefusalMessage,
  narrowMediaRules,
} from './media-rules.js'

// The set one upload API documents for AI-generation inputs (README's copy-paste block).
const QUOTED: MediaRules = {
  image: { minSide: 128, maxAspect: 4, maxPixels: DEFAULT_MEDIA_RULES.image.maxPixels },
  duration: { minSeconds: 1, maxSeconds: 600 },
}

describe('checkImageSize', () => {
  it('refuses a side under minSide, naming the file and its size', () => {
    const refusal = checkImageSize(QUOTED, 'photo.png', { width: 100, height: 90 })
    expect(refusal?.code).toBe('image_too_small')
    if (refusal)
      expect(mediaRefusalMessage(refusal)).toBe('photo.png is 100 × 90 px; at least 128 × 128 px is needed')
  })

  it('refuses a shape wider than 4:1 either way and takes exactly 4:1', () => {
    expect(checkImageSize(QUOTED, 'a.png', { width: 1000, height: 200 })?.code).toBe('image_aspect')
    expect(checkImageSize(QUOTED, 'a.png', { width: 200, height: 1000 })?.code).toBe('image_aspect')
    expect(checkImageSize(QUOTED, 'a.png', { width: 800, height: 200 })).toBeNull()
    expect(checkImageSize(QUOTED, 'a.png', { width: 256, height: 256 })).toBeNull()
  })

  it('refuses a pixel bomb by default, with no other rule set', () => {
    expect(checkImageSize(DEFAULT_MEDIA_RULES, 'bomb.png', { width: 30000, height: 30000 })?.code).toBe(
      'image_too_many_pixels',
    )
    expect(checkImageSize(DEFAULT_MEDIA_RULES, 'big.jpg', { width: 16000, height: 12000 })).toBeNull()
  })

  it('refuses a side over maxSide', () => {
    const rules = { ...QUOTED, image: { ...QUOTED.image, maxSide: 4096 } }
    expect(checkImageSize(rules, 'a.png', { width: 5000, height: 3000 })?.code).toBe('image_too_big')
  })
})

describe('checkDuration', () => {
  it('refuses clips under 1 s and over 600 s, the value shown to a tenth', () => {
    const short = checkDuration(QUOTED, 'clip.wav', 0.5)
    expect(short && mediaRefusalMessage(short)).toBe('clip.wav lasts 0.5 s; at least 1 s is needed')
    expect(checkDuration(QUOTED, 'clip.wav', 601.04)?.params).toMatchObject({ seconds: 601 })
    expect(checkDuration(QUOTED, 'clip.wav', 600)).toBeNull()
    expect(checkDuration(DEFAULT_MEDIA_RULES, 'clip.wav', 100_000)).toBeNull()
  })
})

describe('narrowMediaRules', () => {
  it('keeps the tighter of each limit, and only narrows', () => {
    const narrowed = narrowMediaRules(QUOTED, {
      image: { minSide: 64, maxSide: 2048 },
      duration: { maxSeconds: 30, minSeconds: 2 },
    })
    expect(narrowed).toEqual({
      image: { minSide: 128, maxSide: 2048, maxAspect: 4, maxPixels: QUOTED.image.maxPixels },
      duration: { minSeconds: 2, maxSeconds: 30 },
    })
  })
})
