import type { Context } from 'hono'
import { cleanFilename, objectKey } from '../core/keys.js'
import { extensionFor, largestCap, normalizeContentType, typeFromFilename } from '../core/policy.js'
import { contentMatchesType, SNIFF_BYTES, typeFromBytes } from '../core/sniff.js'
import { DropgateError, errors } from '../errors.js'
import type { AuthEnv } from '../http/auth.js'
import { receiveFile } from '../http/multipart-file.js'
import { limitBytes, peek } from '../http/streams.js'
import { admit } from './admit.js'
import { type RouteDeps, storageOf } from './deps.js'
import { allocateFileId } from './file-ids.js'
import { readJsonObject, success } from './json.js'

/**
 * POST /api/v1/files (API.md §2). JSON mode answers a presigned PUT; multipart mode streams the
 * `file` field into the store. The request's Content-Type picks the mode.
 */
export function createFileHandler(deps: RouteDeps) {
  return async (c: Context<AuthEnv>) => {
    const mediaType = normalizeContentType(c.req.header('content-type') ?? '')
    if (mediaType === 'application/json') return c.json(await presignUpload(deps, c))
    if (mediaType === 'multipart/form-data') return c.json(await receiveUpload(deps, c))
    throw errors.badContentType()
  }
}

async function presignUpload(deps: RouteDeps, c: Context<AuthEnv>) {
  const { filename, contentType, fileSize } = await readJsonObject(c.req.raw)
  if (!isNonEmptyString(filename) || !isNonEmptyString(contentType)) throw errors.missingFields()
  const type = normalizeContentType(contentType)
  if (fileSize !== undefined && fileSize !== null && !isPositiveInteger(fileSize))
    throw new DropgateError('invalid_file_size', 400, 'fileSize must be a positive whole number of bytes')
  const size = typeof fileSize === 'number' ? fileSize : undefined
  const caller = c.get('caller')
  admit(deps.config.caps, caller, type, size)
  // A browser credential's length must be bound into the URL: only then does the store enforce its cap.
  if (caller.kind !== 'secret-key' && size === undefined)
    throw new DropgateError('file_size_required', 400, 'fileSize is required with a browser credential')

  const storage = storageOf(deps)
  const name = cleanFilename(filename)
  const fileId = await allocateFileId(caller, extensionFor(name, type), `${name}|${type}|${size}`, {
    storage,
    tokenSecret: deps.config.tokenSecret,
    reservations: deps.reservations,
  })
  const key = objectKey(caller.owner, fileId)
  const expiresIn = deps.config.uploadUrlTtl
  const presigned = await storage.presignPut({
    key,
    contentType: type,
    contentLength: size,
    expiresIn,
    metadata: name ? { filename: name } : {},
  })
  return success({
    fileId,
    uploadUrl: presigned.url,
    method: presigned.method,
    headers: presigned.headers,
    publicUrl: storage.publicUrl(key),
    expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
  })
}

async function receiveUpload(deps: RouteDeps, c: Context<AuthEnv>) {
  const storage = storageOf(deps)
  const { caps } = deps.config
  const caller = c.get('caller')
  const stored = await receiveFile(c.req.raw, { field: 'file', maxBytes: largestCap(caps) }, async (file) => {
    const name = cleanFilename(file.filename)
    const { head, body } = await peek(file.stream, SNIFF_BYTES)
    const type = await declaredOrDetectedType(file.mimeType, head, name)
    if (!type) throw errors.typeNotAllowed()
    const { cap, tooLarge } = admit(caps, caller, type)
    // Checked before a byte is written: a disguised file never reaches the store, not even briefly.
    if (!(await contentMatchesType(head, type))) throw errors.contentMismatch()
    const fileId = await allocateFileId(caller, extensionFor(name, type), `${name}|${type}|form`, {
      storage,
      tokenSecret: deps.config.tokenSecret,
      reservations: deps.reservations,
    })
    const key = objectKey(caller.owner, fileId)
    try {
      await storage.put(key, limitBytes(body, cap, tooLarge), {
        contentType: type,
        metadata: name ? { filename: name } : {},
      })
    } catch (error) {
      await storage
        .delete(key)
        .catch((cleanup) => deps.logger.error('cleanup_failed', { key, error: `${cleanup}` }))
      throw error
    }
    return { fileId, key }
  })
  if (!stored) throw errors.noFile()
  return success({ fileId: stored.fileId, publicUrl: storage.publicUrl(stored.key) })
}

/**
 * The part's own type, unless it is missing or generic (Python's requests sends none); then what the
 * bytes say, then the extension. API.md §2.
 */
async function declaredOrDetectedType(
  declared: string,
  head: Uint8Array,
  filename: string,
): Promise<string | null> {
  const type = normalizeContentType(declared)
  if (type !== '' && type !== 'application/octet-stream') return type
  return (await typeFromBytes(head)) ?? typeFromFilename(filename)
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}
