import { newFileId } from '../core/keys.js'
import { fileIdStem, type SlotReservations, slotFileId } from '../core/token-slots.js'
import { DropgateError } from '../errors.js'
import type { Caller } from '../http/auth.js'
import type { Storage } from '../storage/storage.js'

/**
 * The id a new file gets. Random for most callers; for an upload token with `maxFiles`, one of the
 * token's own slots (token-slots.ts), so the limit holds across instances without a database.
 * `identity` (name, type, size) gives a retried file the slot it already had.
 */
export async function allocateFileId(
  caller: Caller,
  extension: string,
  identity: string,
  deps: { storage: Storage; tokenSecret: Buffer; reservations: SlotReservations },
): Promise<string> {
  const claims = caller.token
  if (!claims || claims.maxFiles === null) return newFileId(extension)
  const { reservations, tokenSecret, storage } = deps
  const held = reservations.held(claims.jti, identity)
  if (held !== undefined) return slotFileId(tokenSecret, claims, held, extension)
  for (let slot = 0; slot < claims.maxFiles; slot++) {
    if (reservations.isReserved(claims.jti, slot)) continue
    const stem = fileIdStem(slotFileId(tokenSecret, claims, slot, 'x'))
    const prefix = `uploads/${caller.owner}/${stem}.`
    // A slot is taken by a stored file, or by an upload still waiting to be checked (S3's quarantine).
    if (await hasAny(storage.list(prefix))) continue
    if (storage.stagingKey(prefix) !== prefix && (await hasAny(storage.list(storage.stagingKey(prefix)))))
      continue
    reservations.reserve(claims.jti, claims.exp * 1000, identity, slot)
    return slotFileId(tokenSecret, claims, slot, extension)
  }
  throw new DropgateError('too_many_files', 403, `This upload token allows at most ${claims.maxFiles} files`)
}

async function hasAny(items: AsyncIterable<unknown>): Promise<boolean> {
  for await (const _ of items) return true
  return false
}
