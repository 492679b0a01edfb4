import { normalizeContentType, typeFromFilename } from '@dropgate/core'
import { Hono } from 'hono'
import { errors, fail } from '../../errors.js'
import type { AuthEnv, createAuth } from '../../http/auth.js'
import { receiveFile } from '../../http/multipart-file.js'
import { bodyDeadlines, type RouteDeps, storageOf } from '../../usecases/deps.js'
import { storeStreamedFile } from '../../usecases/upload-core.js'
import { type CompatOverrides, compatErrorHandler } from './errors.js'

/**
 * Third compatible API (docs/API.md §3.3): `POST /v1/uploads/images`, multipart/form-data with the image in
 * field `file`, answers `{"url", "filename", "content_type", "bytes", "created_at"}` (`created_at` in
 * Unix seconds). The server receives and stores the file as the native multipart mode does: streamed
 * (memory does not grow with the file), its first bytes checked before anything is written, cut off
 * the moment it passes its cap, and nothing kept on any failure.
 *
 * - Images only, and only the four that API takes: JPEG, PNG, WebP, GIF, within the server's image cap
 *   and the credential's scope. A part without a type (as Python's requests sends it) or with
 *   `application/octet-stream` is judged by its bytes, then its extension, as in the native mode.
 * - The bytes decide the stored type: an image of one of the four with another of the four declared
 *   (a JPEG sent as image/png) is stored and answered as what it is; anything else is refused.
 * - `filename` is the name the client gave (cleaned), or the file id when it gave none.
 * - Errors: `{"error": {"code", "message"}}` with the codes of ./errors.ts; a file whose bytes pass the
 *   cap is `413 FILE_TOO_LARGE`.
 */
export const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif']

const notAnImage = () => fail('image_type_not_allowed')

/** RFC 9110 §15.5.14: the content itself is larger than the server will take. */
export const UPLOAD_IMAGES_OVERRIDES: CompatOverrides = {
  file_too_large: { status: 413, code: 'FILE_TOO_LARGE' },
}

export function uploadImagesRoutes(deps: RouteDeps, auth: ReturnType<typeof createAuth>): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>()
  app.post('/v1/uploads/images', auth(['secret-key', 'upload-token', 'publishable-key']), async (c) => {
    if (normalizeContentType(c.req.header('content-type') ?? '') !== 'multipart/form-data')
      throw fail('image_form_required')
    const storage = storageOf(deps)
    const caller = c.get('caller')
    const { caps } = deps.config
    const stored = await receiveFile(
      c,
      { field: 'file', maxBytes: caps.image, deadlines: bodyDeadlines(deps) },
      (file) =>
        storeStreamedFile(deps, caller, file, ({ declared, detected, name }) => {
          const claimed = declared !== '' ? declared : (detected ?? typeFromFilename(name))
          if (!claimed || !IMAGE_TYPES.includes(claimed)) throw notAnImage()
          // The bytes decide: a disguised file is refused, an image of another of the four is stored as what it is.
          if (!detected || !IMAGE_TYPES.includes(detected)) throw errors.contentMismatch()
          return detected
        }),
    )
    if (!stored) throw errors.noFile()
    return c.json({
      url: storage.publicUrl(stored.key),
      filename: stored.name || stored.fileId,
      content_type: stored.type,
      bytes: stored.size,
      created_at: Math.floor(Date.now() / 1000),
    })
  })
  app.onError(
    compatErrorHandler({
      logger: deps.logger,
      envelope: (error) => ({ error }),
      overrides: UPLOAD_IMAGES_OVERRIDES,
    }),
  )
  return app
}
