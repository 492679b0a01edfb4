import { DEFAULT_MAX_PIXELS } from '@dropgate/core'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'
import { configFrom } from './config-from.js'

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('the media settings', () => {
  it('default to the pixel guard alone', () => {
    expect(loadConfig({}).media).toEqual({ image: { maxPixels: DEFAULT_MAX_PIXELS }, duration: {} })
  })

  it('read every rule, fractional seconds and ratios included', () => {
    const { media } = loadConfig({
      DROPGATE_IMAGE_MIN_SIDE: '128',
      DROPGATE_IMAGE_MAX_SIDE: '8000',
      DROPGATE_IMAGE_MAX_ASPECT: '2.5',
      DROPGATE_IMAGE_MAX_PIXELS: '40000000',
      DROPGATE_MEDIA_MIN_SECONDS: '0.5',
      DROPGATE_MEDIA_MAX_SECONDS: '600',
    })
    expect(media).toEqual({
      image: { minSide: 128, maxSide: 8000, maxAspect: 2.5, maxPixels: 40_000_000 },
      duration: { minSeconds: 0.5, maxSeconds: 600 },
    })
    expect(Object.isFrozen(media)).toBe(true)
  })

  it('name every malformed or contradictory one at once', () => {
    expect(
      problemsOf({
        DROPGATE_IMAGE_MIN_SIDE: '12.5',
        DROPGATE_IMAGE_MAX_SIDE: '0',
        DROPGATE_IMAGE_MAX_ASPECT: '0.5',
        DROPGATE_MEDIA_MIN_SECONDS: 'ten',
      }),
    ).toEqual([
      'DROPGATE_IMAGE_MIN_SIDE must be a whole number of pixels, at least 1 (got "12.5")',
      'DROPGATE_IMAGE_MAX_SIDE must be a whole number of pixels, at least 1 (got "0")',
      'DROPGATE_IMAGE_MAX_ASPECT must be a number, at least 1 (4 means from 4:1 to 1:4) (got "0.5")',
      'DROPGATE_MEDIA_MIN_SECONDS must be a number of seconds, like 1 or 0.5 (got "ten")',
    ])
    expect(
      problemsOf({
        DROPGATE_IMAGE_MIN_SIDE: '500',
        DROPGATE_IMAGE_MAX_SIDE: '400',
        DROPGATE_MEDIA_MIN_SECONDS: '10',
        DROPGATE_MEDIA_MAX_SECONDS: '5',
      }),
    ).toEqual([
      'DROPGATE_IMAGE_MIN_SIDE (500) is larger than DROPGATE_IMAGE_MAX_SIDE (400)',
      'DROPGATE_MEDIA_MIN_SECONDS (10) is larger than DROPGATE_MEDIA_MAX_SECONDS (5)',
    ])
    expect(problemsOf({ DROPGATE_IMAGE_MIN_SIDE: '300', DROPGATE_IMAGE_MAX_PIXELS: '1000' })).toEqual([
      'DROPGATE_IMAGE_MIN_SIDE (300) asks for more pixels than DROPGATE_IMAGE_MAX_PIXELS (1000) allows',
    ])
  })

  it('come from configFrom options by the same names, problems named by option', () => {
    const config = configFrom({
      imageMinSide: 128,
      imageMaxAspect: 4,
      mediaMinSeconds: 1,
      mediaMaxSeconds: 600,
    })
    expect(config.media).toEqual({
      image: { minSide: 128, maxAspect: 4, maxPixels: DEFAULT_MAX_PIXELS },
      duration: { minSeconds: 1, maxSeconds: 600 },
    })
    expect(() => configFrom({ imageMaxPixels: 0 })).toThrow(/imageMaxPixels must be a whole number of pixels/)
  })
})
