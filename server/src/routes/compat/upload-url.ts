import { Hono } from 'hono'
import type { AuthEnv, createAuth } from '../../http/auth.js'
import type { RouteDeps } from '../../usecases/deps.js'
import { presignUpload } from '../../usecases/upload-core.js'
import { compatErrorHandler } from './errors.js'
import { readUploadRequest } from './upload-request.js'

/**
 * Second compatible API (docs/API.md §3.2): `POST /api/v1/files/upload-url` with JSON
 * `{"filename", "contentType", "sizeBytes"}` answers `{"success": true, "data": {"upload_url",
 * "file_id", "expires_at"}}`; the client PUTs the bytes, then calls the native
 * `POST /api/v1/files/{file_id}/complete`, whose answer carries `success` and the snake_case `data`
 * this API's clients read (routes/file-by-id.ts).
 *
 * - `sizeBytes` is required: it is bound into the URL's signature, so the store refuses another length.
 * - The upload URL lives `DROPGATE_UPLOAD_URL_TTL`, as native ones do (this API promises no lifetime).
 * - Errors: `{"success": false, "error": {"code", "message"}}` with the codes of ./errors.ts. Errors of
 *   the native `complete` route keep the native shape `{"code", "msg"}`; `success` is absent there,
 *   which such clients read as false.
 * - The path is static and POST-only, so it never meets the native `/files/:fileId` routes (GET and
 *   DELETE) nor `POST /files/:fileId/complete`; app.ts mounts it before them all the same.
 */
export function uploadUrlRoutes(deps: RouteDeps, auth: ReturnType<typeof createAuth>): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>()
  app.post('/api/v1/files/upload-url', auth(['secret-key', 'upload-token', 'publishable-key']), async (c) => {
    const request = await readUploadRequest(c, {
      filename: 'filename',
      contentType: 'contentType',
      size: 'sizeBytes',
      idleMs: deps.config.timeouts.bodyIdleMs,
    })
    const upload = await presignUpload(deps, c.get('caller'), request, deps.config.uploadUrlTtl)
    return c.json({
      success: true,
      data: {
        upload_url: upload.uploadUrl,
        file_id: upload.fileId,
        expires_at: upload.expiresAt.toISOString(),
      },
    })
  })
  app.onError(compatErrorHandler({ logger: deps.logger, envelope: (error) => ({ success: false, error }) }))
  return app
}
