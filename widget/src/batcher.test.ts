import { describe, expect, it } from 'vitest'
import type { Settled } from './api-types.js'
import { createBatcher } from './batcher.js'
import { nextTask } from './test-fixtures.js'

/** A send whose requests the test answers one by one, in the order they were sent. */
function manualSend<In>() {
  const requests: {
    items: readonly In[]
    answer: (a: readonly Settled<string>[]) => void
    fail: (e: unknown) => void
  }[] = []
  const waiters: (() => void)[] = []
  const send = (items: readonly In[]) =>
    new Promise<readonly Settled<string>[]>((answer, fail) => {
      requests.push({ items, answer, fail })
      for (const wake of waiters.splice(0)) wake()
    })
  /** Resolves once `count` requests were sent. */
  const sent = async (count: number) => {
    while (requests.length < count) await new Promise<void>((wake) => waiters.push(wake))
  }
  return { requests, send, sent }
}

const ok = (value: string): Settled<string> => ({ ok: true, value })
const echo = (items: readonly number[]) => items.map((n) => ok(`v${n}`))

describe('createBatcher', () => {
  it('sends what is asked within one task as one request', async () => {
    const sent: number[][] = []
    const ask = createBatcher<number, string>({
      max: 20,
      send: async (items) => {
        sent.push([...items])
        return echo(items)
      },
    })
    const answers = await Promise.all([ask(1), ask(2), ask(3)])
    expect(answers).toEqual(['v1', 'v2', 'v3'])
    expect(sent).toEqual([[1, 2, 3]])
  })

  it('coalesces what is asked while a request is in flight into the next one', async () => {
    const { requests, send, sent } = manualSend<number>()
    const ask = createBatcher<number, string>({ max: 20, send })
    const first = ask(1)
    await sent(1)
    // Asked in later tasks, while the first request is out: they wait for it, then go together.
    const later = [ask(2)]
    await Promise.resolve()
    later.push(ask(3))
    await nextTask()
    later.push(ask(4))
    expect(requests).toHaveLength(1)
    requests[0]?.answer([ok('a')])
    expect(await first).toBe('a')
    await sent(2)
    expect(requests[1]?.items).toEqual([2, 3, 4])
    requests[1]?.answer([ok('b'), ok('c'), ok('d')])
    expect(await Promise.all(later)).toEqual(['b', 'c', 'd'])
    expect(requests).toHaveLength(2)
  })

  it('splits more than `max` items into requests of at most `max`, sent side by side', async () => {
    const { requests, send, sent } = manualSend<number>()
    const ask = createBatcher<number, string>({ max: 20, send })
    const all = Array.from({ length: 45 }, (_, i) => ask(i))
    await sent(3)
    expect(requests.map((r) => r.items.length)).toEqual([20, 20, 5])
    expect(requests.flatMap((r) => r.items)).toEqual(Array.from({ length: 45 }, (_, i) => i))
    for (const request of requests) request.answer(echo(request.items as number[]))
    expect(await Promise.all(all)).toEqual(Array.from({ length: 45 }, (_, i) => `v${i}`))
  })

  it('fails a refused item alone with its own error; the others get their answers', async () => {
    const refusal = new Error('Only image/, video/, or audio/ content types are accepted')
    const ask = createBatcher<number, string>({
      max: 20,
      send: async (items) => items.map((n) => (n === 2 ? { ok: false, error: refusal } : ok(`v${n}`))),
    })
    const answers = await Promise.allSettled([ask(1), ask(2), ask(3)])
    expect(answers).toEqual([
      { status: 'fulfilled', value: 'v1' },
      { status: 'rejected', reason: refusal },
      { status: 'fulfilled', value: 'v3' },
    ])
  })

  it('fails every item of a request that failed as a whole, and goes on with the next', async () => {
    const { requests, send, sent } = manualSend<number>()
    const ask = createBatcher<number, string>({ max: 20, send })
    const first = [ask(1), ask(2)].map((p) => p.catch((e: unknown) => e))
    await sent(1)
    const next = ask(3)
    const down = new Error('Failed to fetch')
    requests[0]?.fail(down)
    expect(await Promise.all(first)).toEqual([down, down])
    await sent(2)
    expect(requests[1]?.items).toEqual([3])
    requests[1]?.answer([ok('c')])
    expect(await next).toBe('c')
  })

  it('fails an item the answer has no entry for', async () => {
    const ask = createBatcher<number, string>({ max: 20, send: async () => [ok('only one')] })
    const [a, b] = await Promise.allSettled([ask(1), ask(2)])
    expect(a).toEqual({ status: 'fulfilled', value: 'only one' })
    expect(b.status === 'rejected' && String(b.reason)).toContain('no entry for this item')
  })

  it('refuses a batch size below 1', () => {
    expect(() => createBatcher({ max: 0, send: async () => [] })).toThrow(TypeError)
  })
})
