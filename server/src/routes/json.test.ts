import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { DropgateError } from '../errors.js'
import { nodeWholeBody } from '../node/body-stream.js'
import { readJsonObject } from './json.js'

const request = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request('http://x/api/v1/files', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)

const refusal = async (run: Promise<unknown>) => {
  const error = await run.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DropgateError)
  return { status: (error as DropgateError).status, message: (error as DropgateError).message }
}

describe('readJsonObject', () => {
  it('reads a body of declared length whole', async () => {
    const body = JSON.stringify({ filename: 'a.png', contentType: 'image/png' })
    expect(await readJsonObject(request(body, { 'content-length': String(body.length) }))).toEqual({
      filename: 'a.png',
      contentType: 'image/png',
    })
  })

  it('refuses a declared length over 64 KB before reading it', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(70_000) })
    expect(await refusal(readJsonObject(request(body, { 'content-length': String(body.length) })))).toEqual({
      status: 413,
      message: 'JSON body too large (max 64KB)',
    })
  })

  it('holds a body of undeclared length to 64 KB as it streams', async () => {
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(40_000)}`)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunk)
      },
    })
    expect((await refusal(readJsonObject(request(endless)))).status).toBe(413)
  })

  it('answers Invalid JSON body for text that is not a JSON object', async () => {
    for (const body of ['not json', '[1,2]', 'null'])
      expect(await refusal(readJsonObject(request(body, { 'content-length': String(body.length) })))).toEqual(
        {
          status: 400,
          message: 'Invalid JSON body',
        },
      )
  })
})

describe('readJsonObject from Node’s request (c.env.incoming)', () => {
  // A real Node server: the handler reads `incoming` directly, as under @hono/node-server.
  const serve = async (handle: (incoming: IncomingMessage) => Promise<unknown>) => {
    const outcomes: unknown[] = []
    const server = createServer(async (incoming, outgoing) => {
      const outcome = await handle(incoming).then(
        (value) => ({ value }),
        (error: unknown) =>
          error instanceof DropgateError
            ? { status: error.status, message: error.message }
            : { error: String(error) },
      )
      outcomes.push(outcome)
      outgoing.end(JSON.stringify(outcome))
    })
    // The handler (the first 'request' listener) is reading the body once this one is called.
    const reading = new Promise<void>((resolve) => server.once('request', () => resolve()))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return { port, outcomes, reading, close: () => new Promise((resolve) => server.close(resolve)) }
  }
  const fromIncoming = (incoming: IncomingMessage) =>
    readJsonObject(
      // The web Request as @hono/node-server would show it: the same headers; its body is never read.
      new Request('http://x/', {
        method: 'POST',
        headers: Object.entries(incoming.headers).map(([k, v]) => [k, String(v)]),
      }),
      nodeWholeBody(incoming),
    )

  it('reads a declared or chunked body, and refuses what the web path refuses', async () => {
    const s = await serve(fromIncoming)
    try {
      const post = async (body: string | string[], headers: Record<string, string> = {}) => {
        const answer = await fetch(`http://127.0.0.1:${s.port}/`, {
          method: 'POST',
          headers,
          // An array is sent as a stream: chunked, no Content-Length.
          body: Array.isArray(body)
            ? new ReadableStream({
                start(controller) {
                  for (const part of body) controller.enqueue(new TextEncoder().encode(part))
                  controller.close()
                },
              })
            : body,
          duplex: 'half',
        } as RequestInit)
        return answer.json()
      }
      expect(await post('{"a":1,"b":"é"}')).toEqual({ value: { a: 1, b: 'é' } })
      expect(await post(['{"a":', '2}'])).toEqual({ value: { a: 2 } })
      expect(await post('[1]')).toEqual({ status: 400, message: 'Invalid JSON body' })
      expect(await post('')).toEqual({ status: 400, message: 'Invalid JSON body' })
      const big = `{"pad":"${'x'.repeat(70_000)}"}`
      const tooLarge = { status: 413, message: 'JSON body too large (max 64KB)' }
      expect(await post(big)).toEqual(tooLarge)
      expect(await post([big.slice(0, 40_000), big.slice(40_000)])).toEqual(tooLarge)
      expect(await post(`{"pad":"${'x'.repeat(65_000)}"}`)).toEqual({ value: { pad: 'x'.repeat(65_000) } })
    } finally {
      await s.close()
    }
  })

  it('rejects when the client goes away before the body is complete', async () => {
    const s = await serve(fromIncoming)
    try {
      const socket = connect(s.port, '127.0.0.1')
      await new Promise((resolve) => socket.once('connect', resolve))
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":')
      await s.reading
      socket.destroy()
      await vi.waitFor(() => expect(s.outcomes).toHaveLength(1))
      // The client's doing, not a bug: client_gone (logged as such, never an unhandled 500).
      expect(s.outcomes[0]).toEqual({
        status: 400,
        message: 'The connection closed before the request body was complete',
      })
    } finally {
      await s.close()
    }
  })

  it('answers 408 when the body stops arriving for idleMs, and not before it has', async () => {
    const s = await serve((incoming) =>
      readJsonObject(new Request('http://x/', { method: 'POST' }), nodeWholeBody(incoming), 300),
    )
    try {
      const socket = connect(s.port, '127.0.0.1')
      await new Promise((resolve) => socket.once('connect', resolve))
      const started = performance.now()
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":')
      await vi.waitFor(() => expect(s.outcomes).toHaveLength(1), { timeout: 3000 })
      expect(performance.now() - started).toBeGreaterThanOrEqual(290)
      expect(s.outcomes[0]).toEqual({
        status: 408,
        message: 'The request body stalled: nothing arrived for 0 s',
      })
      socket.destroy()
    } finally {
      await s.close()
    }
  })

  it('falls back to the web Request when Node’s request was read already', async () => {
    const s = await serve(async (incoming) => {
      for await (const _ of incoming) {
        // consumed by someone else
      }
      return readJsonObject(
        new Request('http://x/', {
          method: 'POST',
          body: '{"from":"web"}',
          headers: { 'content-length': '14' },
        }),
        nodeWholeBody(incoming),
      )
    })
    try {
      const answer = await fetch(`http://127.0.0.1:${s.port}/`, { method: 'POST', body: '{"from":"node"}' })
      expect(await answer.json()).toEqual({ value: { from: 'web' } })
    } finally {
      await s.close()
    }
  })
})
