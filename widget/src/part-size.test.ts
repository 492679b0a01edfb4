import { describe, expect, it } from 'vitest'
import { partSizeFor } from './part-size.js'
import { DEFAULT_POLICY, type MultipartPlan } from './policy.js'

const MIB = 1024 * 1024
const plan = DEFAULT_POLICY.multipart as MultipartPlan

describe('partSizeFor', () => {
  it('cuts 32 MiB parts (the server default) until a file would need more than 10,000 of them', () => {
    expect(partSizeFor(120 * MIB, plan)).toBe(32 * MIB)
    expect(partSizeFor(320_000 * MIB, plan)).toBe(32 * MIB)
    expect(partSizeFor(320_000 * MIB + 1, plan)).toBe(33 * MIB)
  })

  it('follows a plan the server publishes', () => {
    expect(partSizeFor(10 * MIB, { threshold: 0, basePartSize: 5 * MIB, maxParts: 2 })).toBe(5 * MIB)
    expect(partSizeFor(11 * MIB, { threshold: 0, basePartSize: 5 * MIB, maxParts: 2 })).toBe(6 * MIB)
  })
})
