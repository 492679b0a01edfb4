import { describe, expect, it } from 'vitest'
import { capFor } from './caps.js'
import {
  canonicalType,
  extensionFor,
  extensionOf,
  extensionsOf,
  familyOf,
  isAllowedType,
  MEDIA_TYPES,
  normalizeContentType,
  typeFromExtension,
  typeFromFilename,
  typesOf,
} from './media-types.js'

const caps = { image: 10, video: 100, audio: 50 }

describe('media table', () => {
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

  it('folds aliases into the type they name, and accepts them as it', () => {
    expect(canonicalType('Audio/X-WAV')).toBe('audio/wav')
    expect(canonicalType('video/webm; codecs="vp9"')).toBe('video/webm')
    expect(canonicalType('image/jpg')).toBe('image/jpeg')
    expect(canonicalType('image/svg+xml')).toBeNull()
    expect(isAllowedType('audio/x-flac')).toBe(true)
    expect(familyOf('audio/x-m4a')).toBe('audio')
    expect(extensionFor('take.wav', 'audio/x-wav')).toBe('wav')
  })

  it('lists every spelling and extension of a family, each once', () => {
    expect(typesOf('audio')).toEqual(expect.arrayContaining(['audio/wav', 'audio/x-wav', 'audio/x-matroska']))
    expect(typesOf('image')).not.toContain('video/mp4')
    expect(extensionsOf('image')).toEqual(expect.arrayContaining(['bmp', 'tif', 'heic']))
    const audio = extensionsOf('audio')
    expect(new Set(audio).size).toBe(audio.length)
  })

  it('keeps every alias unique to one type, and every row in its own family', () => {
    const aliases = Object.values(MEDIA_TYPES).flatMap((row) => row.aliases)
    expect(new Set(aliases).size).toBe(aliases.length)
    for (const [type, row] of Object.entries(MEDIA_TYPES)) {
      expect(type.startsWith(`${row.family}/`), type).toBe(true)
      for (const alias of row.aliases) expect(alias.startsWith(`${row.family}/`), alias).toBe(true)
      expect(row.extensions.length, type).toBeGreaterThan(0)
    }
  })

  it('reads extensions as a file picker does', () => {
    expect(extensionOf('Photo.JPG')).toBe('jpg')
    expect(extensionOf('archive.tar.gz')).toBe('gz')
    expect(extensionOf('.bashrc')).toBe('')
    expect(extensionOf('trailing.')).toBe('')
    expect(typeFromExtension('HEIC')).toBe('image/heic')
    expect(typeFromExtension('mkv')).toBe('video/x-matroska')
    expect(typeFromExtension('mp4')).toBe('video/mp4')
    expect(typeFromExtension('exe')).toBeNull()
  })
})
