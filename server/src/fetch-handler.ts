import type { AppOptions } from './app.js'
import { createNodeApp } from './node/node-app.js'

/**
 * The signer as a standard `fetch(request) => Promise<Response>` handler, for a Node host that routes
 * web Requests (Hono, undici, a framework's fetch adapter): hand it every request under
 * `config.basePath`, URL unchanged (upload URLs are signed over their whole path). It is the Node app
 * (node/node-app.ts: the embedded store's routes read the disk); a Workers entry is issue 20's.
 */
export function createFetchHandler(options: AppOptions): (request: Request) => Promise<Response> {
  const app = createNodeApp(options)
  return async (request) => app.fetch(request)
}
