import { createServer, type Socket } from 'node:net'

const REQUEST_LINE = /(?:GET|HEAD|PUT|POST|DELETE) \/\S* HTTP\/1\.1\r\n/g

/**
 * A TCP server that accepts connections and never answers: a store that hangs. With `read: false`
 * it does not even read, so a client sending a body stalls once the socket buffers are full.
 */
export async function blackHole(options: { read?: boolean } = {}) {
  const sockets = new Set<Socket>()
  let accepted = 0
  let requests = 0
  const server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    if (options.read === false) socket.pause()
    else
      socket.on('data', (chunk: Buffer) => {
        // Request lines anywhere in what arrived (a head can follow the end of another request's
        // body in one read); the tests' bodies are bytes that never spell one.
        requests += chunk.toString('latin1').match(REQUEST_LINE)?.length ?? 0
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    /** Connections accepted so far (a client that never connected proves nothing). */
    accepted: () => accepted,
    /**
     * Requests that reached it (read mode): a kept-alive connection can carry a request without a
     * new connection, so this, not `accepted`, shows that a call really went to this store.
     */
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A loopback port nothing listens on: connections are refused at once. */
export async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
