import { describe, expect, test } from 'vitest'
import { createRandomPool } from './random-pool.js'

describe('random pool', () => {
  test('hands every filled byte out once, refilling when the tail is too short', () => {
    // A fill that numbers bytes 0, 1, 2, ... across refills shows exactly which bytes went out.
    let counter = 0
    const fills: number[] = []
    const pool = createRandomPool(10, (buffer) => {
      fills.push(counter)
      for (let i = 0; i < buffer.length; i++) buffer[i] = counter++ % 256
    })
    const taken = Array.from({ length: 7 }, () => [...Buffer.from(pool.base64url(4), 'base64url')])
    // 10 bytes a fill, 4 at a time: two takes a fill, the last 2 bytes of each fill dropped.
    expect(fills).toEqual([0, 10, 20, 30])
    expect(taken).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [10, 11, 12, 13],
      [14, 15, 16, 17],
      [20, 21, 22, 23],
      [24, 25, 26, 27],
      [30, 31, 32, 33],
    ])
  })

  test('fills lazily and can hand out the whole buffer at once', () => {
    let fills = 0
    const pool = createRandomPool(6, (buffer) => {
      fills++
      buffer.fill(fills)
    })
    expect(fills).toBe(0)
    expect(Buffer.from(pool.base64url(6), 'base64url')).toEqual(Buffer.alloc(6, 1))
    expect(Buffer.from(pool.base64url(1), 'base64url')).toEqual(Buffer.alloc(1, 2))
  })

  test('refuses sizes it cannot serve', () => {
    const pool = createRandomPool(8)
    for (const n of [0, -1, 9, 1.5, Number.NaN]) expect(() => pool.base64url(n)).toThrow(RangeError)
    expect(() => createRandomPool(0)).toThrow(RangeError)
  })

  test('the real thing: 18-byte draws are base64url, distinct, and their bits look uniform', () => {
    const pool = createRandomPool()
    const draws = Array.from({ length: 2000 }, () => pool.base64url(18))
    expect(new Set(draws).size).toBe(draws.length)
    let ones = 0
    for (const draw of draws) {
      expect(draw).toMatch(/^[A-Za-z0-9_-]{24}$/)
      for (const byte of Buffer.from(draw, 'base64url')) for (let b = byte; b > 0; b >>= 1) ones += b & 1
    }
    // 288,000 bits: the share of ones is 0.5 ± 0.005, over 5 standard deviations (0.00093): never flaky.
    expect(Math.abs(ones / (2000 * 18 * 8) - 0.5)).toBeLessThan(0.005)
  })
})
