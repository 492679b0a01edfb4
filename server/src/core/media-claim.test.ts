import { describe, expect, it } from 'vitest'
import { decodeMediaRules, encodeMediaRules } from './media-claim.js'

describe('media rules as a URL word', () => {
  it('spells each limit once, in a fixed order, and reads it back', () => {
    const rules = {
      image: { minSide: 128, maxSide: 4000, maxAspect: 2.5, maxPixels: 1_000_000 },
      duration: { minSeconds: 0.5, maxSeconds: 600 },
    }
    const word = encodeMediaRules(rules)
    expect(word).toBe('n128_x4000_a2.5_p1000000_s0.5_t600')
    expect(decodeMediaRules(word)).toEqual(rules)
    expect(decodeMediaRules(encodeMediaRules({ image: { minSide: 128 } }))).toEqual({
      image: { minSide: 128 },
    })
    expect(encodeMediaRules({})).toBe('')
  })

  it('refuses any other spelling', () => {
    for (const word of [
      '',
      'n0128',
      'a4_n128',
      'n128_n256',
      'q1',
      'n',
      'n-1',
      'n1e3',
      'nInfinity',
      'n128_',
      'n 1',
    ])
      expect(decodeMediaRules(word)).toBeNull()
  })
})
