import type { MediaRules } from '@dropgate/core'
import { isExpired } from '../core/file-record.js'
import { DropgateError, errors } from '../errors.js'
import type { ObjectInfo, Storage } from '../storage/storage.js'
import { verifyStoredObject } from './verify-upload.js'

/**
 * The checked object a key names, or null when there is none. What a public link serves goes
 * through here (`complete`, `GET /api/v1/files/{id}`, the verified link), so it has passed the checks:
 *
 * - An object at `key` (the embedded store's, checked as it arrived; one already promoted; one the
 *   server streamed in after checking its first bytes) is returned, checked again unless
 *   `recheckLive` is false (a read that only needs to know it is there).
 * - `media`: the media rules the object must meet (usecases/media-check.ts), checked with the rest.
 * - Else an upload staged out of the public prefix (S3, `storage.stagingKey`) is checked now, and, if
 *   it passes, copied to `key` within the store, pinned to the version checked, and removed from the
 *   staging area. What fails is deleted.
 *
 * An upload URL (replayed or not) only ever writes the staging key, and a staged object is promoted
 * only when no live one is found first. What can still happen, on a store without conditional writes
 * (Swift), is two first reads racing a replayed PUT each promoting a version that passed the checks:
 * the later replaces the earlier, both checked (README "What a link serves", limits).
 */
export async function resolveUpload(
  storage: Storage,
  key: string,
  admit: (type: string, size: number) => unknown,
  {
    recheckLive = true,
    fileTtl = Number.POSITIVE_INFINITY,
    media,
  }: { recheckLive?: boolean; fileTtl?: number; media?: MediaRules } = {},
): Promise<ObjectInfo | null> {
  const live = await storage.head(key)
  if (live) return recheckLive ? verifyStoredObject(storage, key, admit, live, media) : live
  const staged = storage.stagingKey(key)
  if (staged === key) return null
  try {
    return await promoteStaged(storage, staged, key, admit, fileTtl, media)
  } catch (error) {
    if (error instanceof DropgateError && error.status === 400) throw error // it failed its checks
    // Another read (a second viewer, `complete` beside the link) may have promoted it meanwhile, and
    // deleted the staged object under this one's feet: then the file is there, and that is the answer.
    const promoted = await storage.head(key)
    if (promoted) return promoted
    throw error
  }
}

async function promoteStaged(
  storage: Storage,
  staged: string,
  key: string,
  admit: (type: string, size: number) => unknown,
  fileTtl: number,
  media: MediaRules | undefined,
): Promise<ObjectInfo | null> {
  const stagedInfo = await storage.head(staged)
  if (!stagedInfo) return null
  // Older than a file lives: never promoted to live a whole lifetime more.
  if (isExpired(stagedInfo, fileTtl)) {
    await storage.delete(staged)
    return null
  }
  let checked = await verifyStoredObject(storage, staged, admit, stagedInfo, media)
  let source = staged
  for (let round = 0; round < 2; round++) {
    if (checked.etag === undefined) throw new Error(`the store gave no ETag for ${source}`)
    const promoted = await storage.promote(source, key, { etag: checked.etag, size: checked.size })
    if (promoted.pinned) break
    // The store could not pin the copy to the version checked: it made one, still in quarantine,
    // which is checked in turn (deleted if it fails) before it is promoted, pinned this time.
    source = promoted.copy
    checked = await verifyStoredObject(storage, source, admit, undefined, media)
  }
  if (source !== staged) await storage.delete(staged)
  const live = await storage.head(key)
  if (!live) throw errors.fileNotFound()
  return live
}
