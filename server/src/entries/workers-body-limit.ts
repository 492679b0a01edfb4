import { formatCap } from '@dropgate/core'
import type { Config } from '../config.js'
import { fail } from '../errors.js'

/**
 * Cloudflare refuses request bodies past the plan's limit (100 MB on Free and Pro, 200 MB Business,
 * 500 MB Enterprise) before the Worker sees them. Multipart mode (the server receives the bytes) is
 * bounded by it; JSON mode is not, as the bytes go straight to the store. A multipart body that
 * declares more than DROPGATE_WORKERS_BODY_LIMIT_MB is answered here, before any route, with
 * `body_over_runtime_limit` (413), which names the limit and JSON mode, in the native shape.
 */
export const DEFAULT_WORKERS_BODY_LIMIT_MB = 100

/** DROPGATE_WORKERS_BODY_LIMIT_MB in bytes; a malformed value is a startup problem. */
export function bodyLimitBytes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_WORKERS_BODY_LIMIT_MB * 1024 * 1024
  const mb = Number(value)
  if (!/^\d+$/.test(value.trim()) || mb < 1)
    throw new TypeError(`DROPGATE_WORKERS_BODY_LIMIT_MB must be a whole number of MB (got "${value}")`)
  return mb * 1024 * 1024
}

/** The 413 answer for a request whose declared body is past `limitBytes`, or null to let it through. */
export function overBodyLimit(request: Request, limitBytes: number, config: Config): Response | null {
  const type = request.headers.get('content-type') ?? ''
  if (!type.toLowerCase().startsWith('multipart/')) return null
  const length = Number(request.headers.get('content-length') ?? '0')
  if (!(length > limitBytes)) return null
  const error = fail('body_over_runtime_limit', { cap: formatCap(limitBytes) })
  const headers = new Headers({ 'Content-Type': 'application/json', Connection: 'close' })
  // A browser reads the answer only with CORS headers: an allowed origin gets them, as from app.ts.
  const origin = request.headers.get('origin')
  if (origin !== null && config.allowedOrigins.includes(origin)) {
    headers.set('Access-Control-Allow-Origin', origin)
    headers.set('Vary', 'Origin')
  }
  return new Response(JSON.stringify({ code: error.status, msg: error.message }), {
    status: error.status,
    headers,
  })
}
