// Peer (a) of the presign benchmark: the floor of any Hono route on Node, one route returning text,
// served exactly as Dropgate's Node entry serves its app (@hono/node-server's `serve`).
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/', (c) => c.text('ok'))
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })
