import type { Context } from 'hono'
import { cleanFilename, newFileId, objectKey } from '../core/keys.js'
import {
  capFor,
  extensionFor,
  isAllowedType,
  largestCap,
  normalizeContentType,
  typeFromFilename,
} from '../core/policy.js'
import { contentMatchesType, SNIFF_BYTES, typeFromBytes } from '../core/sniff.js'
import { DropgateError, errors } from '../errors.js'
import type { AuthEnv } from '../http/auth.js'
import { receiveFile } from '../http/multipart-file.js'
import { limitBytes, peek } from '../http/streams.js'
import { type AppDeps, storageOf } from './deps.js'

/**
 * POST /api/v1/files (API.md §2). JSON mode answers a presigned PUT; multipart mode streams the
 * `file` field into the store. The request's Content-Type picks the mode.
 */
export function createFileHandler(deps: AppDeps) {
  return async (c: Context<AuthEnv>) => {
    const mediaType = normalizeContentType(c.req.header('content-type') ?? '')
    if (mediaType === 'application/json') return c.json(await presignUpload(deps, c))
    if (mediaType === 'multipart/form-data') return c.json(await receiveUpload(deps, c))
    throw errors.badContentType()
  }
}

async function presignUpload(deps: AppDeps, c: Context<AuthEnv>) {
  const body = await readJsonObject(c.req.raw)
  const { filename, contentType, fileSize } = body
  if (!isNonEmptyString(filename) || !isNonEmptyString(contentType)) throw errors.missingFields()
  const type = normalizeContentType(contentType)
  const cap = capFor(deps.config.caps, type)
  if (cap === null || !isAllowedType(type)) throw errors.typeNotAllowed()
  if (fileSize !== undefined && fileSize !== null && !isPositiveInteger(fileSize))
    throw new DropgateError('invalid_file_size', 400, 'fileSize must be a positive whole number of bytes')
  if (typeof fileSize === 'number' && fileSize > cap) throw errors.tooLarge(cap)

  const storage = storageOf(deps)
  const name = cleanFilename(filename)
  const fileId = newFileId(extensionFor(name, type))
  const key = objectKey(c.get('caller').owner, fileId)
  const expiresIn = deps.config.uploadUrlTtl
  const presigned = await storage.presignPut({
    key,
    contentType: type,
    contentLength: typeof fileSize === 'number' ? fileSize : undefined,
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

async function receiveUpload(deps: AppDeps, c: Context<AuthEnv>) {
  const storage = storageOf(deps)
  const { caps } = deps.config
  const owner = c.get('caller').owner
  const stored = await receiveFile(c.req.raw, { field: 'file', maxBytes: largestCap(caps) }, async (file) => {
    const name = cleanFilename(file.filename)
    const { head, body } = await peek(file.stream, SNIFF_BYTES)
    const type = await declaredOrDetectedType(file.mimeType, head, name)
    const cap = type ? capFor(caps, type) : null
    if (!type || cap === null) throw errors.typeNotAllowed()
    // Checked before a byte is written: a disguised file never reaches the store, not even briefly.
    if (!(await contentMatchesType(head, type))) throw errors.contentMismatch()
    const fileId = newFileId(extensionFor(name, type))
    const key = objectKey(owner, fileId)
    try {
      await storage.put(key, limitBytes(body, cap), {
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

/** A JSON-mode body is a few hundred bytes; anything near this is not a client of this API. */
const MAX_JSON_BYTES = 64 * 1024

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const chunks: Uint8Array[] = []
  let length = 0
  for await (const chunk of request.body ?? []) {
    length += chunk.length
    if (length > MAX_JSON_BYTES)
      throw new DropgateError('body_too_large', 413, 'JSON body too large (max 64KB)')
    chunks.push(chunk)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw errors.invalidJson()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.invalidJson()
  return parsed as Record<string, unknown>
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

export function success<T>(data: T) {
  return { code: 200 as const, msg: 'success' as const, data }
}
