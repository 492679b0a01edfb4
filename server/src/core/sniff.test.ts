import { contentMatchesType, familyOf, typeFromBytes } from '@dropgate/core'
import { describe, expect, it } from 'vitest'
import { disguised, fixture, gif, mp4, png, REAL_MEDIA, wav } from '../../test/media.js'

describe('sniff', () => {
  it('accepts media of the declared family', async () => {
    expect(contentMatchesType(png(), 'image/png')).toBe(true)
    expect(contentMatchesType(gif(), 'image/gif')).toBe(true)
    expect(contentMatchesType(wav(), 'audio/wav')).toBe(true)
    expect(contentMatchesType(mp4(), 'video/mp4')).toBe(true)
  })

  it('lets an audio/video container stand for either family', async () => {
    expect(contentMatchesType(mp4(), 'audio/mp4')).toBe(true)
  })

  it('refuses media of another family', async () => {
    expect(contentMatchesType(png(), 'video/mp4')).toBe(false)
    expect(contentMatchesType(wav(), 'image/png')).toBe(false)
  })

  it.each(Object.entries(disguised))('refuses %s whatever it is declared as', async (_, bytes) => {
    for (const declared of ['image/png', 'video/mp4', 'audio/mpeg'])
      expect(contentMatchesType(bytes, declared)).toBe(false)
  })

  it('refuses a declared type outside the allow-list even for real media', async () => {
    expect(contentMatchesType(png(), 'image/svg+xml')).toBe(false)
  })

  it('names the type of undeclared media and nothing else', async () => {
    expect(typeFromBytes(png())).toBe('image/png')
    expect(typeFromBytes(wav())).toBe('audio/wav')
    expect(typeFromBytes(disguised.html)).toBeNull()
    expect(typeFromBytes(new Uint8Array())).toBeNull()
  })
})

describe('sniff on real media made by ffmpeg', () => {
  it.each(REAL_MEDIA)('accepts %s as %s', async (name, type) => {
    expect(contentMatchesType(fixture(name), type)).toBe(true)
  })

  it.each(REAL_MEDIA)('names the type of %s', async (name, type) => {
    expect(familyOf(typeFromBytes(fixture(name)) ?? '')).toBe(familyOf(type))
  })
})
