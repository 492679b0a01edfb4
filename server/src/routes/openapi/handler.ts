import type { Context } from 'hono'
import { type DocumentOptions, openApiDocument } from './document.js'

/**
 * GET /openapi.json (docs/API.md §2.9): the document of this app's routes, built on the first request
 * and kept (converting the schemas costs a few milliseconds, which a process that is never asked for
 * it, or a Worker's start-up, should not pay). Public and open to every origin, as a description
 * is of use to tools on any page.
 */
export function openApiHandler(options: DocumentOptions) {
  let body: string | undefined
  return (c: Context) => {
    body ??= JSON.stringify(openApiDocument(options))
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cache-Control', 'public, max-age=300')
    c.header('Content-Type', 'application/json; charset=utf-8')
    return c.body(body)
  }
}
