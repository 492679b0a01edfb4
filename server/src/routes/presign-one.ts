import { type CreateFileAnswer, normalizeContentType } from '@dropgate/core'
import { fail } from '../errors.js'
import type { Caller } from '../http/auth.js'
import { admit } from '../usecases/admit.js'
import type { RouteDeps } from '../usecases/deps.js'
import { presignUpload } from '../usecases/upload-core.js'
import { isFileSize, requireNameAndType } from './file-fields.js'

/** One JSON-mode request's fields → its presigned PUT; each bad field its own error (§2.12). */
export async function presignOne(
  deps: RouteDeps,
  caller: Caller,
  body: Record<string, unknown>,
): Promise<CreateFileAnswer> {
  const { filename, contentType } = requireNameAndType(body)
  const { fileSize } = body
  if (fileSize !== undefined && fileSize !== null && !isFileSize(fileSize)) throw fail('invalid_file_size')
  const size = typeof fileSize === 'number' ? fileSize : undefined
  if (caller.kind !== 'secret-key' && size === undefined) {
    // The policy's own answer first; then: a browser credential's length must be bound into the URL,
    // since only then does the store enforce its cap.
    admit(deps.config.caps, caller, normalizeContentType(contentType))
    throw fail('file_size_required')
  }
  const upload = await presignUpload(deps, caller, { filename, contentType, size }, deps.config.uploadUrlTtl)
  return {
    fileId: upload.fileId,
    uploadUrl: upload.uploadUrl,
    method: 'PUT',
    headers: upload.headers,
    publicUrl: upload.publicUrl,
    expiresAt: isoOf(upload.expiresAt),
  }
}

// Presigns made within one second share their expiry (whole seconds); toISOString costs ~1 µs.
let lastExpiryMs = Number.NaN
let lastExpiryIso = ''
function isoOf(date: Date): string {
  const ms = date.getTime()
  if (ms !== lastExpiryMs) {
    lastExpiryIso = date.toISOString() // throws for an invalid date, whose NaN never matches
    lastExpiryMs = ms
  }
  return lastExpiryIso
}
