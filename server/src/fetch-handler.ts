import type { AppOptions } from './app.js'
import { createNodeApp } from './node/node-app.js'

/**
 * The signer as a standard `fetch(request) => Promise<Response>` handler, for any host that speaks
 * web Requests (Hono, Bun, Deno, a Worker, undici): hand it every request under `config.basePath`,
 * URL unchanged (upload URLs are signed over their whole path).
 */
export function createFetchHandler(options: AppOptions): (request: Request) => Promise<Response> {
  const app = createNodeApp(options)
  return async (request) => app.fetch(request)
}
