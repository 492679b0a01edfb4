import { describe, expect, it } from 'vitest'
import { extensionOf, kindOf, mimeFromExtension, normalizeMime } from './media-types.js'

describe('media types', () => {
  it('folds aliases and parameters', () => {
    expect(normalizeMime('Audio/X-WAV')).toBe('audio/wav')
    expect(normalizeMime('video/webm; codecs="vp9"')).toBe('video/webm')
    expect(normalizeMime('image/jpg')).toBe('image/jpeg')
    expect(normalizeMime('image/png')).toBe('image/png')
  })

  it('names the kind of a type', () => {
    expect(kindOf('audio/x-m4a')).toBe('audio')
    expect(kindOf('video/mp4')).toBe('video')
    expect(kindOf('text/html')).toBeUndefined()
    expect(kindOf('')).toBeUndefined()
  })

  it('reads extensions', () => {
    expect(extensionOf('Photo.JPG')).toBe('jpg')
    expect(extensionOf('archive.tar.gz')).toBe('gz')
    expect(extensionOf('.bashrc')).toBe('')
    expect(extensionOf('noext')).toBe('')
    expect(extensionOf('trailing.')).toBe('')
    expect(mimeFromExtension('HEIC')).toBe('image/heic')
    expect(mimeFromExtension('mkv')).toBe('video/x-matroska')
    expect(mimeFromExtension('exe')).toBeUndefined()
  })
})
