import { connect, createServer, type Socket } from 'node:net'
import { resetSocket } from './reset.js'

/**
 * What the proxy does with its connections, switched for all of them at once by `mode()`:
 * - `pass`: forwards both ways (a connection accepted in another mode connects upstream now, and
 *   what it held is sent first, so a stall that ends loses nothing);
 * - `cut`: resets every open connection, both sides, and each new one right after accept;
 * - `stall`: keeps reading what clients send (so their writes complete) but holds it, and forwards
 *   nothing either way: a store that takes the body and never answers. New connections do not
 *   reach the target at all;
 * - `blackhole`: new connections are accepted and never read, answered or forwarded (their client
 *   writes until the socket buffers are full); the open ones behave as `stall`;
 * - `deaf`: forwards what clients send, and drops what the target answers: the store does the work
 *   (creates a multipart upload, stores an object) and the answer is lost on the way back.
 */
export type FaultMode = 'pass' | 'cut' | 'stall' | 'blackhole' | 'deaf'

export interface FaultProxyCounts {
  /** Connections accepted so far, in any mode (a client that never connected proves nothing). */
  accepted: number
  /** Bytes read from clients, forwarded or held. */
  fromClients: number
  /** Bytes written to the target. */
  upstream: number
  /** Bytes written back to clients. */
  toClients: number
}

export interface FaultProxy {
  port: number
  /** `http://127.0.0.1:<port>`, what a client is pointed at instead of the target. */
  url: string
  mode(mode: FaultMode): void
  /**
   * Resets each connection once this many bytes (head included) went upstream on it: a store
   * connection lost mid-body. `null` turns it off. Applies to the open connections too. The target
   * has the bytes unread when the RST comes, so Node there usually reports a plain end, not
   * ECONNRESET (see `Vanish`); node:http still aborts the request.
   */
  cutAfter(bytesUpstream: number | null): void
  /** Connections not closed yet, on either side (one client socket and its upstream socket). */
  readonly connections: number
  readonly counts: Readonly<FaultProxyCounts>
  /**
   * Resolves once `check()` holds, tested now and after everything the proxy does (accept, bytes,
   * close, mode): a test waits for what it needs instead of sleeping. Rejects when `signal` aborts.
   */
  until(check: () => boolean, signal?: AbortSignal): Promise<void>
  /** Resets every socket and closes the server; resolves when nothing of the proxy is open. */
  close(): Promise<void>
}

