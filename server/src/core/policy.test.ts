import { describe, expect, it } from 'vitest'
import {
  capFor,
  extensionFor,
  familyOf,
  isAllowedType,
  normalizeContentType,
  typeFromFilename,
} from './policy.js'

const caps = { image: 10, video: 100, audio: 50 }

describe('policy', () => {
  it('normalizes case and drops parameters', () => {
    expect(normalizeContentType(' Image/PNG; charset=binary ')).toBe('image/png')
  })

  it('allows listed media and refuses everything else, SVG included', () => {
    expect(isAllowedType('image/png')).toBe(true)
    expect(isAllowedType('video/mp4')).toBe(true)
    expect(isAllowedType('audio/mpeg')).toBe(true)
    for (const t of [
      'image/svg+xml',
      'text/html',
      'application/pdf',
      'application/zip',
      'image/',
      'video',
      '',
    ])
      expect(isAllowedType(t), t).toBe(false)
  })

  it('maps types to families and families to caps', () => {
    expect(familyOf('audio/ogg')).toBe('audio')
    expect(capFor(caps, 'image/webp')).toBe(10)
    expect(capFor(caps, 'video/webm')).toBe(100)
    expect(capFor(caps, 'audio/wav')).toBe(50)
    expect(capFor(caps, 'text/plain')).toBeNull()
  })

  it("keeps the filename's extension only when it belongs to the declared type", () => {
    expect(extensionFor('Cat.JPEG', 'image/jpeg')).toBe('jpeg')
    expect(extensionFor('cat.html', 'image/png')).toBe('png')
    expect(extensionFor('no-extension', 'video/mp4')).toBe('mp4')
    expect(extensionFor('../../etc/passwd', 'audio/mpeg')).toBe('mp3')
    expect(() => extensionFor('x.png', 'text/html')).toThrow(TypeError)
  })

  it('guesses a type from a known extension only', () => {
    expect(typeFromFilename('clip.MOV')).toBe('video/quicktime')
    expect(typeFromFilename('notes.txt')).toBeNull()
    expect(typeFromFilename('README')).toBeNull()
  })
})
