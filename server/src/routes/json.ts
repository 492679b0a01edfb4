import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { DropgateError, errors } from '../errors.js'
import { asBodyError } from '../http/guarded-body.js'
import { isUnread, unreadIncoming } from '../node/body-stream.js'

/** A JSON-mode body is a few hundred bytes; anything near this is not a client of this API. */
const MAX_JSON_BYTES = 64 * 1024

/**
 * Reads a bounded JSON body that must be an object (API.md §2: else `Invalid JSON body`). Under
 * @hono/node-server the bytes come straight from Node's request (`unreadIncoming`), which skips the
 * web Request's body machinery (a promise chain and an ArrayBuffer copy, ~10 µs of a presign);
 * elsewhere (tests' `app.request`, other runtimes) from the web Request. Same limit, same errors.
 */
export function readJsonBody(c: Context, idleMs: number): Promise<Record<string, unknown>> {
  return readJsonObject(c.req.raw, unreadIncoming(c), idleMs)
}

/** As readJsonBody; `incoming`, when it is Node's unread request for `request`, is read instead. */
export async function readJsonObject(
  request: Request,
  incoming: IncomingMessage | null = null,
  idleMs = 30_000,
): Promise<Record<string, unknown>> {
  const declared = request.headers.get('content-length')
  const length = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null
  // A declared length is enforced by the HTTP layer, so it can be refused before reading.
  if (length !== null && length > MAX_JSON_BYTES) throw tooLarge()
  let body: Buffer
  if (incoming !== null && isUnread(incoming)) body = await readIncoming(incoming, MAX_JSON_BYTES, idleMs)
  // Reading whole (not `request.body`) keeps @hono/node-server on its fast path: no web
  // ReadableStream is built for the body.
  else if (length !== null) body = Buffer.from(await request.arrayBuffer())
  else {
    const chunks: Uint8Array[] = []
    let read = 0
    for await (const chunk of request.body ?? []) {
      read += chunk.length
      if (read > MAX_JSON_BYTES) throw tooLarge()
      chunks.push(chunk)
    }
    body = Buffer.concat(chunks)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    throw errors.invalidJson()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.invalidJson()
  return parsed as Record<string, unknown>
}

/**
 * The body of `incoming`, refused with 413 once it passes `limit` bytes, and with 408 when the client
 * sends nothing of it for `idleMs` (Node's own request timeout is off: see http/guarded-body.ts).
 */
export function readIncoming(incoming: IncomingMessage, limit: number, idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let length = 0
    // The presign hot path: a small body has usually all arrived by now (`complete`), and then there
    // is no client left to wait for, nor a timer to arm.
    const idle = incoming.complete ? null : setTimeout(() => settle(errors.bodyIdle(idleMs)), idleMs)
    const settle = (error: unknown) => {
      if (idle) clearTimeout(idle)
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onError)
      incoming.off('close', onClose)
      if (error !== undefined) reject(error)
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length))
    }
    const onData = (chunk: Buffer) => {
      idle?.refresh()
      length += chunk.length
      // The rest of the body is left to flow away unread; @hono/node-server drains it after the answer.
      if (length > limit) settle(tooLarge())
      else chunks.push(chunk)
    }
    const onEnd = () => settle(undefined)
    const onError = (error: unknown) => settle(asBodyError(error))
    // 'close' before 'end': the client went away before its body was complete.
    const onClose = () => settle(errors.clientGone())
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onError)
    incoming.on('close', onClose)
  })
}

const tooLarge = () => new DropgateError('body_too_large', 413, 'JSON body too large (max 64KB)')

export function success<T>(data: T) {
  return { code: 200 as const, msg: 'success' as const, data }
}
