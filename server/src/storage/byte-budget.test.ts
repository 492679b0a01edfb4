import { describe, expect, it } from 'vitest'
import { createByteBudget } from './byte-budget.js'

describe('byte budget', () => {
  it('grants up to the total, then makes the next wait until bytes come back, in order', async () => {
    const budget = createByteBudget(10)
    const first = await budget.acquire(6)
    const second = await budget.acquire(4)
    expect(budget.available).toBe(0)
    const order: string[] = []
    const third = budget.acquire(5).then((release) => {
      order.push('third')
      return release
    })
    const fourth = budget.acquire(1).then((release) => {
      order.push('fourth')
      return release
    })
    // One turn of the event loop: every promise job that could grant them has run.
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual([])
    first()
    first() // giving back twice counts once
    const releaseThird = await third
    const releaseFourth = await fourth
    expect(order).toEqual(['third', 'fourth'])
    expect(budget.available).toBe(0)
    second()
    releaseThird()
    releaseFourth()
    expect(budget.available).toBe(10)
  })

  it('gives a request larger than the total the whole budget rather than waiting forever', async () => {
    const budget = createByteBudget(8)
    const release = await budget.acquire(100)
    expect(budget.available).toBe(0)
    release()
    expect(budget.available).toBe(8)
  })

  it('refuses a budget that is not a positive integer', () => {
    expect(() => createByteBudget(0)).toThrow(TypeError)
    expect(() => createByteBudget(1.5)).toThrow(TypeError)
  })
})
