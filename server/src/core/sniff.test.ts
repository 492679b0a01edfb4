import { describe, expect, it } from 'vitest'
import { disguised, fixture, gif, mp4, png, REAL_MEDIA, wav } from '../../test/media.js'
import { familyOf } from './policy.js'
import { contentMatchesType, typeFromBytes } from './sniff.js'

describe('sniff', () => {
  it('accepts media of the declared family', async () => {
    expect(await contentMatchesType(png(), 'image/png')).toBe(true)
    expect(await contentMatchesType(gif(), 'image/gif')).toBe(true)
    expect(await contentMatchesType(wav(), 'audio/wav')).toBe(true)
    expect(await contentMatchesType(mp4(), 'video/mp4')).toBe(true)
  })

  it('lets an audio/video container stand for either family', async () => {
    expect(await contentMatchesType(mp4(), 'audio/mp4')).toBe(true)
  })

  it('refuses media of another family', async () => {
    expect(await contentMatchesType(png(), 'video/mp4')).toBe(false)
    expect(await contentMatchesType(wav(), 'image/png')).toBe(false)
  })

  it.each(Object.entries(disguised))('refuses %s whatever it is declared as', async (_, bytes) => {
    for (const declared of ['image/png', 'video/mp4', 'audio/mpeg'])
      expect(await contentMatchesType(bytes, declared)).toBe(false)
  })

  it('refuses a declared type outside the allow-list even for real media', async () => {
    expect(await contentMatchesType(png(), 'image/svg+xml')).toBe(false)
  })

  it('names the type of undeclared media and nothing else', async () => {
    expect(await typeFromBytes(png())).toBe('image/png')
    expect(await typeFromBytes(wav())).toBe('audio/wav')
    expect(await typeFromBytes(disguised.html)).toBeNull()
    expect(await typeFromBytes(new Uint8Array())).toBeNull()
  })
})

describe('sniff on real media made by ffmpeg', () => {
  it.each(REAL_MEDIA)('accepts %s as %s', async (name, type) => {
    expect(await contentMatchesType(fixture(name), type)).toBe(true)
  })

  it.each(REAL_MEDIA)('names the type of %s', async (name, type) => {
    expect(familyOf((await typeFromBytes(fixture(name))) ?? '')).toBe(familyOf(type))
  })
})
