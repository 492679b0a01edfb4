// Peer (f) of the presign benchmark: the floor of any JSON POST on Hono + @hono/node-server. It reads a
// small JSON body the fastest way this stack allows, as Dropgate does (from Node's request, events
// only: no web Request body, no async iterator), and answers a JSON object the size of a presign's,
// with no authentication, no validation and no signing.
import type { IncomingMessage } from 'node:http'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>()
const url = `http://127.0.0.1:8080/dropgate/uploads/${'x'.repeat(400)}`

function bodyOf(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)))
    incoming.on('error', reject)
  })
}

app.post('/json', async (c) => {
  const body = JSON.parse((await bodyOf(c.env.incoming)).toString('utf8')) as { contentType: string }
  return c.json({
    code: 200,
    msg: 'success',
    data: {
      fileId: 'mwr8kvik-O8aGzbJ-thVJRUSuODNFxCZF.mp4',
      uploadUrl: url,
      method: 'PUT',
      headers: { 'Content-Type': body.contentType },
      publicUrl: url.slice(0, 120),
      expiresAt: new Date().toISOString(),
    },
  })
})
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })
