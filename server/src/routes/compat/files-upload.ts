import { Hono } from 'hono'
import type { AuthEnv, createAuth } from '../../http/auth.js'
import type { RouteDeps } from '../../usecases/deps.js'
import { presignUpload } from '../../usecases/upload-core.js'
import { compatErrorHandler } from './errors.js'
import { readUploadRequest } from './upload-request.js'

/**
 * First compatible API (docs/API.md §3.1): `POST /v1/files/upload` with JSON
 * `{"filename", "content_type", "size_bytes"}` answers `{"file_id", "upload_url", "expires_at"}`; the
 * client PUTs the bytes with the same Content-Type, and `file_id` resolves through the native
 * `GET /api/v1/files/{fileId}` (its `data.url` is the public link).
 *
 * - `size_bytes` is required and at most 100 MiB, that API's own limit; the server's per-type caps
 *   apply as well (an image over 10 MiB is refused with `File too large (max 10MB)`).
 * - The upload URL lives 1 hour, as that API promises, whatever `DROPGATE_UPLOAD_URL_TTL` says.
 * - Errors: `{"error": {"code", "message"}}` with the codes of ./errors.ts.
 * - This API's own flow has no confirm step: the checks run where the upload is first used, as for the
 *   native JSON mode (usecases/resolve-upload.ts): on the embedded store as it arrives, on S3 on
 *   `GET /api/v1/files/{fileId}` (the next step of this flow) or `complete`.
 */
export const MAX_SIZE_BYTES = 100 * 1024 * 1024
export const UPLOAD_URL_TTL_SECONDS = 3600

export function filesUploadRoutes(deps: RouteDeps, auth: ReturnType<typeof createAuth>): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>()
  app.post('/v1/files/upload', auth(['secret-key', 'upload-token', 'publishable-key']), async (c) => {
    const request = await readUploadRequest(c, {
      filename: 'filename',
      contentType: 'content_type',
      size: 'size_bytes',
      maxSize: MAX_SIZE_BYTES,
      idleMs: deps.config.timeouts.bodyIdleMs,
    })
    const upload = await presignUpload(deps, c.get('caller'), request, UPLOAD_URL_TTL_SECONDS)
    return c.json({
      file_id: upload.fileId,
      upload_url: upload.uploadUrl,
      expires_at: upload.expiresAt.toISOString(),
    })
  })
  app.onError(compatErrorHandler({ logger: deps.logger, envelope: (error) => ({ error }) }))
  return app
}
