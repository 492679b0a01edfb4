import { describe, expect, it } from 'vitest'
import { formatSize, parseSize } from './size.js'

describe('parseSize', () => {
  it('takes plain bytes as a number or a string', () => {
    expect(parseSize(1234)).toBe(1234)
    expect(parseSize('1234')).toBe(1234)
    expect(parseSize(' 0 ')).toBe(0)
  })

  it('reads binary units, case-insensitively, with or without a space', () => {
    expect(parseSize('10MB')).toBe(10 * 1024 * 1024)
    expect(parseSize('10 mb')).toBe(10 * 1024 * 1024)
    expect(parseSize('1.5GiB')).toBe(1.5 * 1024 ** 3)
    expect(parseSize('512k')).toBe(512 * 1024)
    expect(parseSize('.5MB')).toBe(512 * 1024)
    expect(parseSize('20B')).toBe(20)
  })

  it('refuses what is not a size', () => {
    for (const bad of ['', 'MB', '-1', '10 XB', '1e3', 'ten', '10MB5', Number.NaN, -5, Infinity, null, {}]) {
      expect(parseSize(bad)).toBeUndefined()
    }
  })
})

describe('formatSize', () => {
  it('uses the unit the server prints', () => {
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MiB')
    expect(formatSize(100 * 1024 * 1024)).toBe('100 MiB')
    expect(formatSize(1536)).toBe('1.5 KiB')
    expect(formatSize(999)).toBe('999 B')
  })

  it('formats the number for the locale', () => {
    expect(formatSize(1536, 'de')).toBe('1,5 KiB')
  })
})
