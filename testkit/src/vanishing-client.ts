import { connect } from 'node:net'
import { resetSocket } from './reset.js'

/**
 * How a client goes away: `destroy` closes its socket (a FIN, what a closed tab or a killed curl
 * sends), `reset` aborts it (an RST, what a dropped network or a crashed proxy looks like). On
 * Linux, Node does not always tell the two apart on the server side: an RST that arrives while the
 * server still has unread bytes from that client reads as a plain end (libuv takes the hang-up
 * for EOF), so a test should not depend on seeing ECONNRESET there.
 */
export type Vanish = 'destroy' | 'reset'

/** What the server had sent when the client's socket closed. */
export interface Vanished {
  /** The status of its answer, or null when no status line had come. */
  status: number | null
  /** The answer's body so far (de-chunked), '' without one. */
  body: string
  /** Everything the server sent, as latin1 text. */
  raw: string
  /** Body bytes the client wrote (into the kernel, framing not counted) before it closed. */
  sent: number
  /** The socket's error code, if it closed on one (EPIPE, ECONNRESET...), else null. */
  error: string | null
}

type Headers = Record<string, string | number>

/**
 * One raw HTTP/1.1 request on its own socket: the head as given (plus Host and `Connection: close`
 * unless given, so the server closes once it answered), then body bytes framed as the head said.
 * Raw so a test controls every byte: no client library fills in, retries or finishes a body.
 */
