import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import {
  type FaultProxy,
  multipartFormHead,
  multipartFormTail,
  openFds,
  sendChunks,
  sendPartial,
  socketCount,
  startFaultProxy,
  trickle,
} from '@dropgate/testkit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/**
 * The fault tooling in @dropgate/testkit, against a real node:http server on loopback: the proxy's
 * modes (what a client and the store each see), the clients that vanish or trickle (what the server
 * sees), and that closing leaves no socket open. Waits are on events (`until`); the only timers are
 * the short quiet periods that prove nothing came, and the trickling clients' own pace.
 */

/** Resolves once `check()` holds, tested after every `notify()`. */
function watcher() {
  const waiters = new Set<() => void>()
  return {
    notify: () => {
      for (const waiter of waiters) waiter()
    },
    until: (check: () => boolean) =>
      new Promise<void>((resolve) => {
        const test = () => {
          if (!check()) return
          waiters.delete(test)
          resolve()
        }
        waiters.add(test)
        test()
      }),
  }
}

/** One request as the upstream server saw it. */
interface Seen {
  method: string
  url: string
  bytes: number
  /** How its body ended: 'end', or the request's error ('ECONNRESET aborted' when cut short). */
  outcome: string | null
  answered: boolean
  /** Its connection closed (before or after an answer). */
  closed: boolean
}

/**
 * A node:http server that records every request. `answer`: 'echo' answers 200 with what it got
 * once the body ended, 'hold' reads the body and never answers, 'reject' answers 413 at once (and
 * closes) without reading. `beforeAnswer` runs just before it answers.
 */
async function recordingServer() {
  const seen: Seen[] = []
  const changes = watcher()
  let connections = 0
  const state = {
    answer: 'echo' as 'echo' | 'hold' | 'reject',
    beforeAnswer: () => {},
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const entry: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      bytes: 0,
      outcome: null,
      answered: false,
      closed: false,
    }
    seen.push(entry)
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
      state.beforeAnswer()
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(body, () => {
        entry.answered = true
        changes.notify()
      })
    }
    res.on('close', () => {
      entry.closed = true
      changes.notify()
    })
    if (state.answer === 'reject') return answer(413, '{"error":"too big"}', { connection: 'close' })
    req.on('data', (chunk: Buffer) => {
      entry.bytes += chunk.length
      changes.notify()
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      entry.outcome = `${error.code} ${error.message}`
      changes.notify()
    })
    req.on('end', () => {
      entry.outcome = 'end'
      changes.notify()
      if (state.answer === 'echo')
        answer(200, JSON.stringify({ method: entry.method, url: entry.url, received: entry.bytes }))
    })
    changes.notify()
  })
  server.on('connection', (socket: Socket) => {
    connections++
    socket.on('close', () => {
      connections--
      changes.notify()
    })
    changes.notify()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    state,
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => connections,
    until: changes.until,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
type RecordingServer = Awaited<ReturnType<typeof recordingServer>>

/** A raw connection, so a test sees exactly what comes back (and that nothing does). */
async function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1')
  const changes = watcher()
  let text = ''
  let closed = false
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1')
    changes.notify()
  })
  socket.on('error', () => {})
  socket.on('close', () => {
    closed = true
    changes.notify()
  })
  await once(socket, 'connect')
  return { socket, text: () => text, closed: () => closed, until: changes.until }
}

/** Whether `promise` settles within `ms`: the one place a timer decides, and only that nothing came. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const quiet = once(AbortSignal.timeout(ms), 'abort').then(() => false)
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    quiet,
  ])
}

const PUT_HEAD = (length: number, keepAlive = false) =>
  `PUT /raw HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n${keepAlive ? '' : 'Connection: close\r\n'}\r\n`

/** A request whose failure is the point: its error's code (ECONNRESET, EPIPE...). */
async function failure(request: Promise<unknown>): Promise<string> {
  try {
    await request
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error)
  }
  throw new Error('the request succeeded')
}

