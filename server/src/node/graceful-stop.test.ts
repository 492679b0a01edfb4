import { describe, expect, it } from 'vitest'
import { trackRequests } from './graceful-stop.js'

describe('trackRequests', () => {
  it('counts handlers until their answer settles, rejected ones included, and tells when none runs', async () => {
    const pending: ((answer: Response) => void)[] = []
    let fail: (error: Error) => void = () => {}
    const requests = trackRequests((kind: string) =>
      kind === 'sync'
        ? new Response('now')
        : new Promise<Response>((resolve, reject) => {
            if (kind === 'fails') fail = reject
            else pending.push(resolve)
          }),
    )
    requests.fetch('sync')
    expect(requests.running).toBe(0)
    const slow = requests.fetch('slow')
    const failing = requests.fetch('fails')
    expect(requests.running).toBe(2)
    let idle: boolean | null = null
    const waiting = requests.idle(60_000).then((value) => {
      idle = value
    })
    fail(new Error('refused'))
    await expect(failing).rejects.toThrow('refused')
    expect(requests.running).toBe(1)
    expect(idle).toBeNull()
    pending[0]?.(new Response('done'))
    await slow
    await waiting
    expect(idle).toBe(true)
    expect(requests.running).toBe(0)
  })

  it('idle(ms) gives up after ms while a handler still runs', async () => {
    const requests = trackRequests(() => new Promise<Response>(() => {}))
    requests.fetch()
    expect(await requests.idle(10)).toBe(false)
    expect(requests.running).toBe(1)
  })
})