function openRequest(url: string, method: string, headers: Headers, length: number | null) {
  const target = new URL(url)
  const socket = connect({ host: target.hostname, port: Number(target.port || 80) })
  const given = new Set(Object.keys(headers).map((name) => name.toLowerCase()))
  const lines = [`${method} ${target.pathname}${target.search} HTTP/1.1`]
  if (!given.has('host')) lines.push(`Host: ${target.host}`)
  if (!given.has('connection')) lines.push('Connection: close')
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  lines.push(length === null ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`)
  const headSent = new Promise<void>((resolve) =>
    socket.write(`${lines.join('\r\n')}\r\n\r\n`, () => resolve()),
  )

  let sent = 0
  let error: string | null = null
  const received: Buffer[] = []
  socket.on('data', (chunk: Buffer) => received.push(chunk))
  socket.on('error', (err: NodeJS.ErrnoException) => {
    error = err.code ?? err.message
  })
  const closed = new Promise<Vanished>((resolve) =>
    socket.once('close', () => {
      const raw = Buffer.concat(received).toString('latin1')
      resolve({ ...parseAnswer(raw), raw, sent, error })
    }),
  )
  return {
    socket,
    closed,
    headSent,
    sent: () => sent,
    /**
     * Writes body bytes (as one chunk when chunked) and resolves once they are in the kernel, or
     * the socket is gone: waiting for each write is the backpressure, and makes `sent` true.
     */
    send(bytes: Uint8Array): Promise<void> {
      return new Promise((resolve) => {
        if (socket.destroyed || bytes.length === 0) return resolve()
        // Node calls back without an error for a write its socket's destroy cut short: only a
        // socket still open when the bytes went counts them.
        const done = (err?: Error | null) => {
          if (!err && !socket.destroyed) sent += bytes.length
          resolve()
        }
        if (length === null) {
          socket.write(`${bytes.length.toString(16)}\r\n`)
          socket.write(bytes)
          socket.write('\r\n', done)
        } else socket.write(bytes, done)
      })
    },
    /** The end of a chunked body; nothing to write for a declared length. */
    finish() {
      if (length === null && !socket.destroyed) socket.write('0\r\n\r\n')
    },
    vanish(how: Vanish) {
      if (how === 'reset') resetSocket(socket)
      else socket.destroy()
    },
  }
}

/** The status and body of an answer read raw (the body de-chunked when it says chunked). */
function parseAnswer(raw: string): { status: number | null; body: string } {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw)
  const split = raw.indexOf('\r\n\r\n')
  if (!status || split < 0) return { status: status ? Number(status[1]) : null, body: '' }
  const head = raw.slice(0, split)
  let body = raw.slice(split + 4)
  if (/^transfer-encoding:\s*chunked/im.test(head)) {
    let text = ''
    for (let at = 0; ; ) {
      const eol = body.indexOf('\r\n', at)
      const size = eol < 0 ? Number.NaN : Number.parseInt(body.slice(at, eol), 16)
      if (!(size > 0)) break
      text += body.slice(eol + 2, eol + 2 + size)
      at = eol + 2 + size + 2
    }
    body = text
  }
  return { status: Number(status[1]), body: Buffer.from(body, 'latin1').toString('utf8') }
}

async function* chunksOf(body: AsyncIterable<Uint8Array> | Uint8Array): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) yield body
  else yield* body
}

/**
 * A client that sends a request and goes away during it: the head (Content-Length =
 * `declaredLength`, else the Uint8Array body's length, else chunked), then the body streamed, and
 * once `stopAfterBytes` body bytes are in the kernel or `stopAfterMs` have passed since the start,
 * it vanishes `how` (whatever came first; neither: it sends the whole body and waits for the answer).
 * Resolves when its socket has closed, with what the server had answered by then.
 */
export async function sendPartial(options: {
  url: string
  method?: string
  headers?: Headers
  body: AsyncIterable<Uint8Array> | Uint8Array
  declaredLength?: number
  stopAfterBytes?: number
  stopAfterMs?: number
  how: Vanish
}): Promise<Vanished> {
  const { body, stopAfterBytes, stopAfterMs, how } = options
  const length = options.declaredLength ?? (body instanceof Uint8Array ? body.length : null)
  const request = openRequest(options.url, options.method ?? 'PUT', options.headers ?? {}, length)
  const { socket } = request
  let vanished = false
  const vanish = () => {
    if (vanished) return
    vanished = true
    request.vanish(how)
  }
  const timer = stopAfterMs === undefined ? undefined : setTimeout(vanish, stopAfterMs)
  socket.once('close', () => clearTimeout(timer))

  const pump = async () => {
    if (stopAfterBytes === 0) {
      // The head alone: vanish once it is in the kernel.
      await request.headSent
      return vanish()
    }
    for await (const chunk of chunksOf(body)) {
      if (vanished || socket.destroyed) return
      const room = stopAfterBytes === undefined ? chunk.length : stopAfterBytes - request.sent()
      await request.send(chunk.length > room ? chunk.subarray(0, room) : chunk)
      if (stopAfterBytes !== undefined && request.sent() >= stopAfterBytes) return vanish()
    }
    if (!vanished) request.finish()
  }
  // A body that stops yielding (a stalled source) must not outlive the socket: the timer vanishes.
  // A body that throws is the caller's: its socket goes too, then the error.
  const pumped = pump().catch((error: unknown) => {
    vanish()
    throw error
  })
  await Promise.race([pumped, request.closed])
  return request.closed
}

/** A slow client in progress (`trickle`). */
export interface Trickle {
  /** Body bytes sent so far. */
  sent(): number
  /** Vanishes (`how`, else the trickle's own) and resolves once the socket is closed. */
  stop(how?: Vanish): Promise<void>
  /** Once the socket closed: the server's answer, or null when none had come. */
  answered: Promise<{ status: number; body: string } | null>
  /** Once the head and the burst are in the kernel: the client is past its first bytes. */
  ready: Promise<void>
}

/**
 * A client that sends its body at `bytesPerSecond` (1 byte/s is a slowloris): the head at once,
 * then what the rate owes every tick, from `body` (else 'a's) up to `declaredLength` (chunked
 * without one: then it ends when `body` does, or never). After `durationMs` it vanishes (`how`,
 * destroy by default); when all is sent it waits for the answer. Hundreds can run at once: each is a
 * socket and a timer. The timers are the client's pace, nothing a test waits on.
 */
export function trickle(options: {
  url: string
  method?: string
  headers?: Headers
  declaredLength?: number
  bytesPerSecond: number
  durationMs?: number
  body?: Uint8Array
  /** Sent at once before the trickle starts (a phone that loses signal after its first bytes). */
  burst?: Uint8Array
  how?: Vanish
}): Trickle {
  const { bytesPerSecond, body } = options
  const length = options.declaredLength ?? null
  const request = openRequest(options.url, options.method ?? 'PUT', options.headers ?? {}, length)
  const { socket } = request
  const burst = options.burst?.length ?? 0
  const ready = options.burst ? request.send(options.burst) : request.headSent
  // What the trickle itself owes: the declared length less the burst, or all of `body`, or endless.
  const total = length !== null ? length - burst : (body?.length ?? Number.POSITIVE_INFINITY)
  const started = performance.now()
  let queued = 0
  const tick = () => {
    const owed = Math.min(total, Math.floor(((performance.now() - started) * bytesPerSecond) / 1000))
    if (owed <= queued) return
    const bytes = body ? body.subarray(queued, owed) : Buffer.alloc(owed - queued, 0x61)
    queued += bytes.length
    void request.send(bytes)
    // All sent, or the body ran out before the declared length: a client that stops sending.
    if (queued >= total || (body && queued >= body.length)) {
      clearInterval(pace)
      if (length === null) request.finish()
    }
  }
  // Ticks no faster than 50 per second: at higher rates each tick carries several bytes.
  const pace = setInterval(tick, Math.max(1000 / bytesPerSecond, 20))
  const deadline =
    options.durationMs === undefined
      ? undefined
      : setTimeout(() => request.vanish(options.how ?? 'destroy'), options.durationMs)
  socket.once('close', () => {
    clearInterval(pace)
    clearTimeout(deadline)
  })
  return {
    sent: request.sent,
    async stop(how) {
      if (!socket.destroyed) request.vanish(how ?? options.how ?? 'destroy')
      await request.closed
    },
    answered: request.closed.then(({ status, body }) => (status === null ? null : { status, body })),
    ready,
  }
}

/** The start of a multipart/form-data body whose one file part follows (streamed by the caller). */
export function multipartFormHead(
  boundary: string,
  field: string,
  filename: string,
  contentType: string,
): Uint8Array {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  )
}

/** What closes the file part and the form: with the head, the body's length is theirs plus the file's. */
export function multipartFormTail(boundary: string): Uint8Array {
  return Buffer.from(`\r\n--${boundary}--\r\n`)
}
