import { afterEach, describe, expect, it } from 'vitest'
import { makeApp } from '../../test/harness.js'
import { png } from '../../test/media.js'

/**
 * The publishable-key rate limit behind proxies you run: a client that writes a new X-Forwarded-For
 * on every request must still be counted by the address the proxy appended.
 */
const PK = 'dg_pk_test_proxy'
const ORIGIN = 'http://shop.example.com'
let t: Awaited<ReturnType<typeof makeApp>> | undefined
afterEach(() => t?.close())

async function appBehindProxies(hops?: number) {
  t = await makeApp({
    DROPGATE_PUBLISHABLE_KEYS: `${PK}|${ORIGIN}`,
    DROPGATE_PUBLISHABLE_RATE_LIMIT: '2/60',
    DROPGATE_TRUST_PROXY: 'true',
    ...(hops === undefined ? {} : { DROPGATE_TRUSTED_PROXY_HOPS: String(hops) }),
  })
  return t.app
}

async function create(app: Awaited<ReturnType<typeof appBehindProxies>>, forwardedFor: string) {
  const res = await app.request('/api/v1/files', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${PK}`,
      origin: ORIGIN,
      'content-type': 'application/json',
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', fileSize: png().length }),
  })
  return res.status
}

describe('the publishable-key rate limit behind a trusted proxy', () => {
  it('counts the address the proxy appended, whatever the client wrote before it', async () => {
    const app = await appBehindProxies()
    expect(await create(app, '10.0.0.1, 203.0.113.7')).toBe(200)
    expect(await create(app, '10.0.0.2, 203.0.113.7')).toBe(200)
    expect(await create(app, '10.0.0.3, 203.0.113.7')).toBe(429)
    // Another client behind the same proxy has its own allowance.
    expect(await create(app, '10.0.0.3, 203.0.113.8')).toBe(200)
  })

  it('counts the outermost proxy’s entry with DROPGATE_TRUSTED_PROXY_HOPS=2', async () => {
    const app = await appBehindProxies(2)
    // Client-written, then the CDN's entry (the client), then the load balancer's (the CDN).
    expect(await create(app, '10.0.0.1, 198.51.100.4, 172.16.0.9')).toBe(200)
    expect(await create(app, '10.0.0.2, 198.51.100.4, 172.16.0.10')).toBe(200)
    expect(await create(app, '10.0.0.3, 198.51.100.4, 172.16.0.9')).toBe(429)
    expect(await create(app, '10.0.0.3, 198.51.100.5, 172.16.0.9')).toBe(200)
  })
})
