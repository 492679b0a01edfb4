import { describe, expect, it } from 'vitest'
import { cleanFilename, isFileId, newFileId, objectKey, parseObjectKey } from './keys.js'

describe('keys', () => {
  it('makes ids with the time, 144 random bits and the extension', () => {
    const now = new Date('2026-11-22T00:00:00Z')
    const id = newFileId('png', now)
    expect(isFileId(id)).toBe(true)
    // The random part is base64url, which has '-' too: split at the first one only.
    const dash = id.indexOf('-')
    expect(Number.parseInt(id.slice(0, dash), 36)).toBe(now.getTime())
    expect(Buffer.from(id.slice(dash + 1, -'.png'.length), 'base64url')).toHaveLength(18)
  })

  it('never repeats an id', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newFileId('jpg')))
    expect(ids.size).toBe(10_000)
  })

  it('builds keys under the owner and refuses anything that could leave that prefix', () => {
    const id = newFileId('mp4')
    expect(objectKey('key-0123abcd', id)).toBe(`uploads/key-0123abcd/${id}`)
    expect(() => objectKey('../x', id)).toThrow(TypeError)
    expect(() => objectKey('key-1', '../../etc/passwd')).toThrow(TypeError)
    expect(() => objectKey('key-1', `${id}/x`)).toThrow(TypeError)
    expect(() => newFileId('p/g')).toThrow(TypeError)
  })

  it('parses keys back and rejects foreign ones', () => {
    const id = newFileId('webm')
    expect(parseObjectKey(`uploads/key-1/${id}`)).toEqual({ owner: 'key-1', fileId: id })
    expect(parseObjectKey(`other/key-1/${id}`)).toBeNull()
    expect(parseObjectKey(`uploads/key-1/x/${id}`)).toBeNull()
  })

  it('keeps only a printable basename of client filenames', () => {
    expect(cleanFilename('C:\\Users\\me\\cat.png')).toBe('cat.png')
    expect(cleanFilename('../../etc/passwd')).toBe('passwd')
    // Bidi overrides and isolates, zero-width and other format characters go; letters stay.
    expect(cleanFilename('photo\u202Egnp.exe')).toBe('photognp.exe')
    expect(cleanFilename('\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202C\u202D.png')).toBe('abc.png')
    expect(cleanFilename('\uFEFFzero\u200Bwidth\u200D\u00ADsoft\u0085.png')).toBe('zerowidthsoft.png')
    expect(cleanFilename('café 写真 صورة.jpg')).toBe('café 写真 صورة.jpg')
    expect(cleanFilename('a\r\nSet-Cookie: x.png')).toBe('aSet-Cookie: x.png')
    expect(cleanFilename('x'.repeat(300))).toHaveLength(255)
  })

  it('treats every ASCII character as the general rule does (the plain-name shortcut included)', () => {
    for (let code = 0; code < 128; code++) {
      const c = String.fromCharCode(code)
      const expected = c === '/' || c === '\\' ? 'b.png' : code < 32 || code === 127 ? 'ab.png' : `a${c}b.png`
      expect(cleanFilename(`a${c}b.png`)).toBe(expected)
    }
    expect(cleanFilename('  my file (1).png  ')).toBe('my file (1).png')
    expect(cleanFilename(`${' '.repeat(10)}${'y'.repeat(300)}`)).toBe('y'.repeat(255))
    expect(cleanFilename('   ')).toBe('')
  })
})