/** One client connection and what the proxy keeps for it. */
interface Link {
  client: Socket
  upstream: Socket | null
  /** Client bytes read while not passing, sent upstream (in order) when `pass` comes back. */
  held: Buffer[]
  /** The client half-closed; passed on (upstream.end()) once what is held has gone. */
  clientEnded: boolean
  endSent: boolean
  /** The upstream socket failed or was reset while held: the client is reset when passing again. */
  upstreamFailed: boolean
  /** Bytes this connection sent upstream, for cutAfter. */
  sent: number
  /** Being cut (cutAfter): its last bytes are on their way, nothing more is forwarded. */
  cutting: boolean
  /** Accepted in blackhole mode: never read while that mode lasts. */
  blackholed: boolean
  /** Its sockets not closed yet; it leaves `links` at 0. */
  open: number
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target`, whose connections can be made to die, stall or
 * vanish at any moment (`mode`, `cutAfter`): how a store, or the network to it, fails. Plain TCP, so
 * it works for any protocol and never changes a byte; it listens on a port the OS picks.
 */
export async function startFaultProxy(options: {
  target: { host: string; port: number }
}): Promise<FaultProxy> {
  const { host, port: targetPort } = options.target
  let current: FaultMode = 'pass'
  let limit: number | null = null
  const links = new Set<Link>()
  const counts: FaultProxyCounts = { accepted: 0, fromClients: 0, upstream: 0, toClients: 0 }
  const waiters = new Set<() => void>()
  const notify = () => {
    for (const waiter of waiters) waiter()
  }

  /** Client bytes go upstream: passing, or deaf (then the answers are dropped). */
  const forwarding = () => current === 'pass' || current === 'deaf'

  const cut = (link: Link) => {
    resetSocket(link.client)
    if (link.upstream) resetSocket(link.upstream)
  }
  const closed = (link: Link) => {
    link.open--
    if (link.open === 0) links.delete(link)
    notify()
  }

  /** Sends a client chunk upstream, or its part below the cutAfter limit and then cuts. */
  const forward = (link: Link, upstream: Socket, chunk: Buffer) => {
    if (limit !== null && link.sent + chunk.length >= limit) {
      const part = chunk.subarray(0, Math.max(0, limit - link.sent))
      link.cutting = true
      link.held = []
      link.client.pause()
      link.sent += part.length
      counts.upstream += part.length
      // Cut once the bytes are in the kernel: a reset discards what is still queued in Node.
      if (part.length === 0) cut(link)
      else upstream.write(part, () => cut(link))
      return
    }
    link.sent += chunk.length
    counts.upstream += chunk.length
    if (!upstream.write(chunk)) link.client.pause()
  }

  const connectUpstream = (link: Link): Socket => {
    const upstream = connect({ host, port: targetPort, allowHalfOpen: true })
    link.upstream = upstream
    link.open++
    // Failures show as 'close' (handled there); without a listener they would throw.
    upstream.on('error', () => {})
    // 'data' and 'end' come only while flowing, that is while passing: a stall pauses it, and its
    // answer (or its end) waits in the socket until `pass` resumes it.
    upstream.on('data', (chunk: Buffer) => {
      // Deaf: the store did the work, its answer is lost on the way back.
      if (current === 'deaf') return notify()
      counts.toClients += chunk.length
      if (!link.client.write(chunk)) upstream.pause()
      notify()
    })
    upstream.on('end', () => link.client.end())
    upstream.on('drain', () => {
      if (forwarding() && !link.cutting) link.client.resume()
    })
    upstream.on('close', () => {
      if (!upstream.readableEnded && !link.client.destroyed) {
        // Failed (refused, reset) before its end: the client learns it the same way, but not during
        // a stall, which forwards nothing.
        if (current === 'pass') resetSocket(link.client)
        else link.upstreamFailed = true
      }
      closed(link)
    })
    return upstream
  }

  /** Puts a connection in the current mode. */
  const apply = (link: Link) => {
    if (link.cutting) return
    if (current === 'cut') return cut(link)
    if (current === 'stall' || current === 'blackhole') {
      link.upstream?.pause()
      if (current === 'blackhole' && link.blackholed) link.client.pause()
      else link.client.resume()
      return
    }
    if (link.upstreamFailed) return resetSocket(link.client)
    const upstream = link.upstream ?? connectUpstream(link)
    const held = link.held
    link.held = []
    for (const chunk of held) {
      forward(link, upstream, chunk)
      if (link.cutting) return
    }
    if (link.clientEnded && !link.endSent) {
      link.endSent = true
      upstream.end()
    }
    if (!upstream.writableNeedDrain) link.client.resume()
    if (!link.client.writableNeedDrain) upstream.resume()
  }

  // allowHalfOpen: a client's FIN is passed on as one, not turned into a close of both directions.
  // pauseOnConnect: nothing is read before the mode decides (a blackholed socket is never read).
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => {
    counts.accepted++
    const link: Link = {
      client,
      upstream: null,
      held: [],
      clientEnded: false,
      endSent: false,
      upstreamFailed: false,
      sent: 0,
      cutting: false,
      blackholed: current === 'blackhole',
      open: 1,
    }
    links.add(link)
    client.on('error', () => {})
    client.on('data', (chunk: Buffer) => {
      counts.fromClients += chunk.length
      if (link.cutting) return
      if (forwarding() && link.upstream) forward(link, link.upstream, chunk)
      else link.held.push(chunk)
      notify()
    })
    client.on('end', () => {
      link.clientEnded = true
      if (forwarding() && link.upstream && !link.cutting && !link.endSent) {
        link.endSent = true
        link.upstream.end()
      }
    })
    client.on('drain', () => {
      if (forwarding() && !link.cutting) link.upstream?.resume()
    })
    client.on('close', (hadError) => {
      // A client gone is passed on in every mode: the proxy keeps no upstream connection alone.
      const upstream = link.upstream
      if (upstream && !upstream.destroyed) {
        if (hadError) resetSocket(upstream)
        else if (!link.endSent) upstream.destroy()
      }
      closed(link)
    })
    apply(link)
    notify()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  const until = (check: () => boolean, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const done = () => {
        waiters.delete(test)
        signal?.removeEventListener('abort', abort)
      }
      const test = () => {
        if (!check()) return
        done()
        resolve()
      }
      const abort = () => {
        done()
        reject(signal?.reason)
      }
      waiters.add(test)
      signal?.addEventListener('abort', abort)
      test()
    })

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    mode(mode) {
      current = mode
      if (mode !== 'blackhole') for (const link of links) link.blackholed = false
      for (const link of links) apply(link)
      notify()
    },
    cutAfter(bytesUpstream) {
      limit = bytesUpstream
      if (limit === null) return
      for (const link of links) if (link.sent >= limit && !link.cutting) cut(link)
    },
    get connections() {
      return links.size
    },
    get counts() {
      return { ...counts }
    },
    until,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const link of links) cut(link)
      await Promise.all([stopped, until(() => links.size === 0)])
    },
  }
}
