import { seal, unseal } from './sealed.js'

/**
 * A multipart upload's ticket: what the signer decided when the upload was created (owner, file,
 * type, size, part size), sealed so that later signing steps need no database and cannot be bent:
 * a part URL is signed only for this owner, this key and the length the plan gives that part.
 */
export interface UploadTicket {
  owner: string
  fileId: string
  contentType: string
  fileSize: number
  partSize: number
  /** Seconds since the epoch. */
  exp: number
}

const PREFIX = 'dg_mp_'

export function issueTicket(secret: Buffer, ticket: UploadTicket): string {
  return seal(secret, PREFIX, ticket)
}

export function readTicket(
  secret: Buffer,
  value: string,
  nowSeconds = Date.now() / 1000,
): UploadTicket | null {
  const opened = unseal<UploadTicket>(secret, PREFIX, value)
  if (!opened.ok) return null
  const t = opened.claims
  const valid =
    typeof t.owner === 'string' &&
    typeof t.fileId === 'string' &&
    typeof t.contentType === 'string' &&
    Number.isSafeInteger(t.fileSize) &&
    Number.isSafeInteger(t.partSize) &&
    typeof t.exp === 'number' &&
    t.exp > nowSeconds
  return valid ? t : null
}
