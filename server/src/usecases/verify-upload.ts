import { contentMatchesType, type MediaRules, SNIFF_BYTES } from '@dropgate/core'
import { DropgateError, errors } from '../errors.js'
import type { ObjectInfo, Storage } from '../storage/storage.js'
import { checkStoredMedia, StoredObjectGone } from './media-check.js'

/**
 * What is checked of an object that arrived through an upload URL: it exists, `admit` (type and
 * size, by the server's policy and the caller's scope) lets it stay, and its first bytes are media of
 * its declared type, read from the version that was looked at (`etag`), and, with `media`, its pixels
 * or length within those rules (usecases/media-check.ts: ranged reads, never the whole file).
 * Anything that fails is deleted before the error is thrown, so it never becomes public; a store that
 * fails a read throws its own error and the object stays, for a retry. `known`: the object's HEAD,
 * when the caller already has it.
 */
export async function verifyStoredObject(
  storage: Storage,
  key: string,
  admit: (type: string, size: number) => unknown,
  known?: ObjectInfo,
  media?: MediaRules,
): Promise<ObjectInfo> {
  const info = known ?? (await storage.head(key))
  if (!info) throw errors.fileNotFound()
  try {
    admit(info.contentType, info.size)
  } catch (error) {
    if (error instanceof DropgateError) await storage.delete(key)
    throw error
  }
  const head = await storage.readRange(key, 0, SNIFF_BYTES - 1, info.etag)
  if (!head) throw errors.fileNotFound()
  if (!contentMatchesType(head, info.contentType)) {
    await storage.delete(key)
    throw errors.contentMismatch()
  }
  if (media) {
    try {
      await checkStoredMedia(storage, info, media)
    } catch (error) {
      if (error instanceof StoredObjectGone) throw errors.fileNotFound()
      if (error instanceof DropgateError && error.status === 400) await storage.delete(key)
      throw error
    }
  }
  return info
}
