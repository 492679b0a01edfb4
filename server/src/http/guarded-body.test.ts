import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DropgateError } from '../errors.js'
import { guardedBody } from './guarded-body.js'

/** Reads the whole body; resolves with its bytes or rejects with the reader's error. */
async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = []
  for await (const chunk of body) chunks.push(chunk)
  return Buffer.concat(chunks).toString()
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof DropgateError ? error.code : String(error)),
  )

describe('guardedBody', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('yields the body whole and in order', async () => {
    const stream = new PassThrough()
    const reading = readAll(guardedBody(stream, { idleMs: 1000 }))
    stream.write('one ')
    stream.end('two')
    expect(await reading).toBe('one two')
  })

  it('a client that goes away (reset) is client_gone, not an unhandled socket error', async () => {
    const stream = new PassThrough()
    const reading = codeOf(readAll(guardedBody(stream, { idleMs: 1000 })))
    stream.write('partial')
    stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
    expect(await reading).toBe('client_gone')
  })

  it('a stream torn down without an error or an end is client_gone too', async () => {
    const stream = new PassThrough()
    const reading = codeOf(readAll(guardedBody(stream, { idleMs: 1000 })))
    stream.write('partial')
    stream.destroy()
    expect(await reading).toBe('client_gone')
  })

  it('a body that sends nothing for idleMs while it is waited for fails with body_idle (408)', async () => {
    vi.useFakeTimers()
    const stream = new PassThrough()
    const reading = readAll(guardedBody(stream, { idleMs: 5000 })).catch((error: DropgateError) => error)
    stream.write('a')
    await vi.advanceTimersByTimeAsync(4000)
    stream.write('b') // moving: the deadline starts again
    await vi.advanceTimersByTimeAsync(4000)
    expect(stream.destroyed).toBe(false)
    await vi.advanceTimersByTimeAsync(1001)
    const error = (await reading) as DropgateError
    expect(error.code).toBe('body_idle')
    expect(error.status).toBe(408)
    expect(error.headers.Connection).toBe('close')
  })

  it('time the reader spends busy (a slow store) is not counted against the client', async () => {
    vi.useFakeTimers()
    const stream = new PassThrough()
    stream.end('all of it')
    const iterator = guardedBody(stream, { idleMs: 1000 })[Symbol.asyncIterator]()
    const first = await iterator.next()
    await vi.advanceTimersByTimeAsync(10_000) // the consumer does other things for 10 s
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('all of it')
    expect((await iterator.next()).done).toBe(true)
  })

  it('the shutdown signal fails a body still arriving with shutting_down (503, Retry-After)', async () => {
    const stream = new PassThrough()
    const stop = new AbortController()
    const reading = readAll(guardedBody(stream, { idleMs: 60_000, shutdown: stop.signal })).catch(
      (error: DropgateError) => error,
    )
    stream.write('part of it')
    stop.abort()
    const error = (await reading) as DropgateError
    expect(error.code).toBe('shutting_down')
    expect(error.status).toBe(503)
    expect(error.headers['Retry-After']).toBeDefined()
  })

  it('when the reader stops early, the rest is read and dropped, then cut off if the client stalls', async () => {
    vi.useFakeTimers()
    const stream = new PassThrough()
    stream.write('first')
    for await (const _chunk of guardedBody(stream, { idleMs: 1000 })) break // refused after one chunk
    stream.write('more the client still sends')
    await vi.advanceTimersByTimeAsync(0)
    expect(stream.readableLength).toBe(0) // read and dropped, not buffered
    expect(stream.destroyed).toBe(false)
    await vi.advanceTimersByTimeAsync(1001)
    expect(stream.destroyed).toBe(true)
  })
})
