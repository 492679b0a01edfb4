import { describe, expect, it, vi } from 'vitest'
import { withRetry } from './retry.js'

const noSleep = vi.fn(async (_ms: number) => {})

describe('withRetry', () => {
  it('retries until success, waiting the jittered delays', async () => {
    const sleep = vi.fn(async (_ms: number) => {})
    let calls = 0
    const result = await withRetry(
      async () => {
        calls++
        if (calls < 3) throw new Error('flaky')
        return 'ok'
      },
      { delays: [100, 200, 400], shouldRetry: () => true, sleep, random: () => 1 },
    )
    expect(result).toBe('ok')
    expect(calls).toBe(3)
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([120, 240])
  })

  it('gives up after the last delay with the last error', async () => {
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw new Error(`fail ${calls}`)
        },
        { delays: [1, 1], shouldRetry: () => true, sleep: noSleep },
      ),
    ).rejects.toThrow('fail 3')
  })

  it('does not retry what shouldRetry refuses', async () => {
    const attempt = vi.fn(async () => {
      throw new Error('400')
    })
    await expect(withRetry(attempt, { shouldRetry: () => false, sleep: noSleep })).rejects.toThrow('400')
    expect(attempt).toHaveBeenCalledOnce()
  })

  it('stops waiting when aborted', async () => {
    const controller = new AbortController()
    const promise = withRetry(
      async () => {
        throw new Error('down')
      },
      { delays: [60_000], shouldRetry: () => true, signal: controller.signal },
    )
    controller.abort(new Error('cancelled'))
    await expect(promise).rejects.toThrow('cancelled')
  })
})
