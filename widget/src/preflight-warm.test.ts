// @vitest-environment happy-dom

import { describe, expect, it, vi } from 'vitest'
import { rewarmOnIntent, WARM_FOR_MS, WARMED_ROUTES, warmPreflights } from './preflight-warm.js'

// The browser's side (that the preflight is cached and the drop's POSTs send none) is the e2e's
// (e2e/tests/round-trips.spec.ts); here, what the widget asks for and when.
const recorder = (answer: () => Promise<Response>) => {
  const calls: string[] = []
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${String(url)}`)
    return answer()
  }) as unknown as typeof fetch
  return { calls, fetchImpl }
}

describe('warmPreflights', () => {
  it('sends one OPTIONS to each signer route a drop POSTs to, once per endpoint', () => {
    const { calls, fetchImpl } = recorder(async () => new Response(null, { status: 204 }))
    void warmPreflights('https://signer-a.test', fetchImpl, 'https://page.test')
    void warmPreflights('https://signer-a.test', fetchImpl, 'https://page.test')
    expect(WARMED_ROUTES).toEqual(['/api/v1/files', '/api/v1/files/complete'])
    expect(calls).toEqual([
      'OPTIONS https://signer-a.test/api/v1/files',
      'OPTIONS https://signer-a.test/api/v1/files/complete',
    ])
  })

  it('sends nothing from the signer’s own origin, where no preflight is paid', () => {
    const { calls, fetchImpl } = recorder(async () => new Response(null, { status: 204 }))
    void warmPreflights('https://same.test/base', fetchImpl, 'https://same.test')
    void warmPreflights('https://signer-b.test', fetchImpl, undefined)
    expect(calls).toEqual([])
  })

  it('asks again at the next mount when the network failed, and never rejects', async () => {
    let fail = true
    const { calls, fetchImpl } = recorder(async () => {
      if (fail) throw new TypeError('Failed to fetch')
      return new Response(null, { status: 204 })
    })
    await expect(
      warmPreflights('https://signer-c.test', fetchImpl, 'https://page.test'),
    ).resolves.toBeUndefined()
    expect(calls).toHaveLength(2)
    fail = false
    await warmPreflights('https://signer-c.test', fetchImpl, 'https://page.test')
    expect(calls).toHaveLength(4)
    await warmPreflights('https://signer-c.test', fetchImpl, 'https://page.test')
    expect(calls).toHaveLength(4)
  })

  it('asks again once the browser may have dropped the cached preflight, not before', async () => {
    const { calls, fetchImpl } = recorder(async () => new Response(null, { status: 204 }))
    let clock = 1_000_000
    const now = () => clock
    await warmPreflights('https://signer-d.test', fetchImpl, 'https://page.test', now)
    expect(calls).toHaveLength(2)
    clock += WARM_FOR_MS - 1
    await warmPreflights('https://signer-d.test', fetchImpl, 'https://page.test', now)
    expect(calls).toHaveLength(2)
    clock += 1
    await warmPreflights('https://signer-d.test', fetchImpl, 'https://page.test', now)
    expect(calls).toHaveLength(4)
    // Chromium keeps a preflight 2 hours at most: the warm-up must count for less than that.
    expect(WARM_FOR_MS).toBeLessThan(2 * 3600_000)
    expect(WARM_FOR_MS).toBeGreaterThan(3600_000)
  })

  it('warms at each sign of a coming drop, and no longer once stopped', () => {
    const root = document.createElement('div')
    document.body.append(root)
    const warm = vi.fn()
    const stop = rewarmOnIntent(root, warm)
    root.dispatchEvent(new Event('pointerenter'))
    root.append(document.createElement('button'))
    root.querySelector('button')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    document.body.dispatchEvent(new Event('dragenter', { bubbles: true }))
    expect(warm).toHaveBeenCalledTimes(3)
    stop()
    root.dispatchEvent(new Event('pointerenter'))
    root.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    document.body.dispatchEvent(new Event('dragenter', { bubbles: true }))
    expect(warm).toHaveBeenCalledTimes(3)
    root.remove()
  })
})
