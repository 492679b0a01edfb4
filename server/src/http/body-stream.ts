import { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { Context } from 'hono'

/**
 * A request body as a Node stream. Under @hono/node-server that is the IncomingMessage itself: the
 * web Request's body would be `Readable.toWeb(incoming)`, which reads ahead of a slow consumer into
 * its queue (10 uploads at once into a busy store held ~150 MiB more) and costs a copy through web
 * streams per chunk; the socket's own stream pauses the client instead. Elsewhere (app.request() in
 * tests, other runtimes) the web body, converted. Only for bodies the route reads itself, untouched.
 */
export function bodyStream(c: Context): Readable | null {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  if (incoming instanceof IncomingMessage && !incoming.readableDidRead && !incoming.readableEnded)
    return incoming
  const body = c.req.raw.body
  return body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : null
}
