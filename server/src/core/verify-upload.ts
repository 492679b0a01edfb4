import { errors } from '../errors.js'
import type { ObjectInfo, Storage } from '../storage/storage.js'
import { type Caps, capFor } from './policy.js'
import { contentMatchesType, SNIFF_BYTES } from './sniff.js'

/**
 * What `complete` checks of an object that arrived through an upload URL: it exists, it is within
 * its type's cap, and its first bytes are media of its declared type. Anything that fails policy is
 * deleted before the error is thrown, so it never stays public.
 */
export async function verifyStoredObject(storage: Storage, key: string, caps: Caps): Promise<ObjectInfo> {
  const info = await storage.head(key)
  if (!info) throw errors.fileNotFound()
  const cap = capFor(caps, info.contentType)
  if (cap === null) {
    await storage.delete(key)
    throw errors.contentMismatch()
  }
  if (info.size > cap) {
    await storage.delete(key)
    throw errors.tooLarge(cap)
  }
  const head = await storage.readRange(key, 0, SNIFF_BYTES - 1)
  if (!head) throw errors.fileNotFound()
  if (!(await contentMatchesType(head, info.contentType))) {
    await storage.delete(key)
    throw errors.contentMismatch()
  }
  return info
}
