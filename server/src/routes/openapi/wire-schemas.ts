import { NameAndType } from '@dropgate/core'
import * as v from 'valibot'
import { MAX_SIZE_BYTES } from '../compat/files-upload.js'
import { IMAGE_TYPES } from '../compat/upload-images.js'

/**
 * The wire shapes the OpenAPI document states that `@dropgate/core`'s wire.ts does not hold, because
 * only the server reads or writes them (the widget never does). Each mirrors what its route reads or
 * answers (the file named beside it); routes/openapi/document.test.ts holds them to real answers and
 * to the routes' own readers, so a change to a route that is not made here fails there.
 */

const text = v.string()
const isoTime = v.pipe(v.string(), v.isoTimestamp())
/** A name field of an upload request: a non-blank string, as NameAndType reads it. */
const nonBlank = NameAndType.entries.filename

/** routes/file-fields.ts `isFileSize`: a positive whole number of bytes. */
export const FileSize = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

/** POST /api/v1/files in JSON mode (routes/create-file.ts): `fileSize` may be left out, or null. */
export const CreateFileRequest = v.object({
  ...NameAndType.entries,
  fileSize: v.optional(v.nullable(FileSize)),
})

/** POST /api/v1/uploads (routes/multipart.ts): the size is required, to plan the parts. */
export const CreateUploadRequest = v.object({ ...NameAndType.entries, fileSize: FileSize })

/** Multipart mode of POST /api/v1/files: the stored file. */
export const StoredFileAnswer = v.object({ fileId: text, publicUrl: text })

/** `data` of complete and GET /api/v1/files/{fileId} (core/file-record.ts `FileRecord`). */
export const FileRecordAnswer = v.object({
  id: text,
  url: text,
  filename: text,
  content_type: text,
  size_bytes: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  created_at: isoTime,
  expires_at: isoTime,
})

/** DELETE /api/v1/files/{fileId} (routes/file-by-id.ts). */
export const DeletedAnswer = v.object({ id: text, deleted: v.literal(true) })

/** POST /api/v1/tokens (routes/tokens.ts). */
export const TokenAnswer = v.object({ token: v.pipe(v.string(), v.startsWith('dg_tk_')), expiresAt: isoTime })

/** GET /healthz (app.ts). */
export const HealthAnswer = v.object({
  status: v.literal('ok'),
  storage: v.picklist(['local', 's3', 'unconfigured']),
})

/**
 * The two compatible "give me an upload URL" requests (routes/compat/upload-request.ts): the same
 * three facts under each API's names, all required; other fields are ignored.
 */
function compatUploadRequest(names: { contentType: string; size: string }, maxSize?: number) {
  const size = maxSize === undefined ? FileSize : v.pipe(FileSize, v.maxValue(maxSize))
  return v.object({ filename: nonBlank, [names.contentType]: nonBlank, [names.size]: size })
}

/** §3.1 POST /v1/files/upload (routes/compat/files-upload.ts). */
export const FilesUploadRequest = compatUploadRequest(
  { contentType: 'content_type', size: 'size_bytes' },
  MAX_SIZE_BYTES,
)
export const FilesUploadAnswer = v.object({ file_id: text, upload_url: text, expires_at: isoTime })

/** §3.2 POST /api/v1/files/upload-url (routes/compat/upload-url.ts). */
export const UploadUrlRequest = compatUploadRequest({ contentType: 'contentType', size: 'sizeBytes' })
export const UploadUrlAnswer = v.object({
  success: v.literal(true),
  data: v.object({ upload_url: text, file_id: text, expires_at: isoTime }),
})

/** §3.3 POST /v1/uploads/images (routes/compat/upload-images.ts); `created_at` in Unix seconds. */
export const UploadImagesAnswer = v.object({
  url: text,
  filename: text,
  content_type: v.picklist(IMAGE_TYPES),
  bytes: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  created_at: v.pipe(v.number(), v.safeInteger()),
})
