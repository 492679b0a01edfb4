import type { Readable } from 'node:stream'
import { DropgateError, errors } from '../errors.js'

/**
 * A request body's chunks, as a client on a real network sends them: every way the body can end
 * short becomes an error the reader sees, so whatever it was feeding (a temp file, a PUT to the store,
 * a share of the byte budget) is released instead of waiting forever.
 *
 * - The client goes away (connection closed or reset before the body's end): `errors.clientGone()`.
 * - The client sends nothing for `idleMs` while the reader waits for it: `errors.bodyIdle(idleMs)`.
 *   Only time spent waiting on the client counts: while the reader is busy (a slow store, back-pressure)
 *   no chunk is asked for and no deadline runs, so a slow but moving upload takes as long as it needs.
 * - The server stops (its shutdown grace is over): `errors.shuttingDown()`, a 503 to retry elsewhere.
 * - The stream fails otherwise (a web body that errors in tests): that error.
 *
 * Node's own `requestTimeout` (300 s for the whole request) cannot tell a 300 kB/s upload of 100 MiB
 * from a dead one, and `headersTimeout` does not look at bodies: the Node entry turns the first off
 * and this deadline takes its place.
 *
 * Read from 'data' with pause/resume, so the socket's own flow control holds a client back while the
 * reader is busy, and chunks are handed on as they came (no copy). When the reader stops
 * early (it failed, or refused the body), the rest is read and dropped (up to 64 MiB), under the same deadlines, so
 * the client can read the answer instead of seeing its connection reset mid-upload.
 */
export function guardedBody(stream: Readable, deadlines: BodyDeadlines): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => readChunks(stream, deadlines) }
}

export interface BodyDeadlines {
  /** How long the client may send nothing while its body is waited for. */
  idleMs: number
  /** Aborted when the server's shutdown grace is over: the body then fails with `shuttingDown`. */
  shutdown?: AbortSignal | undefined
}

async function* readChunks(
  stream: Readable,
  { idleMs, shutdown }: BodyDeadlines,
): AsyncGenerator<Uint8Array> {
  let ended = stream.readableEnded
  let failure: Error | null = stream.errored ? asBodyError(stream.errored) : null
  if (!ended && !failure && stream.destroyed) failure = errors.clientGone()
  // Chunks as the socket delivers them, never concatenated (`read()` would copy what is buffered into
  // one new Buffer); at most two wait here before the stream is paused, which is the back-pressure.
  const queue: Uint8Array[] = []
  let wake: (() => void) | null = null
  const onData = (chunk: Uint8Array) => {
    queue.push(chunk)
    if (queue.length >= 2) stream.pause()
    wake?.()
  }
  const onEnd = () => {
    ended = true
    wake?.()
  }
  const onError = (error: unknown) => {
    failure ??= asBodyError(error)
    wake?.()
  }
  // 'close' without 'end': the stream was torn down under us (a destroyed socket).
  const onClose = () => {
    if (!ended) failure ??= errors.clientGone()
    wake?.()
  }
  const onShutdown = () => {
    failure ??= errors.shuttingDown()
    wake?.()
  }
  if (shutdown?.aborted) failure ??= errors.shuttingDown()
  shutdown?.addEventListener('abort', onShutdown)
  stream.on('data', onData)
  stream.on('end', onEnd)
  stream.on('error', onError)
  stream.on('close', onClose)
  stream.resume()
  // One timer per body, restarted at each wait (a wait per socket chunk at full speed): it counts only
  // while the reader waits; firing while the reader is busy means nothing.
  let waiting = false
  const timer = setTimeout(() => {
    if (!waiting) return
    failure ??= errors.bodyIdle(idleMs)
    wake?.()
  }, idleMs)
  try {
    for (;;) {
      const chunk = queue.shift()
      if (chunk !== undefined) {
        if (queue.length === 0 && stream.isPaused()) stream.resume()
        yield chunk
        continue
      }
      if (failure) throw failure
      if (ended) return
      waiting = true
      timer.refresh()
      await new Promise<void>((resolve) => {
        wake = resolve
      })
      waiting = false
      wake = null
    }
  } finally {
    clearTimeout(timer)
    shutdown?.removeEventListener('abort', onShutdown)
    stream.off('data', onData)
    stream.off('end', onEnd)
    stream.off('close', onClose)
    if (!ended && !failure) discardRest(stream, idleMs)
    else stream.pause()
    // An error after this (the discarded rest failing) must not become an unhandled 'error' event.
    stream.off('error', onError)
    if (stream.listenerCount('error') === 0) stream.on('error', () => {})
  }
}

/** More than this of a refused body is not read: the client is cut off instead. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024

/**
 * Reads and drops what the client still sends, up to MAX_DISCARD_BYTES; a client that stalls
 * meanwhile, or sends more, is cut off.
 */
function discardRest(stream: Readable, idleMs: number): void {
  const timer = setTimeout(() => stream.destroy(), idleMs)
  let dropped = 0
  const restart = (chunk: Uint8Array) => {
    dropped += chunk.length
    if (dropped > MAX_DISCARD_BYTES) stream.destroy()
    else timer.refresh()
  }
  stream.on('data', restart)
  stream.once('close', () => clearTimeout(timer))
  stream.once('end', () => clearTimeout(timer))
  stream.resume()
}

/** A Node socket error of a client that went away is that client's doing, not ours. */
export function asBodyError(error: unknown): Error {
  if (error instanceof DropgateError) return error
  const code = (error as { code?: unknown }).code
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE')
    return errors.clientGone()
  return error instanceof Error ? error : new Error(String(error))
}
