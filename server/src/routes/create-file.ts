import { largestCap, normalizeContentType } from '@dropgate/core'
import type { Context } from 'hono'
import { errors } from '../errors.js'
import type { AuthEnv } from '../http/auth.js'
import { receiveFile } from '../http/multipart-file.js'
import { bodyDeadlines, type RouteDeps, storageOf } from '../usecases/deps.js'
import { declaredOrDetectedType, storeStreamedFile } from '../usecases/upload-core.js'
import { createFilesBatch } from './create-files-batch.js'
import { readJsonBody, success } from './json.js'
import { presignOne } from './presign-one.js'

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
  // `{files: [...]}` is the batch form (routes/create-files-batch.ts, docs/API.md §2.2).
  if ('files' in body) return createFilesBatch(deps, c.get('caller'), body)
  return success(await presignOne(deps, c.get('caller'), body))
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
