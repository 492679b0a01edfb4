import { cleanFilename } from './keys.js'

/**
 * What a record is made of: what a store tells of an object (storage/storage.ts `ObjectInfo` has this
 * shape), declared here so that core depends on no store.
 */
export interface StoredObject {
  size: number
  contentType: string
  lastModified: Date
  /** Lower-cased `x-amz-meta-*` names without the prefix. */
  metadata: Record<string, string>
}

/**
 * The `data` of complete/get (docs/API.md §2.3). One shape serves native callers and the callers of the
 * second compatible API, hence snake_case field names.
 */
export interface FileRecord {
  id: string
  url: string
  filename: string
  content_type: string
  size_bytes: number
  created_at: string
  expires_at: string
}

export function fileRecord(
  fileId: string,
  info: StoredObject,
  publicUrl: string,
  fileTtlSeconds: number,
): FileRecord {
  return {
    id: fileId,
    url: publicUrl,
    // Cleaned again on the way out: on S3 the metadata is whatever the store kept, not only what we wrote.
    filename: cleanFilename(info.metadata.filename ?? '') || fileId,
    content_type: info.contentType,
    size_bytes: info.size,
    created_at: info.lastModified.toISOString(),
    expires_at: expiresAt(info, fileTtlSeconds).toISOString(),
  }
}

export function expiresAt(info: Pick<StoredObject, 'lastModified'>, fileTtlSeconds: number): Date {
  return new Date(info.lastModified.getTime() + fileTtlSeconds * 1000)
}

export function isExpired(
  info: Pick<StoredObject, 'lastModified'>,
  fileTtlSeconds: number,
  now = new Date(),
): boolean {
  return expiresAt(info, fileTtlSeconds).getTime() <= now.getTime()
}
