import { DEFAULT_MEDIA_RULES, narrowMediaRules } from '@dropgate/core'
import { describe, expect, it } from 'vitest'
import { parseAccept } from './accept.js'
import { DEFAULT_POLICY, parsePolicy } from './policy.js'
import { mergeRules, pickerTypes, ruleFor } from './rules.js'

const MIB = 1024 * 1024
const server = parsePolicy({
  types: {
    image: { maxBytes: 10 * MIB, mimeTypes: ['image/png', 'image/jpeg', 'image/webp'] },
    video: { maxBytes: 100 * MIB, mimeTypes: ['video/*'] },
    audio: { maxBytes: 100 * MIB, mimeTypes: ['audio/x-wav', 'audio/mpeg'] },
  },
  multipart: { threshold: 64 * MIB, basePartSize: 8 * MIB, maxParts: 10_000 },
})

describe('parseAccept', () => {
  it('reads types, wildcards, extensions and bare kinds', () => {
    expect(parseAccept('image/*, .mp4,audio, AUDIO/X-WAV')).toEqual([
      'image/*',
      'video/mp4',
      'audio/*',
      'audio/wav',
    ])
    expect(parseAccept(['image/png'])).toEqual(['image/png'])
    expect(parseAccept(' ')).toBeUndefined()
    expect(parseAccept(undefined)).toBeUndefined()
  })

  it('refuses what the widget could never upload', () => {
    expect(() => parseAccept('image/*,application/pdf,.exe')).toThrowError(
      'accept: application/pdf, .exe is not an image, video or audio type',
    )
  })
})

describe('mergeRules', () => {
  it('takes the server policy as it is when the page says nothing', () => {
    const rules = mergeRules(server)
    expect(rules.kinds.image).toEqual({
      maxBytes: 10 * MIB,
      types: ['image/png', 'image/jpeg', 'image/webp'],
      extensions: ['png', 'jpg', 'jpeg', 'jpe', 'jfif', 'webp'],
    })
    expect(rules.kinds.audio?.types).toEqual(['audio/wav', 'audio/mpeg'])
    expect(rules.maxFiles).toBe(Number.POSITIVE_INFINITY)
    expect(rules.multipart?.threshold).toBe(64 * MIB)
  })

  it('keeps only what both accept', () => {
    const rules = mergeRules(server, { accept: parseAccept('image/png,image/gif,video/webm,.mov') })
    expect(rules.kinds.image?.types).toEqual(['image/png'])
    expect(rules.kinds.video?.types).toEqual(['video/webm', 'video/quicktime'])
    expect(rules.kinds.audio).toBeUndefined()
  })

  it('narrows wildcards both ways', () => {
    const rules = mergeRules(DEFAULT_POLICY, { accept: parseAccept('image/*,audio/mpeg') })
    expect(rules.kinds.image?.types).toEqual(['image/*'])
    expect(rules.kinds.audio?.types).toEqual(['audio/mpeg'])
    expect(rules.kinds.video).toBeUndefined()
  })

  it('takes the smaller size and the page count', () => {
    const rules = mergeRules(server, { maxBytes: { image: 20 * MIB, video: 5 * MIB }, maxFiles: 3 })
    expect(rules.kinds.image?.maxBytes).toBe(10 * MIB)
    expect(rules.kinds.video?.maxBytes).toBe(5 * MIB)
    expect(rules.kinds.audio?.maxBytes).toBe(100 * MIB)
    expect(rules.maxFiles).toBe(3)
  })

  it('answers the rule for a type, by alias too', () => {
    const rules = mergeRules(server)
    expect(ruleFor(rules, 'audio/wav')).toBe(rules.kinds.audio)
    expect(ruleFor(rules, 'audio/vnd.wave')).toBe(rules.kinds.audio)
    expect(ruleFor(rules, 'video/anything')).toBe(rules.kinds.video)
    expect(ruleFor(rules, 'image/gif')).toBeUndefined()
    expect(ruleFor(rules, 'text/html')).toBeUndefined()
  })

  it('lists types and extensions for the file picker', () => {
    const rules = mergeRules(server, { accept: parseAccept('image/jpeg,video/*') })
    const picker = pickerTypes(rules)
    expect(picker.slice(0, 6)).toEqual(['image/jpeg', '.jpg', '.jpeg', '.jpe', '.jfif', 'video/*'])
    // A wildcard offers every extension of its kind: an OS that maps no type to .mkv still lists it.
    expect(picker).toEqual(expect.arrayContaining(['.mp4', '.mkv', '.3gp']))
    expect(picker).not.toContain('.png')
  })

  it("offers the extensions the server publishes, a newer table's too", () => {
    const rules = mergeRules(
      parsePolicy({
        types: {
          image: { maxBytes: MIB, mimeTypes: ['image/png', 'image/jxl'], extensions: ['png', 'jxl'] },
        },
      }),
    )
    expect(rules.kinds.image?.extensions).toEqual(['png'])
    const any = mergeRules(
      parsePolicy({
        types: { image: { maxBytes: MIB, mimeTypes: ['image/*'], extensions: ['png', 'jxl'] } },
      }),
    )
    expect(pickerTypes(any)).toEqual(['image/*', '.png', '.jxl'])
  })

  it("keeps the media rules: the server's narrowed by the page, the pixel guard alone without any", () => {
    const image = { maxBytes: MIB, mimeTypes: ['image/*'] }
    const alone = mergeRules(parsePolicy({ types: { image } })).media
    expect(narrowMediaRules(alone.server, alone.page)).toEqual(DEFAULT_MEDIA_RULES)
    const media = { image: { minSide: 128, maxAspect: 4, maxPixels: 1e8 }, duration: { maxSeconds: 600 } }
    const merged = mergeRules(parsePolicy({ types: { image }, media }), {
      media: { image: { minSide: 64, maxSide: 4096 }, duration: { minSeconds: 1, maxSeconds: 60 } },
    })
    expect(narrowMediaRules(merged.media.server, merged.media.page)).toEqual({
      image: { minSide: 128, maxSide: 4096, maxAspect: 4, maxPixels: 1e8 },
      duration: { minSeconds: 1, maxSeconds: 60 },
    })
  })
})
