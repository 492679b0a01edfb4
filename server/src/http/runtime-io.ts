import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { Context } from 'hono'

/** Reads a whole small body, refused past `limit` bytes (`tooLarge`) or after `idleMs` without a byte. */
export type WholeBody = (limit: number, idleMs: number, tooLarge: () => Error) => Promise<Uint8Array>

/**
 * How routes reach a request's bytes and its answer's headers, so that they stay web-standard: the
 * default (`webIo`) reads `c.req.raw` and writes through `c.header`, on any runtime. A runtime adapter
 * may inject faster paths through `AppDeps.io` (`nodeIo` in node/body-stream.ts reads Node's own request and presets
 * headers on Node's response); callers apply the same limits and deadlines to whichever they get.
 */
export interface RuntimeIo {
  /** The body as a byte stream (busboy and `guardedBody` read it), or null when there is none. */
  bodyStream(c: Context): Readable | null
  /** A faster reader of the whole body than the web Request's, or null: read `c.req.raw`. */
  wholeBody(c: Context): WholeBody | null
  /** Sets a header the answer will carry without building its Headers; false: use `c.header`. */
  presetHeader(c: Context, name: string, value: string): boolean
  /** The peer's address, 'unknown' where the runtime does not say. */
  remoteAddress(c: Context): string
}

export const webIo: RuntimeIo = {
  bodyStream(c) {
    const body = c.req.raw.body
    return body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : null
  },
  wholeBody: () => null,
  presetHeader: () => false,
  remoteAddress: () => 'unknown',
}

const IO = 'dropgate.io'

/** Called once a request by the app (app.ts), before any route runs. */
export function useIo(c: Context, io: RuntimeIo): void {
  c.set(IO, io)
}

/** The app's RuntimeIo for this request (`webIo` for a context the app did not prepare). */
export function ioOf(c: Context): RuntimeIo {
  return (c.get(IO) as RuntimeIo | undefined) ?? webIo
}
