import { IncomingMessage, ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'
import type { Context } from 'hono'
import { errors } from '../errors.js'
import { asBodyError } from '../http/guarded-body.js'
import { type RuntimeIo, type WholeBody, webIo } from '../http/runtime-io.js'

/**
 * Node's request under @hono/node-server (`c.env.incoming`) when nobody has read from it yet and
 * reading it can only end in its body or an error; null otherwise (already read, already gone, a
 * body handed over whole as `rawBody` by a serverless host, no Node request at all as in tests'
 * `app.request`). Routes that read their own body use it instead of the web Request, whose body
 * machinery (web streams, a promise chain and a copy per chunk) costs more than the work.
 */
export function unreadIncoming(c: Context): IncomingMessage | null {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  return isUnread(incoming) ? incoming : null
}

export function isUnread(incoming: unknown): incoming is IncomingMessage {
  return (
    incoming instanceof IncomingMessage &&
    !incoming.readableDidRead &&
    !incoming.destroyed &&
    !incoming.readableEnded &&
    incoming.readableEncoding === null &&
    !('rawBody' in incoming)
  )
}

/**
 * A request body as a Node stream. Under @hono/node-server that is the IncomingMessage itself: the
 * web Request's body would be `Readable.toWeb(incoming)`, which reads ahead of a slow consumer into
 * its queue (10 uploads at once into a busy store held ~150 MiB more) and costs a copy through web
 * streams per chunk; the socket's own stream pauses the client instead. Elsewhere the web body,
 * converted.
 */
export function bodyStream(c: Context): Readable | null {
  return unreadIncoming(c) ?? webIo.bodyStream(c)
}

/**
 * The whole of Node's unread request, or null when it is not one. Skips the web Request's body
 * machinery (a promise chain and an ArrayBuffer copy, ~10 µs of a presign).
 */
export function nodeWholeBody(incoming: IncomingMessage | null): WholeBody | null {
  if (incoming === null || !isUnread(incoming)) return null
  return (limit, idleMs, tooLarge) => readIncoming(incoming, limit, idleMs, tooLarge)
}

/**
 * The body of `incoming`, refused with `tooLarge` once it passes `limit` bytes, and with 408 when the
 * client sends nothing of it for `idleMs` (Node's own request timeout is off: see http/guarded-body.ts).
 */
export function readIncoming(
  incoming: IncomingMessage,
  limit: number,
  idleMs: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    new BodyReader(incoming, limit, idleMs, tooLarge, resolve, reject).listen()
  })
}

/**
 * readIncoming's state and listeners: methods bound once per body rather than closures, since a
 * named closure made per request costs more than its own work where the sources run through tsx
 * (its esbuild keeps function names with an Object.defineProperty per closure made).
 */
class BodyReader {
  private readonly chunks: Buffer[] = []
  private length = 0
  private readonly idle: NodeJS.Timeout | null
  private readonly data = this.onData.bind(this)
  private readonly end = this.onEnd.bind(this)
  private readonly error = this.onError.bind(this)
  private readonly close = this.onClose.bind(this)

  constructor(
    private readonly incoming: IncomingMessage,
    private readonly limit: number,
    private readonly idleMs: number,
    private readonly tooLarge: () => Error,
    private readonly resolve: (body: Buffer) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    // The presign hot path: a small body has usually all arrived by now (`complete`), and then there
    // is no client left to wait for, nor a timer to arm.
    this.idle = incoming.complete ? null : setTimeout(this.onIdle.bind(this), idleMs)
  }

  listen(): void {
    this.incoming.on('data', this.data)
    this.incoming.on('end', this.end)
    this.incoming.on('error', this.error)
    // 'close' before 'end': the client went away before its body was complete.
    this.incoming.on('close', this.close)
  }

  private settle(error: unknown): void {
    if (this.idle) clearTimeout(this.idle)
    this.incoming.off('data', this.data)
    this.incoming.off('end', this.end)
    this.incoming.off('error', this.error)
    this.incoming.off('close', this.close)
    if (error !== undefined) this.reject(error)
    else
      this.resolve(
        this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.length),
      )
  }

  private onData(chunk: Buffer): void {
    this.idle?.refresh()
    this.length += chunk.length
    // The rest of the body is left to flow away unread; @hono/node-server drains it after the answer.
    if (this.length > this.limit) this.settle(this.tooLarge())
    else this.chunks.push(chunk)
  }

  private onEnd(): void {
    this.settle(undefined)
  }

  private onError(error: unknown): void {
    this.settle(asBodyError(error))
  }

  private onClose(): void {
    this.settle(errors.clientGone())
  }

  private onIdle(): void {
    this.settle(errors.bodyIdle(this.idleMs))
  }
}

/**
 * Node's fast paths, injected into the app by the Node entry (node/node-app.ts). `presetHeader` puts
 * a header straight onto Node's response, which merges it into whatever the answer writes: through
 * c.header it would make hono build a web Headers for the answer and @hono/node-server convert it
 * back, ~10 µs a request, where an answer without prepared headers stays a plain object on both sides.
 */
export const nodeIo: RuntimeIo = {
  bodyStream,
  wholeBody(c) {
    const incoming = unreadIncoming(c)
    return incoming && ((limit, idleMs, tooLarge) => readIncoming(incoming, limit, idleMs, tooLarge))
  },
  presetHeader(c, name, value) {
    const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing
    if (!(outgoing instanceof ServerResponse) || outgoing.headersSent) return false
    outgoing.setHeader(name, value)
    return true
  },
  remoteAddress(c) {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    return incoming?.socket?.remoteAddress ?? 'unknown'
  },
}
