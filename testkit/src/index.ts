import { createServer } from 'node:net'

export { curlPut } from './curl-put.js'
export { type Sent, sendChunks } from './http-send.js'

/**
 * Shared by server/test, e2e/harness and bench/src: loopback ports and how Debian's Chromium is
 * launched, and an HTTP request with a streamed body. Only what they need; each keeps its own way of starting its processes.
 */

/** A free loopback port, as the OS hands one out (free when asked: bind it soon). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Whether nothing listens on this loopback port now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

/**
 * Debian's Chromium as Playwright launches it here: Playwright cannot download its own browser on
 * these machines, and without the background-networking flags Chromium keeps trying hosts the closed
 * network refuses. `--no-sandbox` because tests run as root.
 */
export const CHROMIUM_LAUNCH = Object.freeze({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
