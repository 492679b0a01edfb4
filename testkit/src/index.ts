export { curlPut } from './curl-put.js'
export { type FaultMode, type FaultProxy, type FaultProxyCounts, startFaultProxy } from './fault-proxy.js'
export { type Sent, sendChunks } from './http-send.js'
export { freePort, portIsFree } from './ports.js'
export { connectionsOnPort, openFds, socketCount } from './proc.js'
export { STOCK_UPPY } from './stock-uppy.js'
export { freeSwiftPort, SWIFT_SCRIPT, swiftS3Env } from './swift.js'
export {
  multipartFormHead,
  multipartFormTail,
  sendPartial,
  type Trickle,
  trickle,
  type Vanish,
  type Vanished,
} from './vanishing-client.js'

/**
 * Shared by server/test, e2e/harness and bench/src: loopback ports and how Debian's Chromium is
 * launched, the S3 test server's ports and variables, an HTTP request with a streamed body, `curl -T`;
 * for fault tests, a TCP proxy whose connections die, stall or black-hole, raw clients that vanish
 * mid-request or trickle their body, and a process's open fds. Only what they need; each keeps its
 * own way of starting its processes.
 */

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