describe('startFaultProxy', () => {
  let upstream: RecordingServer
  let proxy: FaultProxy
  beforeEach(async () => {
    upstream = await recordingServer()
    proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: upstream.port } })
  })
  afterEach(async () => {
    await proxy?.close()
    await upstream?.close()
  })

  it('pass forwards a request and its answer, a large body with backpressure', async () => {
    const small = await sendChunks(`${proxy.url}/a?x=1`, 'PUT', { 'content-length': 5 }, [
      Buffer.from('hello'),
    ])
    expect(small.status).toBe(200)
    expect(JSON.parse(small.body)).toEqual({ method: 'PUT', url: '/a?x=1', received: 5 })

    const chunk = Buffer.alloc(64 * 1024, 0x62)
    const big = await sendChunks(
      `${proxy.url}/big`,
      'PUT',
      { 'content-length': 64 * chunk.length },
      Array.from({ length: 64 }, () => chunk),
    )
    expect(JSON.parse(big.body)).toMatchObject({ received: 4 * 1024 * 1024 })
    expect(proxy.counts.upstream).toBe(proxy.counts.fromClients)
    expect(proxy.counts.toClients).toBeGreaterThan(0)
    await proxy.until(() => proxy.connections === 0)
  })

  it('cut resets the open connections at once, and every new one right after accept', async () => {
    upstream.state.answer = 'hold'
    const held = sendChunks(`${proxy.url}/held`, 'PUT', { 'content-length': 5 }, [Buffer.from('hello')])
    await upstream.until(() => upstream.seen[0]?.outcome === 'end')
    expect(proxy.connections).toBe(1)

    proxy.mode('cut')
    expect(await failure(held)).toBe('ECONNRESET')
    await proxy.until(() => proxy.connections === 0)
    // The store's side is reset too: its unanswered request's connection is gone.
    await upstream.until(() => upstream.seen[0]?.closed === true && upstream.connections() === 0)
    expect(upstream.seen[0]?.answered).toBe(false)

    const later = sendChunks(`${proxy.url}/later`, 'PUT', { 'content-length': 5 }, [Buffer.from('hello')])
    expect(['ECONNRESET', 'EPIPE']).toContain(await failure(later))
    await proxy.until(() => proxy.connections === 0)
    expect(proxy.counts.accepted).toBe(2)
    expect(upstream.seen).toHaveLength(1)
  })

  it('stall takes the whole body and forwards nothing until pass, then nothing is lost', async () => {
    proxy.mode('stall')
    const body = Buffer.alloc(1024 * 1024, 0x63)
    const answer = sendChunks(`${proxy.url}/stalled`, 'PUT', { 'content-length': body.length }, [body])
    // The client's whole body was read: a client cannot tell this from a store that took it.
    await proxy.until(() => proxy.counts.fromClients > body.length)
    expect(proxy.counts.upstream).toBe(0)
    expect(upstream.connections()).toBe(0)
    expect(await settlesWithin(answer, 200)).toBe(false)

    proxy.mode('pass')
    const sent = await answer
    expect(sent.status).toBe(200)
    expect(JSON.parse(sent.body)).toMatchObject({ received: body.length })
  })

  it('stall after the store took the request holds back its answer', async () => {
    upstream.state.beforeAnswer = () => proxy.mode('stall')
    const answer = sendChunks(`${proxy.url}/late`, 'PUT', { 'content-length': 5 }, [Buffer.from('hello')])
    await upstream.until(() => upstream.seen[0]?.answered === true)
    expect(await settlesWithin(answer, 200)).toBe(false)
    expect(proxy.counts.toClients).toBe(0)

    upstream.state.beforeAnswer = () => {}
    proxy.mode('pass')
    expect((await answer).status).toBe(200)
  })

  it('blackhole accepts and never answers, reads or forwards; open connections stall; pass revives both', async () => {
    // A kept-alive connection with one answered request, before the hole opens.
    const open = await rawClient(proxy.port)
    open.socket.write(`${PUT_HEAD(2, true)}ok`)
    await open.until(() => open.text().includes('HTTP/1.1 200'))

    proxy.mode('blackhole')
    const fromClientsBefore = proxy.counts.fromClients
    const hole = await rawClient(proxy.port)
    hole.socket.write(`${PUT_HEAD(4)}lost`)
    await proxy.until(() => proxy.counts.accepted === 2)
    // The open connection is read (its request taken) but nothing is forwarded; the new one is not read.
    open.socket.write(`${PUT_HEAD(3)}two`)
    await proxy.until(() => proxy.counts.fromClients === fromClientsBefore + PUT_HEAD(3).length + 3)
    const nothingBack = hole.until(() => hole.text() !== '' || hole.closed())
    expect(await settlesWithin(nothingBack, 200)).toBe(false)
    expect(upstream.seen).toHaveLength(1)
    expect(upstream.connections()).toBe(1)
    expect(proxy.connections).toBe(2)

    proxy.mode('pass')
    await hole.until(() => hole.closed())
    await open.until(() => open.closed())
    expect(hole.text()).toMatch(/^HTTP\/1\.1 200/)
    expect(hole.text()).toContain('"received":4')
    expect(open.text().match(/HTTP\/1\.1 200/g)).toHaveLength(2)
    expect(upstream.seen.map((request) => request.bytes).sort()).toEqual([2, 3, 4])
  })

  it('cutAfter resets a connection once that many bytes went upstream', async () => {
    proxy.cutAfter(10_000)
    const chunk = Buffer.alloc(16 * 1024, 0x64)
    const cut = sendChunks(
      `${proxy.url}/cut`,
      'PUT',
      { 'content-length': 16 * chunk.length },
      Array.from({ length: 16 }, () => chunk),
    )
    expect(['ECONNRESET', 'EPIPE']).toContain(await failure(cut))
    await upstream.until(() => upstream.seen[0]?.outcome !== null && upstream.seen[0]?.outcome !== undefined)
    await proxy.until(() => proxy.connections === 0)
    expect(proxy.counts.upstream).toBe(10_000)
    const seen = upstream.seen[0]
    // The store got the body up to the cut (10 000 bytes less the head), then lost the connection.
    expect(seen?.outcome).toBe('ECONNRESET aborted')
    expect(seen?.bytes).toBeGreaterThan(9_500)
    expect(seen?.bytes).toBeLessThan(10_000)
  })

  it('close leaves nothing open: not the proxy, its upstream sockets, nor the clients it held', async () => {
    const before = await socketCount()
    const store = await recordingServer()
    const other = await startFaultProxy({ target: { host: '127.0.0.1', port: store.port } })
    store.state.answer = 'hold'
    // One of each: passing (its request at the store, unanswered), stalled, blackholed.
    const passing = await rawClient(other.port)
    passing.socket.write(`${PUT_HEAD(2)}ok`)
    await store.until(() => store.seen[0]?.outcome === 'end')
    other.mode('stall')
    const stalled = await rawClient(other.port)
    stalled.socket.write(`${PUT_HEAD(2)}ok`)
    other.mode('blackhole')
    const hole = await rawClient(other.port)
    await other.until(() => other.counts.accepted === 3)
    expect(other.connections).toBe(3)
    expect(await socketCount()).toBeGreaterThan(before)

    await other.close()
    expect(other.connections).toBe(0)
    await Promise.all([passing, stalled, hole].map((client) => client.until(() => client.closed())))
    await store.until(() => store.connections() === 0)
    await store.close()
    expect(await socketCount()).toBe(before)
  })
})

