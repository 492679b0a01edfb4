import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { nodeIo } from '../node/body-stream.js'
import { clientAddress, forwardedClient, type ProxyTrust } from './client-address.js'
import { useIo } from './runtime-io.js'

describe('forwardedClient', () => {
  it('takes the entry the proxy appended, not what the client wrote before it', () => {
    expect(forwardedClient('203.0.113.9', 1)).toBe('203.0.113.9')
    expect(forwardedClient('6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9')
    expect(forwardedClient('1.1.1.1, 2.2.2.2, 203.0.113.9', 1)).toBe('203.0.113.9')
  })

  it('counts one entry per proxy from the right', () => {
    // Client-written, then the outer proxy's (the client), then the inner proxy's (the outer proxy).
    const header = '6.6.6.6, 198.51.100.4, 10.0.0.2'
    expect(forwardedClient(header, 2)).toBe('198.51.100.4')
    expect(forwardedClient(header, 3)).toBe('6.6.6.6')
  })

  it('trims spaces and ignores empty entries', () => {
    expect(forwardedClient('  6.6.6.6 ,\t203.0.113.9  ', 1)).toBe('203.0.113.9')
    expect(forwardedClient('6.6.6.6,,203.0.113.9,', 1)).toBe('203.0.113.9')
    expect(forwardedClient(', ,', 1)).toBeNull()
    expect(forwardedClient('', 1)).toBeNull()
  })

  it('keeps IPv6 addresses whole', () => {
    expect(forwardedClient('2001:db8::1, 2001:db8:cafe::17', 1)).toBe('2001:db8:cafe::17')
    expect(forwardedClient('2001:db8::1, 2001:db8:cafe::17', 2)).toBe('2001:db8::1')
    expect(forwardedClient('[2001:db8::1]:4711', 1)).toBe('[2001:db8::1]:4711')
  })

  it('gives nothing when there are fewer entries than proxies, or no header', () => {
    expect(forwardedClient('203.0.113.9', 2)).toBeNull()
    expect(forwardedClient('6.6.6.6, 203.0.113.9', 3)).toBeNull()
    expect(forwardedClient(undefined, 1)).toBeNull()
  })
})

describe('clientAddress', () => {
  const SOCKET = '192.0.2.50'
  /** What a route sees as the client's address for these request headers, over a socket from SOCKET. */
  async function seen(proxy: ProxyTrust, headers: HeadersInit, socket: string | null = SOCKET) {
    // The socket's address is the runtime's to tell: here Node's, as the Node entry injects it.
    const app = new Hono()
      .use((c, next) => {
        useIo(c, nodeIo)
        return next()
      })
      .get('/', (c) => c.text(clientAddress(c, proxy)))
    const env = socket === null ? undefined : { incoming: { socket: { remoteAddress: socket } } }
    return (await app.request('/', { headers }, env)).text()
  }
  const oneProxy = { trustProxy: true, trustedProxyHops: 1 }

  it('merges repeated X-Forwarded-For headers in order', async () => {
    const repeated: [string, string][] = [
      ['x-forwarded-for', '6.6.6.6, 7.7.7.7'],
      ['x-forwarded-for', '203.0.113.9'],
    ]
    expect(await seen(oneProxy, repeated)).toBe('203.0.113.9')
    expect(await seen({ trustProxy: true, trustedProxyHops: 2 }, repeated)).toBe('7.7.7.7')
  })

  it('falls back to the socket when the header is short, blank or missing', async () => {
    const twoProxies = { trustProxy: true, trustedProxyHops: 2 }
    expect(await seen(twoProxies, { 'x-forwarded-for': '203.0.113.9' })).toBe(SOCKET)
    expect(await seen(oneProxy, { 'x-forwarded-for': ' , ' })).toBe(SOCKET)
    expect(await seen(oneProxy, {})).toBe(SOCKET)
    expect(await seen(oneProxy, {}, null)).toBe('unknown')
  })

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const untrusted = { trustProxy: false, trustedProxyHops: 1 }
    expect(await seen(untrusted, { 'x-forwarded-for': '203.0.113.9' })).toBe(SOCKET)
  })
})
