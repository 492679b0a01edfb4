import { Buffer } from 'node:buffer'
import { timingSafeEqual } from 'node:crypto'
import {
  ALGORITHM,
  canonicalRequest,
  P_ALGORITHM,
  P_CREDENTIAL,
  P_DATE,
  P_EXPIRES,
  P_SIGNATURE,
  P_SIGNED_HEADERS,
  SCOPE_TERMINATOR,
  signatureBytes,
} from './canonical-request.js'
import { signingKey } from './signing-key.js'
import { canonicalHeaderValue, canonicalQuery, canonicalUri } from './sigv4-encode.js'
import {
  checkCredentials,
  checkDate,
  MAX_EXPIRES,
  parseAmzDate,
  type SigV4Credentials,
} from './sigv4-options.js'

/** Verifies a SigV4 presigned request (what the embedded store does with every upload URL it gets). */

export interface VerifyInput {
  method: string
  url: string | URL
  headers: Headers | Record<string, string>
  now?: Date
}

export type VerifyResult =
  | { ok: true; expiresAt: Date; signedHeaders: string[] }
  | {
      ok: false
      reason: 'missing' | 'malformed' | 'expired' | 'not-yet-valid' | 'bad-credential' | 'bad-signature'
    }

// Requests dated this far ahead of our clock are refused (the skew S3 tolerates).
const MAX_FUTURE_SKEW_MS = 15 * 60 * 1000
const REQUIRED_PARAMS = [P_ALGORITHM, P_CREDENTIAL, P_DATE, P_EXPIRES, P_SIGNED_HEADERS, P_SIGNATURE] as const
type RequiredParam = (typeof REQUIRED_PARAMS)[number]
const SIGNED_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/
const EXPIRES = /^[1-9][0-9]{0,5}$/
const SIGNATURE = /^[0-9a-f]{64}$/

function headerGetter(headers: Headers | Record<string, string>): (name: string) => string | undefined {
  if (headers instanceof Headers) return (name) => headers.get(name) ?? undefined
  if (headers === null || typeof headers !== 'object')
    throw new TypeError('sigv4: verify headers must be an object')
  const byName = new Map<string, string>()
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    const name = k.toLowerCase()
    const prev = byName.get(name)
    byName.set(name, prev === undefined ? String(v) : `${prev}, ${String(v)}`)
  }
  return (name) => byName.get(name)
}

const fail = (reason: Extract<VerifyResult, { ok: false }>['reason']): VerifyResult => ({ ok: false, reason })

/**
 * Checks a presigned request against `creds`. Throws TypeError only for bad `creds`/`input` shapes
 * (programmer errors); anything wrong with the request itself is a `{ ok: false, reason }`.
 */
export function verifyPresigned(creds: SigV4Credentials, input: VerifyInput): VerifyResult {
  const { accessKeyId, secretAccessKey, region, service } = checkCredentials(creds)
  if (input === null || typeof input !== 'object')
    throw new TypeError('sigv4: verify input must be an object')
  if (typeof input.method !== 'string') throw new TypeError('sigv4: verify input.method must be a string')
  const now = checkDate(input.now, 'input.now')
  const getHeader = headerGetter(input.headers)

  let url: URL
  if (input.url instanceof URL) url = input.url
  else if (typeof input.url === 'string') {
    try {
      url = new URL(input.url)
    } catch {
      return fail('malformed')
    }
  } else throw new TypeError('sigv4: verify input.url must be a string or URL')

  // Every param except X-Amz-Signature is part of the canonical query, repeated or not.
  const query: [string, string][] = []
  const params: Partial<Record<RequiredParam, string>> = {}
  for (const [k, v] of url.searchParams) {
    if ((REQUIRED_PARAMS as readonly string[]).includes(k)) {
      if (params[k as RequiredParam] !== undefined) return fail('malformed')
      params[k as RequiredParam] = v
    }
    if (k !== P_SIGNATURE) query.push([k, v])
  }
  const algorithm = params[P_ALGORITHM]
  const credential = params[P_CREDENTIAL]
  const amzDate = params[P_DATE]
  const expires = params[P_EXPIRES]
  const signedHeadersParam = params[P_SIGNED_HEADERS]
  const signature = params[P_SIGNATURE]
  if (
    algorithm === undefined ||
    credential === undefined ||
    amzDate === undefined ||
    expires === undefined ||
    signedHeadersParam === undefined ||
    signature === undefined
  ) {
    return fail('missing')
  }

  if (algorithm !== ALGORITHM) return fail('malformed')
  const signedAt = parseAmzDate(amzDate)
  if (signedAt === null) return fail('malformed')
  // [SigV4 S3 query auth] X-Amz-Expires is 1..604800 seconds.
  if (!EXPIRES.test(expires) || Number(expires) > MAX_EXPIRES) return fail('malformed')
  if (!SIGNATURE.test(signature)) return fail('malformed')
  // [SigV4] SignedHeaders: lower-case, sorted, ';'-separated, and must include host.
  const signedHeaders = signedHeadersParam.split(';')
  for (let i = 0; i < signedHeaders.length; i++) {
    const name = signedHeaders[i] as string
    if (!SIGNED_HEADER_NAME.test(name)) return fail('malformed')
    if (i > 0 && (signedHeaders[i - 1] as string) >= name) return fail('malformed')
  }
  if (!signedHeaders.includes('host')) return fail('malformed')
  // [SigV4 S3 query auth] X-Amz-Credential: <access key id>/<yyyymmdd>/<region>/<service>/aws4_request,
  // and its date must be X-Amz-Date's day.
  const scopeParts = credential.split('/')
  if (scopeParts.length !== 5) return fail('malformed')
  const [keyId, scopeDate, scopeRegion, scopeService, terminator] = scopeParts as [
    string,
    string,
    string,
    string,
    string,
  ]
  if (scopeDate !== amzDate.slice(0, 8)) return fail('malformed')
  if (
    keyId !== accessKeyId ||
    scopeRegion !== region ||
    scopeService !== service ||
    terminator !== SCOPE_TERMINATOR
  ) {
    return fail('bad-credential')
  }

  const nowMs = now.getTime()
  if (signedAt.getTime() - nowMs > MAX_FUTURE_SKEW_MS) return fail('not-yet-valid')
  const expiresAt = new Date(signedAt.getTime() + Number(expires) * 1000)
  if (nowMs > expiresAt.getTime()) return fail('expired')

  let headerLines = ''
  for (const name of signedHeaders) {
    const raw = getHeader(name) ?? (name === 'host' ? url.host : undefined)
    if (raw === undefined) return fail('missing')
    const line = `${name}:${canonicalHeaderValue(raw)}`
    headerLines += headerLines === '' ? line : `\n${line}`
  }

  const scope = credential.slice(keyId.length + 1)
  const canonical = canonicalRequest(
    input.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(query),
    headerLines,
    signedHeadersParam,
  )
  const key = signingKey(secretAccessKey, scopeDate, region, service)
  const expected = signatureBytes(key, amzDate, scope, canonical)
  // Constant-time comparison of the 32 signature bytes (both sides are exactly 32 bytes here).
  if (!timingSafeEqual(Buffer.from(signature, 'hex'), expected)) return fail('bad-signature')
  return { ok: true, expiresAt, signedHeaders }
}
