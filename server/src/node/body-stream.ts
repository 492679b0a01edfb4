import { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { Context } from 'hono'

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
  const incoming = unreadIncoming(c)
  if (incoming) return incoming
  const body = c.req.raw.body
  return body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : null
}
