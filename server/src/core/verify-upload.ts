import { DropgateError, errors } from '../errors.js'
import type { ObjectInfo, Storage } from '../storage/storage.js'
import { contentMatchesType, SNIFF_BYTES } from './sniff.js'

/**
 * What `complete` checks of an object that arrived through an upload URL: it exists, `admit` (type
 * and size, by the server's policy and the caller's scope) lets it stay, and its first bytes are media
 * of its declared type. Anything that fails is deleted before the error is thrown, so it never stays
 * public.
 */
export async function verifyStoredObject(
  storage: Storage,
  key: string,
  admit: (type: string, size: number) => unknown,
): Promise<ObjectInfo> {
  const info = await storage.head(key)
  if (!info) throw errors.fileNotFound()
  try {
    admit(info.contentType, info.size)
  } catch (error) {
    if (error instanceof DropgateError) await storage.delete(key)
    throw error
  }
  const head = await storage.readRange(key, 0, SNIFF_BYTES - 1)
  if (!head) throw errors.fileNotFound()
  if (!(await contentMatchesType(head, info.contentType))) {
    await storage.delete(key)
    throw errors.contentMismatch()
  }
  return info
}
