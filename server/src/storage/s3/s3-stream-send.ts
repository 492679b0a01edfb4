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
    let timer: NodeJS.Timeout | undefined
    let stopped: StreamStopped | null = null
    const stop = (why: StreamStopped) => {
      stopped ??= why
      request.destroy(why)
    }
    const arm = (ms: number, what: string) => {
      clearTimeout(timer)
      timer = setTimeout(() => stop(new StreamStopped('stalled', what)), ms)
    }
    const finish = (error: unknown, answer?: StreamedAnswer) => {
      clearTimeout(timer)
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
          arm(input.idleMs, idle)
          await drained(request)
          clearTimeout(timer)
        }
      }
      // All handed over: from here on it is the store's turn to answer.
      arm(input.answerMs, `no answer within ${seconds(input.answerMs)}`)
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
