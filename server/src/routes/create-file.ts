import { type CreateFileAnswer, largestCap, normalizeContentType } from '@dropgate/core'
import type { Context } from 'hono'
import { errors, fail } from '../errors.js'
import type { AuthEnv } from '../http/auth.js'
import { receiveFile } from '../http/multipart-file.js'
import { admit } from '../usecases/admit.js'
import { bodyDeadlines, type RouteDeps, storageOf } from '../usecases/deps.js'
import { declaredOrDetectedType, presignUpload, storeStreamedFile } from '../usecases/upload-core.js'
import { isFileSize, requireNameAndType } from './file-fields.js'
import { readJsonBody, success } from './json.js'

/**
 * POST /api/v1/files (docs/API.md §2.2). JSON mode answers a presigned PUT; multipart mode streams the
 * `file` field into the store. The request's Content-Type picks the mode.
 */
export function createFileHandler(deps: RouteDeps) {
  return async (c: Context<AuthEnv>) => {
    const mediaType = normalizeContentType(c.req.header('content-type') ?? '')
    if (mediaType === 'application/json') return c.json(await presignMode(deps, c))
    if (mediaType === 'multipart/form-data') return c.json(await multipartMode(deps, c))
    throw errors.badContentType()
  }
}

async function presignMode(deps: RouteDeps, c: Context<AuthEnv>) {
  const body = await readJsonBody(c, deps.config.timeouts.bodyIdleMs)
  const { filename, contentType } = requireNameAndType(body)
  const { fileSize } = body
  if (fileSize !== undefined && fileSize !== null && !isFileSize(fileSize)) throw fail('invalid_file_size')
  const size = typeof fileSize === 'number' ? fileSize : undefined
  const caller = c.get('caller')
  if (caller.kind !== 'secret-key' && size === undefined) {
    // The policy's own answer first; then: a browser credential's length must be bound into the URL,
    // since only then does the store enforce its cap.
    admit(deps.config.caps, caller, normalizeContentType(contentType))
    throw fail('file_size_required')
  }
  const upload = await presignUpload(deps, caller, { filename, contentType, size }, deps.config.uploadUrlTtl)
  return success({
    fileId: upload.fileId,
    uploadUrl: upload.uploadUrl,
    method: 'PUT',
    headers: upload.headers,
    publicUrl: upload.publicUrl,
    expiresAt: upload.expiresAt.toISOString(),
  } satisfies CreateFileAnswer)
}

async function multipartMode(deps: RouteDeps, c: Context<AuthEnv>) {
  const storage = storageOf(deps)
  const caller = c.get('caller')
  const stored = await receiveFile(
    c,
    { field: 'file', maxBytes: largestCap(deps.config.caps), deadlines: bodyDeadlines(deps) },
    (file) =>
      storeStreamedFile(deps, caller, file, (evidence) => {
        const type = declaredOrDetectedType(evidence)
        if (!type) throw errors.typeNotAllowed()
        return type
      }),
  )
  if (!stored) throw errors.noFile()
  return success({ fileId: stored.fileId, publicUrl: storage.publicUrl(stored.key) })
}
