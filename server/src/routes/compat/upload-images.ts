import { Hono } from 'hono'
import { cleanFilename, objectKey } from '../../core/keys.js'
import { extensionFor, normalizeContentType, typeFromFilename } from '../../core/policy.js'
import { SNIFF_BYTES, typeFromBytes } from '../../core/sniff.js'
import { DropgateError, errors } from '../../errors.js'
import type { AuthEnv, createAuth } from '../../http/auth.js'
import { receiveFile } from '../../http/multipart-file.js'
import { limitBytes, peek } from '../../http/streams.js'
import { admit } from '../admit.js'
import { type RouteDeps, storageOf } from '../deps.js'
import { allocateFileId } from '../file-ids.js'
import { compatErrorHandler } from './errors.js'

/**
 * Third compatible API (API.md §3.3): `POST /v1/uploads/images`, multipart/form-data with the image in
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

/**
 * Part types that declare nothing: none at all, the generic binary type, and `text/plain`, which is
 * what busboy reports for a part without a Content-Type (RFC 7578 §4.4's default), as Python's requests
 * sends a file. A part really declared as text is never an image either, so judging it by its bytes
 * refuses it all the same.
 */
const UNDECLARED = new Set(['', 'application/octet-stream', 'text/plain'])

const notAnImage = () =>
  new DropgateError('type_not_allowed', 400, 'Only JPEG, PNG, WebP and GIF images are accepted')

export function uploadImagesRoutes(deps: RouteDeps, auth: ReturnType<typeof createAuth>): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>()
  app.post('/v1/uploads/images', auth(['secret-key', 'upload-token', 'publishable-key']), async (c) => {
    if (normalizeContentType(c.req.header('content-type') ?? '') !== 'multipart/form-data')
      throw new DropgateError(
        'unsupported_media_type',
        400,
        'Expected multipart/form-data with the image in form field "file"',
      )
    const storage = storageOf(deps)
    const caller = c.get('caller')
    const { caps } = deps.config
    const stored = await receiveFile(c.req.raw, { field: 'file', maxBytes: caps.image }, async (file) => {
      const name = cleanFilename(file.filename)
      const { head, body } = await peek(file.stream, SNIFF_BYTES)
      const declared = normalizeContentType(file.mimeType)
      const detected = await typeFromBytes(head)
      const claimed = UNDECLARED.has(declared) ? (detected ?? typeFromFilename(name)) : declared
      if (!claimed || !IMAGE_TYPES.includes(claimed)) throw notAnImage()
      // Checked before a byte is written: a disguised file never reaches the store, not even briefly.
      if (!detected || !IMAGE_TYPES.includes(detected)) throw errors.contentMismatch()
      const type = detected
      const { cap, tooLarge } = admit(caps, caller, type)
      const fileId = await allocateFileId(caller, extensionFor(name, type), `${name}|${type}|form`, {
        storage,
        tokenSecret: deps.config.tokenSecret,
        reservations: deps.reservations,
      })
      const key = objectKey(caller.owner, fileId)
      let size: number
      try {
        ;({ size } = await storage.put(key, limitBytes(body, cap, tooLarge), {
          contentType: type,
          metadata: name ? { filename: name } : {},
        }))
      } catch (error) {
        await storage
          .delete(key)
          .catch((cleanup) => deps.logger.error('cleanup_failed', { key, error: `${cleanup}` }))
        throw error
      }
      return { key, fileId, name, type, size }
    })
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
      // RFC 9110 §15.5.14: the content itself is larger than the server will take.
      overrides: { file_too_large: { status: 413, code: 'FILE_TOO_LARGE' } },
    }),
  )
  return app
}
