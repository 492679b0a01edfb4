import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type StreamedAnswer, StreamStopped, sendStreamed } from './s3-stream-send.js'

/**
 * sendStreamed's deadlines against a real node:http server on loopback: only time spent waiting on
 * the store counts (a socket that does not drain, then its answer), with one timer per request.
 * Fake timers (setTimeout and performance.now only) move the clock; the sockets are real.
 */
const KiB = 1024
const CHUNK = 64 * KiB // over the request's 16 KiB high-water mark: every write waits for a drain
let server: Server | undefined
afterEach(async () => {
  vi.useRealTimers()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = undefined
})

async function store(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handle)
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/bucket/key`
}
/** A store that reads the whole body, then answers 200. */
const reading = (request: IncomingMessage, response: ServerResponse) => {
  request.resume()
  request.on('end', () => response.end())
}

const send = (url: string, chunks: AsyncIterable<Uint8Array>, idleMs: number, answerMs: number) =>
  sendStreamed({ method: 'PUT', url, headers: {}, chunks, idleMs, answerMs, maxBodyBytes: 1024 })

/** Moves the fake clock in small steps (real I/O runs between them) until `done` settles. */
async function advanceUntil(done: Promise<unknown>, stepMs: number, maxMs: number): Promise<void> {
  let settled = false
  done.then(
    () => (settled = true),
    () => (settled = true),
  )
  for (let moved = 0; !settled && moved < maxMs; moved += stepMs) await vi.advanceTimersByTimeAsync(stepMs)
}

const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })

describe('sendStreamed', () => {
  it('arms one timer for the whole upload, not one per wait on the socket', async () => {
    const url = await store(reading)
    async function* body() {
      for (let i = 0; i < 256; i++) yield new Uint8Array(CHUNK) // 16 MiB, 256 waits for a drain
    }
    const timers = vi.spyOn(globalThis, 'setTimeout')
    try {
      const answer = await send(url, body(), 15_000, 5000)
      expect(answer.status).toBe(200)
      expect(timers.mock.calls.length).toBeLessThanOrEqual(2) // the first wait's, then the answer's
    } finally {
      timers.mockRestore()
    }
  })

  it('time spent waiting for the body is not the store’s: a body that pauses for ten idle deadlines goes through', async () => {
    const url = await store(reading)
    fakeClock()
    let pausing: () => void = () => {}
    const paused = new Promise<void>((resolve) => (pausing = resolve))
    let resume: () => void = () => {}
    async function* body() {
      yield new Uint8Array(CHUNK) // waits for a drain: the timer is armed
      pausing() // asked for more: the store took the first chunk
      await new Promise<void>((resolve) => (resume = resolve))
      yield new Uint8Array(CHUNK)
    }
    const answer = send(url, body(), 1000, 1000)
    await paused
    await vi.advanceTimersByTimeAsync(10_000) // the client is slow; the store waits on it
    resume()
    await advanceUntil(answer, 10, 900) // the answer comes at once, well within its deadline
    expect((await answer).status).toBe(200)
  })

  it('a store that stops taking the body stalls out idleMs after the wait began, however many came before', async () => {
    const url = await store((request) => {
      let received = 0
      request.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received >= 1024 * KiB) request.pause() // then never reads again
      })
    })
    fakeClock()
    const pulls: number[] = []
    async function* body() {
      for (let i = 0; i < 1024; i++) {
        pulls.push(performance.now()) // the write that follows is what waits
        yield new Uint8Array(CHUNK)
      }
    }
    let stoppedAt = 0
    const answer = send(url, body(), 1000, 60_000).catch((error: unknown) => {
      stoppedAt = performance.now()
      return error
    })
    await advanceUntil(answer, 10, 30_000)
    const error = (await answer) as StreamStopped | StreamedAnswer
    expect(error).toBeInstanceOf(StreamStopped)
    expect((error as StreamStopped).message).toBe('the upload stalled for 1 s')
    // The wait that stalled began with the last chunk pulled before the stop (once stopped, the
    // loop may pull one more, at the same instant, and sends nothing of it).
    const waitBegan = pulls.filter((at) => at < stoppedAt).at(-1) ?? Number.NaN
    expect(pulls.length).toBeGreaterThan(16) // it did wait on the socket, and move on, many times first
    expect(stoppedAt - waitBegan).toBeGreaterThanOrEqual(1000)
    expect(stoppedAt - waitBegan).toBeLessThanOrEqual(1010)
  })

  it('the answer deadline runs from the end of the body, even right after a wait on the socket', async () => {
    const url = await store((request) => request.resume()) // takes it all, never answers
    fakeClock()
    let bodyDone = 0
    async function* body() {
      for (let i = 0; i < 16; i++) yield new Uint8Array(CHUNK)
      bodyDone = performance.now()
    }
    let stoppedAt = 0
    const answer = send(url, body(), 10_000, 1000).catch((error: unknown) => {
      stoppedAt = performance.now()
      return error
    })
    await advanceUntil(answer, 10, 30_000)
    expect(((await answer) as Error).message).toBe('no answer within 1 s')
    expect(stoppedAt - bodyDone).toBeGreaterThanOrEqual(1000)
    expect(stoppedAt - bodyDone).toBeLessThanOrEqual(1010)
  })
})
