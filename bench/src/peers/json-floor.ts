// Diagnostics peer: the floor of any JSON POST on Hono + @hono/node-server — read a small JSON body,
// answer a JSON object the size of a presign's — with no authentication and no signing.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
const url = `http://127.0.0.1:8080/dropgate/uploads/${'x'.repeat(400)}`
app.post('/json', async (c) => {
  const body = JSON.parse(Buffer.from(await c.req.raw.arrayBuffer()).toString('utf8')) as {
    contentType: string
  }
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
