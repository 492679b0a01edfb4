import { Buffer } from 'node:buffer'
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { PartialMediaRules } from '@dropgate/core'
import { isFileId, isOwner } from './keys.js'
import { decodeMediaRules, encodeMediaRules } from './media-claim.js'

/**
 * Verified links: the public URL of an upload whose bytes the store cannot check as they arrive (S3).
 * `GET <linkBase>/l/<owner>/<fileId>?cap=<bytes>&exp=<unix s>&sig=<mac>` checks the upload on first
 * read, copies it out of quarantine, and redirects to the store's own URL (routes/verified-link.ts).
 *
 * The link carries what the presign decided and the store cannot hold to: the byte cap of the
 * server's policy and the caller's scope (a presigned PUT binds an exact length only when the client
 * declared one). The object's type needs no claim: the upload URL signed it, so the store refused any
 * other. An upload token's tighter media rules travel too (`m=`, core/media-claim.ts; absent: the
server's), since the link's read has no credential to take them from. The MAC binds them to the file, so nobody raises a cap or stretches a lifetime; it is
 * 128 bits of HMAC-SHA256 (a forgery must be guessed online, one request per try).
 */

export interface LinkClaim {
  owner: string
  fileId: string
  /** Largest size the object may have. */
  cap: number
  /** Unix seconds after which the link is dead (the file's own lifetime). */
  exp: number
  /** An upload token's media rules, narrowed with the server's where the link is read. */
  media?: PartialMediaRules
}

const MAC_BYTES = 16

function mac(secret: Buffer, claim: LinkClaim, media: string): Buffer {
  // A link without media rules keeps the MAC it had before they existed.
  return createHmac('sha256', secret)
    .update(`${claim.owner}/${claim.fileId}|${claim.cap}|${claim.exp}${media && `|m=${media}`}`)
    .digest()
    .subarray(0, MAC_BYTES)
}

/** The link's path and query, to put after the server's public base. */
export function linkPath(secret: Buffer, claim: LinkClaim): string {
  const media = claim.media ? encodeMediaRules(claim.media) : ''
  const sig = mac(secret, claim, media).toString('base64url')
  const m = media && `&m=${encodeURIComponent(media)}`
  return `/l/${claim.owner}/${claim.fileId}?cap=${claim.cap}&exp=${claim.exp}${m}&sig=${sig}`
}

/** The claim of a link whose MAC holds and that has not expired at `now` (ms); null otherwise. */
export function readLink(
  secret: Buffer,
  owner: string,
  fileId: string,
  query: {
    cap?: string | undefined
    exp?: string | undefined
    sig?: string | undefined
    m?: string | undefined
  },
  now = Date.now(),
): LinkClaim | null {
  const { cap, exp, sig } = query
  if (!isOwner(owner) || !isFileId(fileId)) return null
  // One spelling per link (no leading zeros, canonical base64url): a CDN caches one key per file.
  if (!cap || !exp || !sig || !/^[1-9]\d{0,15}$/.test(cap) || !/^[1-9]\d{0,11}$/.test(exp)) return null
  const media = query.m === undefined ? undefined : decodeMediaRules(query.m)
  if (media === null) return null
  const claim: LinkClaim = { owner, fileId, cap: Number(cap), exp: Number(exp), ...(media && { media }) }
  const given = Buffer.from(sig, 'base64url')
  if (given.toString('base64url') !== sig) return null
  const expected = mac(secret, claim, query.m ?? '')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return claim.exp * 1000 > now ? claim : null
}
