import type { Context } from 'hono'
import { type RuntimeIo, webIo } from '../http/runtime-io.js'
import { refuseOverBodyLimit } from './workers-body-limit.js'

/**
 * The web-standard I/O for Workers: the client's address Cloudflare gives every request,
 * `CF-Connecting-IP`, set by Cloudflare's edge (a client's own header of that name is overwritten
 * there), so on Workers it is the peer's address as a socket's would be on Node
 * (DROPGATE_TRUST_PROXY still applies first, http/client-address.ts, for a proxy of yours in front of
 * the Worker); and a streamed (multipart) body refused past the runtime's limit before a byte is read.
 */
export function workersIo(bodyLimitBytes: number): RuntimeIo {
  return {
    ...webIo,
    bodyStream(c: Context) {
      refuseOverBodyLimit(c.req.raw, bodyLimitBytes)
      return webIo.bodyStream(c)
    },
    remoteAddress: (c: Context) => c.req.header('cf-connecting-ip') ?? 'unknown',
  }
}
