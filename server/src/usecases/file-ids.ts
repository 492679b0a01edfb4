import type { Buffer } from 'node:buffer'
import { newFileId } from '../core/keys.js'
import { fileIdStem, type SlotReservations, slotFileId } from '../core/token-slots.js'
import { fail } from '../errors.js'
import type { Caller } from '../http/auth.js'
import type { Storage } from '../storage/storage.js'

/**
 * The id a new file gets. Random for most callers; for an upload token with `maxFiles`, one of the
 * token's own slots (token-slots.ts), so the limit holds across instances without a database.
 *
 * Slots bound how many files a token stores, not how often a file may be tried. `identity` (name,
 * type, size) gives a file whose upload never landed its slot back, so a one-file token survives a
 * lost connection (the widget's retry asks for a fresh upload URL). Once a slot holds an object
 * (stored, or staged in S3's quarantine), that upload is over: a request that looks the same is
 * another file, and what its sender expects is a link to the bytes they sent, never the first
 * file's link (the same photo sent twice is two files, as with an API key). So it gets a free slot
 * of its own, or `too_many_files` when the token has none left; a PUT whose answer was lost after
 * the store kept the bytes costs a slot the same way, which the bound allows. Name, type and size
 * cannot tell apart two files presigned at the same time before either landed: they share a slot
 * (the embedded store refuses the second PUT, and the widget's retry then gets a slot of its own;
 * on S3 both links serve the later PUT, checked like any other). Slots are held per instance.
 *
 * `identity` null: the bytes come in this very request (a form upload), so the slot is this
 * request's alone, and the caller gives it back (`release`) if the upload fails and left nothing.
 */
export async function allocateFileId(
  caller: Caller,
  extension: string,
  identity: string | null,
  deps: { storage: Storage; tokenSecret: Buffer; reservations: SlotReservations },
): Promise<{ fileId: string; release: () => void }> {
  const claims = caller.token
  if (!claims || claims.maxFiles === null) return { fileId: newFileId(extension), release: nothingToRelease }
  const { reservations, tokenSecret, storage } = deps
  const holder = identity ?? `request:${crypto.randomUUID()}`
  const release = () => reservations.release(claims.jti, holder)
  const slotStem = (slot: number) => fileIdStem(slotFileId(tokenSecret, claims, slot, 'x'))
  const held = identity === null ? undefined : reservations.held(claims.jti, identity)
  if (held !== undefined && !(await slotHoldsObject(storage, caller.owner, slotStem(held))))
    return { fileId: slotFileId(tokenSecret, claims, held, extension), release }
  for (let slot = 0; slot < claims.maxFiles; slot++) {
    if (reservations.isReserved(claims.jti, slot)) continue
    if (await slotHoldsObject(storage, caller.owner, slotStem(slot))) continue
    // Asked again after the store answered: a parallel request (the page's other files) may have
    // taken the slot meanwhile. From here to `reserve` nothing awaits, so no two requests share it.
    if (reservations.isReserved(claims.jti, slot)) continue
    reservations.reserve(claims.jti, claims.exp * 1000, holder, slot)
    return { fileId: slotFileId(tokenSecret, claims, slot, extension), release }
  }
  throw fail('too_many_files', { maxFiles: claims.maxFiles })
}

/** A random id holds no slot: one function for all of them, not a closure made per request. */
function nothingToRelease(): void {}

/** A slot is taken by a stored file, or by an upload still waiting to be checked (S3's quarantine). */
async function slotHoldsObject(storage: Storage, owner: string, stem: string): Promise<boolean> {
  const prefix = `uploads/${owner}/${stem}.`
  if (await hasAny(storage.list(prefix))) return true
  const staged = storage.stagingKey(prefix)
  return staged !== prefix && (await hasAny(storage.list(staged)))
}

async function hasAny(items: AsyncIterable<unknown>): Promise<boolean> {
  for await (const _ of items) return true
  return false
}
