import { describe, expect, it } from 'vitest'
import { MULTIPART, partCountFor, partLength, partSizeFor } from './multipart-plan.js'

const MiB = 1024 * 1024

describe('multipart plan', () => {
  it('uses 32 MiB parts until a file would need more than 10,000 of them', () => {
    expect(partSizeFor(120 * MiB)).toBe(32 * MiB)
    expect(partSizeFor(320_000 * MiB)).toBe(32 * MiB)
    expect(partSizeFor(320_000 * MiB + 1)).toBe(33 * MiB)
    const huge = 5 * 1024 * 1024 * MiB // 5 TiB, S3's object limit
    expect(partCountFor(huge, partSizeFor(huge))).toBeLessThanOrEqual(MULTIPART.maxParts)
  })

  it('follows a plan with another base part size', () => {
    const plan = { ...MULTIPART, basePartSize: 8 * MiB }
    expect(partSizeFor(120 * MiB, plan)).toBe(8 * MiB)
    expect(partSizeFor(80_000 * MiB + 1, plan)).toBe(9 * MiB)
  })

  it('cuts equal parts and a shorter last one that add up to the file', () => {
    const size = 120 * MiB + 123
    const partSize = partSizeFor(size, { ...MULTIPART, basePartSize: 8 * MiB })
    const count = partCountFor(size, partSize)
    expect(count).toBe(16)
    const lengths = Array.from({ length: count }, (_, i) => partLength(size, partSize, i + 1) as number)
    expect(lengths.slice(0, -1).every((length) => length === partSize)).toBe(true)
    expect(lengths.at(-1)).toBe(123)
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(size)
  })

  it('has no part 0, no part past the end, and one part for a small file', () => {
    expect(partLength(10, 8 * MiB, 0)).toBeNull()
    expect(partLength(10, 8 * MiB, 2)).toBeNull()
    expect(partLength(10, 8 * MiB, 1.5)).toBeNull()
    expect(partLength(10, 8 * MiB, 1)).toBe(10)
  })
})
