import type { Buffer } from 'node:buffer'
import { createHmac } from 'node:crypto'
import { FILE_ID_RANDOM_BYTES, fileIdFrom } from './keys.js'

/**
 * How a token's "max number of files" holds without a database: a token can only ever address
 * `maxFiles` keys. Slot i's file id is derived from the token (time = issue time, random part =
 * HMAC(secret, jti:i)), so however many instances sign for it, at most `maxFiles` objects can exist.
 * The id stem (everything before the extension) is what identifies a slot in storage.
 */
export function slotFileId(
  secret: Buffer,
  claims: { jti: string; iat: number },
  slot: number,
  extension: string,
): string {
  const random = createHmac('sha256', secret)
    .update(`slot:${claims.jti}:${slot}`)
    .digest()
    .subarray(0, FILE_ID_RANDOM_BYTES)
  return fileIdFrom(new Date(claims.iat * 1000), random, extension)
}

export function fileIdStem(fileId: string): string {
  return fileId.slice(0, fileId.lastIndexOf('.'))
}

/**
 * Which slot each file of a token holds on this instance, so that the parallel uploads of one page
 * get different slots and a retried file gets its own slot back. Entries leave with the token.
 */
export function createSlotReservations(now: () => number = Date.now) {
  const byToken = new Map<string, { expiresAt: number; slots: Map<string, number> }>()
  const prune = () => {
    const t = now()
    for (const [jti, entry] of byToken) if (entry.expiresAt <= t) byToken.delete(jti)
  }
  return {
    /** The slot this file already holds, if any. */
    held(jti: string, fileIdentity: string): number | undefined {
      return byToken.get(jti)?.slots.get(fileIdentity)
    },
    isReserved(jti: string, slot: number): boolean {
      for (const held of byToken.get(jti)?.slots.values() ?? []) if (held === slot) return true
      return false
    },
    reserve(jti: string, expiresAtMs: number, fileIdentity: string, slot: number): void {
      prune()
      let entry = byToken.get(jti)
      if (!entry) {
        entry = { expiresAt: expiresAtMs, slots: new Map() }
        byToken.set(jti, entry)
      }
      entry.slots.set(fileIdentity, slot)
    },
    /** Gives a slot back: its upload failed and left nothing behind. */
    release(jti: string, fileIdentity: string): void {
      byToken.get(jti)?.slots.delete(fileIdentity)
    },
    size: () => byToken.size,
  }
}

export type SlotReservations = ReturnType<typeof createSlotReservations>
