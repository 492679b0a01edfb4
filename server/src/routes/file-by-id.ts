import type { Context } from 'hono'
import { fileRecord, isExpired } from '../core/file-record.js'
import { isFileId, objectKey } from '../core/keys.js'
import { errors } from '../errors.js'
import type { AuthEnv, Caller } from '../http/auth.js'
import { admit } from '../usecases/admit.js'
import { type AppDeps, storageOf } from '../usecases/deps.js'
import { mediaRulesFor } from '../usecases/media-check.js'
import { resolveUpload } from '../usecases/resolve-upload.js'
import { success } from './json.js'

/**
 * complete, get and delete of one file. The key is rebuilt from the caller's own owner prefix, so
 * another caller's id simply is not there (404), with no lookup table to consult.
 */

function keyOf(c: Context<AuthEnv>): { fileId: string; key: string } {
  const fileId = c.req.param('fileId') ?? ''
  if (!isFileId(fileId)) throw errors.fileNotFound()
  return { fileId, key: objectKey(c.get('caller').owner, fileId) }
}

export function completeFileHandler(deps: AppDeps) {
  return async (c: Context<AuthEnv>) => {
    const record = await completeOne(deps, c.get('caller'), c.req.param('fileId') ?? '')
    // Both `code`/`msg` (native callers) and `success` (callers of the second compatible API).
    return c.json({ ...success(record), success: true })
  }
}

/** `complete` of one file id of this caller (docs/API.md §2.3): its record once checked. */
export async function completeOne(deps: AppDeps, caller: Caller, fileId: string) {
  const storage = storageOf(deps)
  if (!isFileId(fileId)) throw errors.fileNotFound()
  const key = objectKey(caller.owner, fileId)
  const info = await resolveUpload(
    storage,
    key,
    (type, size) => admit(deps.config.caps, caller, type, size),
    { media: mediaRulesFor(deps.config.media, caller) },
  )
  if (!info || isExpired(info, deps.config.fileTtl)) throw errors.fileNotFound()
  return fileRecord(fileId, info, storage.publicUrl(key), deps.config.fileTtl)
}

export function getFileHandler(deps: AppDeps) {
  return async (c: Context<AuthEnv>) => {
    const storage = storageOf(deps)
    const { fileId, key } = keyOf(c)
    const caller = c.get('caller')
    // An upload nobody confirmed (a client of the first compatible API PUTs, then GETs) is checked
    // and promoted here, as by `complete`.
    const info = await resolveUpload(
      storage,
      key,
      (type, size) => admit(deps.config.caps, caller, type, size),
      { recheckLive: false, media: mediaRulesFor(deps.config.media, caller) },
    )
    if (!info || isExpired(info, deps.config.fileTtl)) throw errors.fileNotFound()
    return c.json(success(fileRecord(fileId, info, storage.publicUrl(key), deps.config.fileTtl)))
  }
}

export function deleteFileHandler(deps: AppDeps) {
  return async (c: Context<AuthEnv>) => {
    const storage = storageOf(deps)
    const { fileId, key } = keyOf(c)
    const staged = storage.stagingKey(key)
    const [live, waiting] = await Promise.all([
      storage.head(key),
      staged === key ? null : storage.head(staged),
    ])
    if (!live && !waiting) throw errors.fileNotFound()
    await Promise.all([live && storage.delete(key), waiting && storage.delete(staged)])
    return c.json(success({ id: fileId, deleted: true }))
  }
}
