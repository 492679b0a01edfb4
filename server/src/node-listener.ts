import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'

/**
 * The app as a `node:http` request listener, for a plain Node server or Express: route the requests
 * under `config.basePath` to it, URL unchanged. It hands the app Node's own request and response
 * (`c.env.incoming`/`outgoing`), so bodies stream from the socket as under `dropgate serve`.
 */
export function nodeListener(app: Hono): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return getRequestListener(app.fetch)
}
