import { formatCap } from '@dropgate/core'
import { fail } from '../errors.js'

/**
 * Cloudflare refuses request bodies past the plan's limit (100 MB on Free and Pro, 200 MB Business,
 * 500 MB Enterprise) before the Worker sees them. Multipart mode (the server receives the bytes) is
 * bounded by it; JSON mode is not, as the bytes go straight to the store. A multipart body that
 * declares more than DROPGATE_WORKERS_BODY_LIMIT_MB is refused when a route asks for its bytes
 * (workers-io.ts), with `body_over_runtime_limit` (413), which names the limit and JSON mode. It is
 * thrown inside the route, not answered in front of the app, so that each API's own error handler
 * words it: the native envelope on `/api/v1`, each compatible API's on its routes (docs/API.md §3.4),
 * with the app's CORS headers, and after the credential was checked.
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

/** Throws `body_over_runtime_limit` for a multipart request that declares more than `limitBytes`. */
export function refuseOverBodyLimit(request: Request, limitBytes: number): void {
  const type = request.headers.get('content-type') ?? ''
  if (!type.toLowerCase().startsWith('multipart/')) return
  const length = Number(request.headers.get('content-length') ?? '0')
  if (length > limitBytes) throw fail('body_over_runtime_limit', { cap: formatCap(limitBytes) })
}
