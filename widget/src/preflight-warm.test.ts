import { describe, expect, it, vi } from 'vitest'
import { WARMED_ROUTES, warmPreflights } from './preflight-warm.js'

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
})