describe('vanishing clients', () => {
  let upstream: RecordingServer
  beforeEach(async () => {
    upstream = await recordingServer()
  })
  afterEach(async () => {
    await upstream?.close()
  })

  async function* chunks(count: number, size: number): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < count; i++) yield Buffer.alloc(size, 0x65)
  }

  it.each(['destroy', 'reset'] as const)(
    'sendPartial (%s) with a declared length: the server has exactly N bytes, then its request aborts',
    async (how) => {
      const result = await sendPartial({
        url: `${upstream.url}/partial`,
        body: chunks(10, 4096),
        declaredLength: 40_960,
        stopAfterBytes: 10_000,
        how,
      })
      expect(result).toMatchObject({ status: null, raw: '', sent: 10_000 })
      await upstream.until(() => upstream.seen[0]?.outcome != null)
      // node:http reports a FIN and an RST mid-body alike: 'aborted', with code ECONNRESET.
      expect(upstream.seen[0]).toMatchObject({ bytes: 10_000, outcome: 'ECONNRESET aborted' })
    },
  )

  it('sendPartial without a length sends chunked, and the server sees the bytes before the cut', async () => {
    const result = await sendPartial({
      url: `${upstream.url}/chunked`,
      body: chunks(4, 3000),
      stopAfterBytes: 5000,
      how: 'destroy',
    })
    expect(result.sent).toBe(5000)
    await upstream.until(() => upstream.seen[0]?.outcome != null)
    expect(upstream.seen[0]).toMatchObject({ bytes: 5000, outcome: 'ECONNRESET aborted' })
  })

  it('sendPartial stopAfterMs vanishes even while its body source has nothing more to give', async () => {
    async function* stalls(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(1000, 0x66)
      await new Promise(() => {})
    }
    const result = await sendPartial({
      url: `${upstream.url}/slow`,
      body: stalls(),
      declaredLength: 5000,
      stopAfterMs: 100,
      how: 'reset',
    })
    expect(result).toMatchObject({ status: null, sent: 1000 })
    await upstream.until(() => upstream.seen[0]?.outcome != null)
    expect(upstream.seen[0]).toMatchObject({ bytes: 1000, outcome: 'ECONNRESET aborted' })
  })

  it('sendPartial with nothing to stop it sends the whole body and returns the answer', async () => {
    const boundary = 'fault-test'
    const file = Buffer.from('file bytes')
    const head = multipartFormHead(boundary, 'file', 'a.txt', 'text/plain')
    const tail = multipartFormTail(boundary)
    const result = await sendPartial({
      url: `${upstream.url}/whole`,
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.concat([head, file, tail]),
      how: 'destroy',
    })
    expect(result.status).toBe(200)
    expect(JSON.parse(result.body)).toEqual({
      method: 'POST',
      url: '/whole',
      received: head.length + file.length + tail.length,
    })
    expect(result.raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
  })

  it('sendPartial returns the answer a server sent before it closed on the body', async () => {
    upstream.state.answer = 'reject'
    const result = await sendPartial({
      url: `${upstream.url}/rejected`,
      body: chunks(1000, 64 * 1024),
      declaredLength: 1000 * 64 * 1024,
      stopAfterMs: 10_000,
      how: 'destroy',
    })
    expect(result.status).toBe(413)
    expect(result.body).toBe('{"error":"too big"}')
  })

  it('trickle sends at its pace until stop(), and the server sees its request aborted', async () => {
    const started = performance.now()
    const slow = trickle({ url: `${upstream.url}/trickle`, declaredLength: 1000, bytesPerSecond: 100 })
    await upstream.until(() => (upstream.seen[0]?.bytes ?? 0) >= 20)
    const seconds = (performance.now() - started) / 1000
    // No faster than its rate (the first tick after 10 ms, one byte per tick).
    expect(upstream.seen[0]?.bytes).toBeLessThanOrEqual(Math.ceil(seconds * 100) + 1)
    await slow.stop()
    expect(await slow.answered).toBeNull()
    await upstream.until(() => upstream.seen[0]?.outcome != null)
    expect(upstream.seen[0]?.outcome).toBe('ECONNRESET aborted')
    expect(slow.sent()).toBeGreaterThanOrEqual(20)
    expect(slow.sent()).toBeLessThan(1000)
  })

  it('trickle that sends it all gets its answer; one with durationMs vanishes then', async () => {
    const whole = trickle({ url: `${upstream.url}/whole`, declaredLength: 30, bytesPerSecond: 300 })
    expect(await whole.answered).toMatchObject({
      status: 200,
      body: expect.stringContaining('"received":30'),
    })

    const brief = trickle({
      url: `${upstream.url}/brief`,
      declaredLength: 1000,
      bytesPerSecond: 50,
      durationMs: 150,
      how: 'reset',
    })
    expect(await brief.answered).toBeNull()
    await upstream.until(() => upstream.seen[1]?.outcome != null)
    expect(upstream.seen[1]?.outcome).toBe('ECONNRESET aborted')
    // About 7 bytes in 150 ms; a busy event loop can add a late tick's worth.
    expect(upstream.seen[1]?.bytes).toBeGreaterThan(0)
    expect(upstream.seen[1]?.bytes).toBeLessThan(50)
  })

  it('300 trickles at once, all stopped, leave no socket behind', async () => {
    const before = await socketCount()
    const slow = Array.from({ length: 300 }, (_, i) =>
      trickle({ url: `${upstream.url}/many/${i}`, declaredLength: 100, bytesPerSecond: 20 }),
    )
    await upstream.until(
      () => upstream.seen.length === 300 && upstream.seen.every((request) => request.bytes > 0),
    )
    await Promise.all(slow.map((client) => client.stop()))
    await upstream.until(() => upstream.seen.every((request) => request.outcome !== null))
    expect(upstream.seen.every((request) => request.outcome === 'ECONNRESET aborted')).toBe(true)
    await upstream.until(() => upstream.connections() === 0)
    expect(await socketCount()).toBe(before)
  })
})

describe('openFds and socketCount', () => {
  it('list where this process its fds point, and count its sockets', async () => {
    const fds = await openFds()
    // A worker has at least its standard streams and some socket or pipe to vitest.
    expect(fds.length).toBeGreaterThan(2)
    expect((await openFds(process.pid)).length).toBeGreaterThan(2)
    const before = await socketCount()
    const store = await recordingServer()
    const client = await rawClient(store.port)
    await store.until(() => store.connections() === 1)
    // The listening socket, the client's, and the server's side of the connection.
    expect(await socketCount()).toBe(before + 3)
    expect((await openFds()).filter((target) => target.startsWith('socket:['))).toHaveLength(before + 3)
    client.socket.destroy()
    await store.close()
    expect(await socketCount()).toBe(before)
  })
})
