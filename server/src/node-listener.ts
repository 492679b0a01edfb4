import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'

/**
 * The app as a `node:http` request listener, for a plain Node server or Express: route the requests
 * under `config.basePath` to it, URL unchanged. It hands the app Node's own request and response
 * (`c.env.incoming`/`outgoing`), so bodies stream from the socket as under `dropgate serve`. As
 * there, @hono/node-server puts its lighter web Request and Response, which behave as Node's own, on
 * globalThis. The server's deadlines are the host's to set: `requestTimeout: 0` (Node's 300 s would
 * cut a slow upload; the signer times out idle bodies itself) and a short `headersTimeout`.
 */
export function nodeListener(
  app: Hono,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return getRequestListener(app.fetch)
}
