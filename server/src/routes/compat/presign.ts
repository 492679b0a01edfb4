import { cleanFilename, objectKey } from '../../core/keys.js'
import { extensionFor, normalizeContentType } from '../../core/policy.js'
import type { Caller } from '../../http/auth.js'
import { admit } from '../admit.js'
import { type RouteDeps, storageOf } from '../deps.js'
import { allocateFileId } from '../file-ids.js'
import type { UploadRequest } from './upload-request.js'

/**
 * The presigned PUT of the native JSON mode (routes/create-file.ts), composed from the same exported
 * pieces in the same order, so an adapter gets the same policy, scope, ids and storage: `admit` (server
 * policy, then the credential's scope), `allocateFileId` (random, or an upload token's own slot, with
 * the same identity string so a retry through either route keeps its slot), and the driver's
 * `presignPut` with Content-Type and Content-Length bound into the signature.
 */

export interface PresignedUpload {
  fileId: string
  uploadUrl: string
  /** The headers the PUT must send (at least Content-Type). */
  headers: Record<string, string>
  publicUrl: string
  /** When the upload URL stops working; never later than the signature's own expiry. */
  expiresAt: Date
}

export async function presignUpload(
  deps: RouteDeps,
  caller: Caller,
  request: UploadRequest,
  expiresIn: number,
): Promise<PresignedUpload> {
  const type = normalizeContentType(request.contentType)
  admit(deps.config.caps, caller, type, request.size)
  const storage = storageOf(deps)
  const name = cleanFilename(request.filename)
  const fileId = await allocateFileId(caller, extensionFor(name, type), `${name}|${type}|${request.size}`, {
    storage,
    tokenSecret: deps.config.tokenSecret,
    reservations: deps.reservations,
  })
  const key = objectKey(caller.owner, fileId)
  // SigV4 dates have whole seconds and the signature is made after this instant, so the URL lives
  // at least until expiresAt: a client that trusts expiresAt never holds a dead URL.
  const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + expiresIn * 1000)
  const presigned = await storage.presignPut({
    key,
    contentType: type,
    contentLength: request.size,
    expiresIn,
    metadata: name ? { filename: name } : {},
  })
  return {
    fileId,
    uploadUrl: presigned.url,
    headers: presigned.headers,
    publicUrl: storage.publicUrl(key),
    expiresAt,
  }
}
