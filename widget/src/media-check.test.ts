import { describe, expect, it } from 'vitest'
import { needsMediaReader } from './media-check.js'
import { DEFAULT_POLICY, type ServerPolicy } from './policy.js'
import { mergeRules } from './rules.js'

// Which uploaders fetch the media reader ahead (warmMediaReader) and which never fetch it.
const withDuration: ServerPolicy = {
  ...DEFAULT_POLICY,
  media: { image: { maxPixels: 268402689 }, duration: { maxSeconds: 60 } },
}

describe('needsMediaReader', () => {
  it('is needed wherever images are accepted: the pixel guard holds without any rule', () => {
    expect(needsMediaReader(mergeRules(DEFAULT_POLICY, {}))).toBe(true)
    expect(needsMediaReader(mergeRules(DEFAULT_POLICY, { accept: ['image/png'] }))).toBe(true)
  })

  it('is not needed for sounds or clips alone without a duration rule', () => {
    expect(needsMediaReader(mergeRules(DEFAULT_POLICY, { accept: ['audio/*'] }))).toBe(false)
    expect(needsMediaReader(mergeRules(DEFAULT_POLICY, { accept: ['video/mp4', 'audio/*'] }))).toBe(false)
  })

  it("is needed for sounds or clips under the server's duration rule or the page's", () => {
    expect(needsMediaReader(mergeRules(withDuration, { accept: ['audio/*'] }))).toBe(true)
    const pageRule = mergeRules(DEFAULT_POLICY, {
      accept: ['video/*'],
      media: { duration: { minSeconds: 1 } },
    })
    expect(needsMediaReader(pageRule)).toBe(true)
  })
})
