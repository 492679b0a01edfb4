import { Buffer } from 'node:buffer'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { isFileId, isOwner } from './keys.js'

/**
 * Verified links: the public URL of an upload whose bytes the store cannot check as they arrive (S3).
 * `GET <linkBase>/l/<owner>/<fileId>?cap=<bytes>&exp=<unix s>&sig=<mac>` checks the upload on first
 * read, copies it out of quarantine, and redirects to the store's own URL (routes/verified-link.ts).
 *
 * The link carries what the presign decided and the store cannot hold to: the byte cap of the
 * server's policy and the caller's scope (a presigned PUT binds an exact length only when the client
 * declared one). The object's type needs no claim: the upload URL signed it, so the store refused any
 * other. The MAC binds the three to the file, so nobody raises a cap or stretches a lifetime; it is
 * 128 bits of HMAC-SHA256 (a forgery must be guessed online, one request per try).
 */

export interface LinkClaim {
  owner: string
  fileId: string
  /** Largest size the object may have. */
  cap: number
  /** Unix seconds after which the link is dead (the file's own lifetime). */
  exp: number
}

const MAC_BYTES = 16

function mac(secret: Buffer, claim: LinkClaim): Buffer {
  return createHmac('sha256', secret)
    .update(`${claim.owner}/${claim.fileId}|${claim.cap}|${claim.exp}`)
    .digest()
    .subarray(0, MAC_BYTES)
}

/** The link's path and query, to put after the server's public base. */
export function linkPath(secret: Buffer, claim: LinkClaim): string {
  const sig = mac(secret, claim).toString('base64url')
  return `/l/${claim.owner}/${claim.fileId}?cap=${claim.cap}&exp=${claim.exp}&sig=${sig}`
}

/** The claim of a link whose MAC holds and that has not expired at `now` (ms); null otherwise. */
export function readLink(
  secret: Buffer,
  owner: string,
  fileId: string,
  query: { cap?: string | undefined; exp?: string | undefined; sig?: string | undefined },
  now = Date.now(),
): LinkClaim | null {
  const { cap, exp, sig } = query
  if (!isOwner(owner) || !isFileId(fileId)) return null
  // One spelling per link (no leading zeros, canonical base64url): a CDN caches one key per file.
  if (!cap || !exp || !sig || !/^[1-9]\d{0,15}$/.test(cap) || !/^[1-9]\d{0,11}$/.test(exp)) return null
  const claim = { owner, fileId, cap: Number(cap), exp: Number(exp) }
  const given = Buffer.from(sig, 'base64url')
  if (given.toString('base64url') !== sig) return null
  const expected = mac(secret, claim)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return claim.exp * 1000 > now ? claim : null
}
