import { describe, expect, it } from 'vitest'
import { disguised, gif, mp4, png, wav } from '../../test/media.js'
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
