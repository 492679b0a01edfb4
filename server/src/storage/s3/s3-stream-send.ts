import { type Agent, Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/**
 * Sends one signed request whose body is streamed (an object or a part upload) over node:http, not
 * fetch: undici's fetch keeps taking a streamed body's chunks while the store is slower than the
 * client, so ten uploads into a busy store held ~650 MiB; here each chunk waits for the socket to
 * drain, which pauses the client's upload instead. Deadlines as the client promises: `idleMs` while
 * the store takes no more of the body (a socket that does not drain), then `answerMs` for the answer.
 */

export interface StreamedRequest {
  method: string
  url: string
  headers: Record<string, string>
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>
  idleMs: number
  answerMs: number
  /** Read at most this many bytes of the answer. */
  maxBodyBytes: number
}

export interface StreamedAnswer {
  status: number
  headers: Headers
  body: Uint8Array
}

/** Why a streamed request stopped before its answer: the store stalled, or the body itself failed. */
export class StreamStopped extends Error {
  constructor(
    readonly reason: 'stalled' | 'body',
    message: string,
    readonly bodyError?: unknown,
  ) {
    super(message)
  }
}

// Kept-alive connections to the store, shared by every streamed request of the process.
const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
} as const

export function sendStreamed(input: StreamedRequest): Promise<StreamedAnswer> {
  const url = new URL(input.url)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const agent: Agent = url.protocol === 'https:' ? agents['https:'] : agents['http:']
  return new Promise<StreamedAnswer>((resolve, reject) => {
    let stopped: StreamStopped | null = null
    const stop = (why: StreamStopped) => {
      stopped ??= why
      request.destroy(why)
    }
    // One timer for the whole request, not one per wait: a 100 MiB upload waits on the socket
    // thousands of times, each wait short. A wait only moves `deadline`; the timer, when it fires,
    // stops the request if the wait it finds has run out, else sleeps until that wait would.
    let deadline = Number.POSITIVE_INFINITY // while not waiting on the store: never
    let waitingFor = ''
    let timer: NodeJS.Timeout | undefined
    let timerAt = Number.POSITIVE_INFINITY
    const armAt = (at: number) => {
      clearTimeout(timer)
      timerAt = at
      timer = setTimeout(check, Math.max(0, at - performance.now()))
    }
    const check = () => {
      timer = undefined
      timerAt = Number.POSITIVE_INFINITY
      if (deadline <= performance.now()) stop(new StreamStopped('stalled', waitingFor))
      else if (deadline !== Number.POSITIVE_INFINITY) armAt(deadline)
    }
    const waitOnStore = (ms: number, what: string) => {
      deadline = performance.now() + ms
      waitingFor = what
      // Every wait on the body is as long, so a pending timer fires no later than this one runs out;
      // only the answer's shorter deadline (answerMs) moves it sooner.
      if (timer === undefined || timerAt > deadline) armAt(deadline)
    }
    const storeTookIt = () => {
      deadline = Number.POSITIVE_INFINITY
    }
    const finish = (error: unknown, answer?: StreamedAnswer) => {
      // A body still being sent after an early answer keeps its deadline: a later wait arms again.
      clearTimeout(timer)
      timer = undefined
      timerAt = Number.POSITIVE_INFINITY
      if (answer) resolve(answer)
      else reject(stopped ?? error)
    }
    const request = send(url, { method: input.method, headers: input.headers, agent }, (response) => {
      readAnswer(response, input.maxBodyBytes).then(
        (body) => finish(null, { status: response.statusCode ?? 0, headers: toHeaders(response), body }),
        (error) => finish(error),
      )
    })
    request.on('error', (error) => finish(error))
    const idle = `the upload stalled for ${seconds(input.idleMs)}`
    void (async () => {
      const iterator =
        Symbol.asyncIterator in input.chunks
          ? input.chunks[Symbol.asyncIterator]()
          : input.chunks[Symbol.iterator]()
      for (;;) {
        let next: IteratorResult<Uint8Array>
        try {
          next = await iterator.next()
        } catch (error) {
          stop(new StreamStopped('body', 'the body failed', error))
          return
        }
        if (stopped || request.destroyed) return
        if (next.done) break
        // Back-pressure: the next chunk is read only once the socket took this one. Only that wait is
        // the store's: time spent waiting for the body (a slow client) is the client's, and its own
        // deadline is the HTTP layer's (http/guarded-body.ts), so a slow upload is not a store outage.
        if (!request.write(next.value)) {
          waitOnStore(input.idleMs, idle)
          await drained(request)
          storeTookIt()
        }
      }
      // All handed over: from here on it is the store's turn to answer.
      waitOnStore(input.answerMs, `no answer within ${seconds(input.answerMs)}`)
      request.end()
    })()
  })
}

function drained(request: import('node:http').ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      request.off('drain', done)
      request.off('close', done)
      resolve()
    }
    request.on('drain', done)
    request.on('close', done)
  })
}

async function readAnswer(response: IncomingMessage, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (length < max) chunks.push(chunk)
    length += chunk.length
  }
  const all = Buffer.concat(chunks)
  return all.length > max ? all.subarray(0, max) : all
}

function toHeaders(response: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return headers
}

/** A deadline as the error messages say it: `5 s`, `0.4 s`. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}
