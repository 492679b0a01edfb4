import type { Buffer } from 'node:buffer'
import { seal, unseal } from './sealed.js'

/**
 * A multipart upload's ticket: what the signer decided when the upload was created (owner, file,
 * type, size, part size), sealed so that later signing steps need no database and cannot be bent:
 * a part URL is signed only for this owner, this key, the upload the server created, and the length
 * the plan gives that part.
 */
export interface UploadTicket {
  owner: string
  fileId: string
  contentType: string
  fileSize: number
  partSize: number
  /** The store's id of the multipart upload the server created; every step is signed for it alone. */
  uploadId: string
  /** Seconds since the epoch. */
  exp: number
}

const PREFIX = 'dg_mp_'

export function issueTicket(secret: Buffer, ticket: UploadTicket): string {
  return seal(secret, PREFIX, ticket)
}

/** Why a ticket was refused: `bad-signature` is a forgery or another secret's (cryptographically alike). */
export type TicketRefusal = 'malformed' | 'bad-signature' | 'expired'
export type TicketVerdict = { ok: true; ticket: UploadTicket } | { ok: false; reason: TicketRefusal }

export function readTicket(secret: Buffer, value: string, nowSeconds = Date.now() / 1000): TicketVerdict {
  const opened = unseal<UploadTicket>(secret, PREFIX, value)
  if (!opened.ok) return opened
  const t = opened.claims
  const wellFormed =
    typeof t.owner === 'string' &&
    typeof t.fileId === 'string' &&
    typeof t.contentType === 'string' &&
    Number.isSafeInteger(t.fileSize) &&
    Number.isSafeInteger(t.partSize) &&
    typeof t.uploadId === 'string' &&
    typeof t.exp === 'number'
  if (!wellFormed) return { ok: false, reason: 'malformed' }
  if (t.exp <= nowSeconds) return { ok: false, reason: 'expired' }
  return { ok: true, ticket: t }
}
