import { describe, expect, it } from 'vitest'
import { parsePolicy } from './policy.js'

const answer = {
  types: {
    image: { maxBytes: 10485760, mimeTypes: ['image/png', 'image/jpeg'] },
    video: { maxBytes: 104857600, mimeTypes: ['video/*'] },
    audio: { maxBytes: 104857600, mimeTypes: ['audio/mpeg'] },
  },
  multipart: { threshold: 104857600, basePartSize: 8388608, maxParts: 10000 },
}

describe('parsePolicy', () => {
  it('reads the expected shape', () => {
    const policy = parsePolicy(answer)
    expect(policy.types.image).toEqual({ maxBytes: 10485760, mimeTypes: ['image/png', 'image/jpeg'] })
    expect(policy.multipart).toEqual({ threshold: 104857600, basePartSize: 8388608, maxParts: 10000 })
    expect(Object.isFrozen(policy)).toBe(true)
  })

  it('ignores unknown kinds and fields, and treats a missing kind as not accepted', () => {
    const policy = parsePolicy({
      types: { image: answer.types.image, document: { maxBytes: 1, mimeTypes: ['application/pdf'] } },
      version: 3,
    })
    expect(Object.keys(policy.types)).toEqual(['image'])
    expect(policy.multipart).toBeUndefined()
  })

  it('names every problem at once', () => {
    expect(() =>
      parsePolicy({
        types: {
          image: { maxBytes: '10MB', mimeTypes: ['image/png'] },
          video: { maxBytes: 5, mimeTypes: ['text/html'] },
          audio: 'yes',
        },
        multipart: { threshold: -1, basePartSize: 0, maxParts: 10 },
      }),
    ).toThrowError(
      'Invalid policy: types.image.maxBytes must be a whole number of bytes; types.video.mimeTypes must be a list of video/… types; types.audio must be an object; multipart.threshold must be a whole number of bytes; multipart.basePartSize must be a positive whole number of bytes',
    )
  })

  it('refuses what is not a policy', () => {
    expect(() => parsePolicy(null)).toThrow(TypeError)
    expect(() => parsePolicy([])).toThrow(TypeError)
    expect(() => parsePolicy({ image: {} })).toThrow('"types" must be an object')
  })

  it('reads the media rules when the server publishes them, and names a broken one', () => {
    const media = {
      image: { minSide: 128, maxPixels: 268402689 },
      duration: { minSeconds: 1, maxSeconds: 600 },
    }
    expect(parsePolicy({ ...answer, media }).media).toEqual(media)
    expect(parsePolicy(answer).media).toBeUndefined()
    expect(() => parsePolicy({ ...answer, media: { image: {}, duration: {} } })).toThrow(
      'media.image.maxPixels',
    )
  })
})
