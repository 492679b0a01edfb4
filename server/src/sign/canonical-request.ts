import type { Buffer } from 'node:buffer'
import { createHmac, type KeyObject } from 'node:crypto'
import { sha256Hex } from '../core/sha256.js'

/**
 * The one canonical-request builder and the signature over it, shared by presign (both of its paths)
 * and verify: whatever differs between them is how the parts are encoded, never how they are joined.
 */

export const ALGORITHM = 'AWS4-HMAC-SHA256'
// [SigV4 S3 query auth] "You don't include a payload hash in the Canonical Request, because when you
// create a presigned URL, you don't know the payload content": the constant UNSIGNED-PAYLOAD is used.
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'
export const SCOPE_TERMINATOR = 'aws4_request'

export const P_ALGORITHM = 'X-Amz-Algorithm'
export const P_CREDENTIAL = 'X-Amz-Credential'
export const P_DATE = 'X-Amz-Date'
export const P_EXPIRES = 'X-Amz-Expires'
export const P_SIGNED_HEADERS = 'X-Amz-SignedHeaders'
export const P_SIGNATURE = 'X-Amz-Signature'

/**
 * [SigV4 canonical request] Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
 * SignedHeaders \n HashedPayload, where CanonicalHeaders is `name:value\n` per signed header (given
 * here without the last '\n'). URI, query and header lines come already canonical (sigv4-encode.ts).
 */
export function canonicalRequest(
  method: string,
  uri: string,
  query: string,
  headerLines: string,
  signedHeaders: string,
): string {
  return `${method}\n${uri}\n${query}\n${headerLines}\n\n${signedHeaders}\n${UNSIGNED_PAYLOAD}`
}

/**
 * [SigV4 string to sign] "AWS4-HMAC-SHA256\n" + X-Amz-Date + "\n" + scope + "\n" +
 * hex(SHA256(canonical request)); [SigV4 signature] HMAC(kSigning, string to sign).
 */
function signer(key: KeyObject, amzDate: string, scope: string, canonical: string) {
  return createHmac('sha256', key).update(`${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`)
}

/** X-Amz-Signature as it goes in the URL: lower-case hex. */
export function signatureHex(key: KeyObject, amzDate: string, scope: string, canonical: string): string {
  return signer(key, amzDate, scope, canonical).digest('hex')
}

/** The 32 signature bytes, for a constant-time comparison. */
export function signatureBytes(key: KeyObject, amzDate: string, scope: string, canonical: string): Buffer {
  return signer(key, amzDate, scope, canonical).digest()
}
