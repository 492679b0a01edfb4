import { request } from 'node:http'

export interface Sent {
  status: number
  body: string
}

/**
 * One HTTP/1.1 request on its own connection, the body written chunk by chunk with backpressure
 * (nothing is buffered beyond what the socket takes), the answer read whole. Headers are sent as
 * given, so a streamed body can declare its Content-Length, which fetch cannot.
 */
export function sendChunks(
  url: string,
  method: string,
  headers: Record<string, string | number>,
  chunks: Iterable<Uint8Array>,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const parts: Buffer[] = []
      res.on('data', (chunk: Buffer) => parts.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    const iterator = chunks[Symbol.iterator]()
    const pump = () => {
      for (;;) {
        const next = iterator.next()
        if (next.done) {
          req.end()
          return
        }
        if (!req.write(next.value)) {
          req.once('drain', pump)
          return
        }
      }
    }
    pump()
  })
}
