import { createHash } from 'node:crypto'
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'

/**
 * An S3 endpoint for stores that keep CORS and lifecycle rules: every request goes through to a real
 * S3 API (Swift), except `?cors` and `?lifecycle` on the bucket, which this proxy answers itself as
 * S3 does (404 NoSuchCORSConfiguration / NoSuchLifecycleConfiguration until set; PUT requires a
 * matching Content-MD5). Swift takes neither, so this is how `storage setup` is tested writing them.
 * With `abortStatus` or `refuseUploadListings` it answers AbortMultipartUpload or ListMultipartUploads
 * itself: 403, as S3 does for a key without s3:AbortMultipartUpload or s3:ListBucketMultipartUploads,
 * or 503, as a store that is failing.
 */
export interface BucketSettingsProxy {
  url: string
  /** Each bucket's documents, by bucket name (the main bucket and S3_QUARANTINE_BUCKET apart). */
  documents: Record<string, { cors?: string; lifecycle?: string }>
  /** Answer 403 AccessDenied to ?cors and ?lifecycle, as with credentials scoped to objects. */
  deny: boolean
  /** Answer every AbortMultipartUpload (DELETE ?uploadId) with 403 AccessDenied or 503 ServiceUnavailable. */
  abortStatus: 403 | 503 | undefined
  /** Answer 403 AccessDenied to every ListMultipartUploads (GET ?uploads on the bucket). */
  refuseUploadListings: boolean
  /** The `max-uploads` of each ListMultipartUploads request that went through. */
  uploadListings: string[]
  puts: { bucket: string; name: string; md5Ok: boolean }[]
  close(): Promise<void>
}

export async function bucketSettingsProxy(target: string): Promise<BucketSettingsProxy> {
  const upstream = new URL(target)
  const state: BucketSettingsProxy = {
    url: '',
    documents: {},
    deny: false,
    abortStatus: undefined,
    refuseUploadListings: false,
    uploadListings: [],
    puts: [],
    close: async () => {},
  }
  const xml = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/xml' })
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`)
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const name = url.searchParams.has('cors')
      ? 'cors'
      : url.searchParams.has('lifecycle')
        ? 'lifecycle'
        : null
    const segments = url.pathname.split('/').filter(Boolean)
    const onBucket = segments.length === 1
    if (name && onBucket) {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        if (state.deny)
          return xml(res, 403, '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>')
        const key = name as 'cors' | 'lifecycle'
        const bucket = decodeURIComponent(segments[0] as string)
        state.documents[bucket] ??= {}
        const documents = state.documents[bucket]
        if (req.method === 'GET') {
          const doc = documents[key]
          if (doc) return xml(res, 200, doc)
          const code = key === 'cors' ? 'NoSuchCORSConfiguration' : 'NoSuchLifecycleConfiguration'
          return xml(res, 404, `<Error><Code>${code}</Code><Message>none</Message></Error>`)
        }
        if (req.method === 'PUT') {
          const body = Buffer.concat(chunks)
          const md5Ok = req.headers['content-md5'] === createHash('md5').update(body).digest('base64')
          state.puts.push({ bucket, name: key, md5Ok })
          if (!md5Ok)
            return xml(
              res,
              400,
              '<Error><Code>InvalidDigest</Code><Message>bad Content-MD5</Message></Error>',
            )
          documents[key] = body.toString('utf8')
          res.writeHead(200)
          return res.end()
        }
        return xml(res, 405, '<Error><Code>MethodNotAllowed</Code><Message>no</Message></Error>')
      })
      return
    }
    const listing = req.method === 'GET' && onBucket && url.searchParams.has('uploads')
    if (listing && !state.refuseUploadListings)
      state.uploadListings.push(url.searchParams.get('max-uploads') ?? '')
    const abort = req.method === 'DELETE' && url.searchParams.has('uploadId')
    const status = abort ? state.abortStatus : listing && state.refuseUploadListings ? 403 : undefined
    if (status !== undefined) {
      const [code, message] =
        status === 403
          ? ['AccessDenied', 'Access Denied']
          : ['ServiceUnavailable', 'Please reduce your request rate.']
      req.resume()
      req.on('end', () =>
        xml(res, status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`),
      )
      return
    }
    // Everything else, as is: the Host header stays the proxy's, which is what the client signed.
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    forward.on('error', () => {
      res.writeHead(502)
      res.end()
    })
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return state
}
