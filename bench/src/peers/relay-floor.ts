// Context peer of the streaming benchmark: the least a Node server standing where Dropgate stands can
// cost. It parses the multipart form with busboy, as Dropgate does, and pipes the file into one PUT to
// a presigned URL of the store: no authentication, no type or size checks, no multipart upload to the
// store (one request, its length known in advance). The bench presigns the PUT and passes its URL,
// signed headers and length in request headers, so the peer holds no credentials.
import { Agent, createServer, request } from 'node:http'
import busboy from 'busboy'

// Kept-alive connections to the store, as Dropgate's own.
const agent = new Agent({ keepAlive: true })

const server = createServer((req, res) => {
  const answer = (status: number, text = '') => {
    if (res.headersSent) return
    res.writeHead(status, { 'content-type': 'text/plain' })
    res.end(text)
  }
  if (req.method !== 'POST') return answer(200, 'ok') // the readiness probe
  const url = req.headers['x-put-url']
  const signed = req.headers['x-put-headers']
  if (typeof url !== 'string' || typeof signed !== 'string') return answer(400, 'x-put-url and x-put-headers')
  let parser: busboy.Busboy
  try {
    parser = busboy({ headers: req.headers })
  } catch (error) {
    return answer(400, String(error))
  }
  parser.on('file', (_field, file) => {
    const put = request(url, { method: 'PUT', headers: JSON.parse(signed), agent }, (stored) => {
      stored.resume()
      stored.on('end', () => answer(stored.statusCode === 200 ? 200 : 502, `store: ${stored.statusCode}`))
    })
    put.on('error', (error) => answer(502, String(error)))
    file.pipe(put)
  })
  parser.on('error', (error) => answer(400, String(error)))
  req.pipe(parser)
})
server.listen(Number(process.env.PORT), '127.0.0.1')
