/**
 * AWS Signature Version 4, query-string flavour ("presigned URLs"), on node:crypto.
 *
 * Rules followed (cited inline as [SigV4 …]):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 *
 * Only S3's variant is implemented (`service` must be 's3'): the path is encoded once, never
 * normalised, and the payload hash is `UNSIGNED-PAYLOAD`. The URLs produced are byte-identical to
 * aws4fetch 1.0.20 (`signQuery: true, allHeaders: true`, X-Amz-Expires already on the URL), which
 * the tests check. Unlike aws4fetch, the signing key is derived once per (secret, date, region,
 * service) and reused, so a presign costs one SHA-256 and one HMAC.
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto'
import { sha256Hex } from '../core/sha256.js'

export interface SigV4Credentials {
  accessKeyId: string
  secretAccessKey: string
  region: string
  service: string
}

export interface PresignOptions {
  /** 'PUT' | 'GET' | 'HEAD' | 'DELETE' | 'POST' (any case). */
  method: string
  /** Full http(s) URL. Query params already on it (uploadId, partNumber, x-amz-meta-*) are signed too. */
  url: string | URL
  /** Seconds, integer 1..604800; becomes X-Amz-Expires. */
  expiresIn: number
  /** Extra headers the client must send, signed as given (e.g. content-type, content-length). Host is always signed. */
  headers?: Record<string, string>
  now?: Date
}

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

const ALGORITHM = 'AWS4-HMAC-SHA256'
// [SigV4 S3 query auth] "You don't include a payload hash in the Canonical Request, because when you
// create a presigned URL, you don't know the payload content": the constant UNSIGNED-PAYLOAD is used.
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'
const SCOPE_TERMINATOR = 'aws4_request'
// [SigV4 S3 query auth] X-Amz-Expires: "minimum value you can set is 1, and the maximum is 604800 (seven days)".
const MAX_EXPIRES = 604_800
// Requests dated this far ahead of our clock are refused (the skew S3 tolerates).
const MAX_FUTURE_SKEW_MS = 15 * 60 * 1000
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE'])

const P_ALGORITHM = 'X-Amz-Algorithm'
const P_CREDENTIAL = 'X-Amz-Credential'
const P_DATE = 'X-Amz-Date'
const P_EXPIRES = 'X-Amz-Expires'
const P_SIGNED_HEADERS = 'X-Amz-SignedHeaders'
const P_SIGNATURE = 'X-Amz-Signature'
const REQUIRED_PARAMS = [P_ALGORITHM, P_CREDENTIAL, P_DATE, P_EXPIRES, P_SIGNED_HEADERS, P_SIGNATURE] as const
type RequiredParam = (typeof REQUIRED_PARAMS)[number]
/** Params the presigner writes itself; a URL that already has one (any case) is refused. */
const RESERVED_PARAMS = new Set([...REQUIRED_PARAMS, 'X-Amz-Security-Token'].map((p) => p.toLowerCase()))

/** RFC 7230 token: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const SIGNED_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/
const EXPIRES = /^[1-9][0-9]{0,5}$/
const SIGNATURE = /^[0-9a-f]{64}$/
const SCOPE_PART = /^[A-Za-z0-9._-]+$/
const ACCESS_KEY_ID = /^[\x21-\x2e\x30-\x7e]+$/ // printable ASCII except '/', which separates the credential scope

// ---------------------------------------------------------------------------------------------
// Encoding

const percentEncode = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`

/**
 * [SigV4 canonical request] "URI-encode each parameter name and value … Do not URI-encode any of the
 * unreserved characters that RFC 3986 defines: A-Z, a-z, 0-9, hyphen, underscore, period, and tilde";
 * everything else is %XX with upper-case hex over UTF-8. encodeURIComponent leaves !'()* alone too.
 */
function uriEncode(s: string): string {
  return UNRESERVED.test(s) ? s : encodeURIComponent(s).replace(/[!'()*]/g, percentEncode)
}
const UNRESERVED = /^[A-Za-z0-9_.~-]*$/

/** WHATWG application/x-www-form-urlencoded (URLSearchParams#toString): how the URL's query is written. */
function formEncode(s: string): string {
  if (FORM_SAFE.test(s)) return s
  return encodeURIComponent(s).replace(/%20|[!'()~]/g, (m) => (m === '%20' ? '+' : percentEncode(m)))
}
const FORM_SAFE = /^[A-Za-z0-9_.*-]*$/

/**
 * [SigV4 canonical request] CanonicalURI: "Each path segment must be URI-encoded twice (except for
 * Amazon S3 which only gets URI-encoded once)" and S3 does not normalise the path (no '//' or '.'
 * folding). Exactly as aws4fetch does for 's3': decode the URL's pathname (a '+' counts as a space;
 * on a malformed %-sequence keep it as is), encode it once, keep '/' separators. So `%2F` in a key
 * signs as '/', and a literal '+' in a key must be sent as `%2B`.
 */
function canonicalUri(pathname: string): string {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname.replace(/\+/g, ' '))
  } catch {
    decoded = pathname
  }
  return uriEncode(decoded).replace(/%2F/g, '/')
}

/**
 * [SigV4 canonical request] CanonicalQueryString: every param (X-Amz-Signature excluded) encoded as
 * above, "sort the encoded parameters in ascending order (ASCII order) by parameter name. Parameters
 * with duplicate names should be sorted by value", joined `name=value` with '&'. A param without a
 * value gets an empty value (`uploads=`).
 */
function canonicalQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  const encoded = pairs.map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
  encoded.sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
  let out = ''
  for (const [k, v] of encoded) out += out === '' ? `${k}=${v}` : `&${k}=${v}`
  return out
}

/**
 * [SigV4 canonical request] CanonicalHeaders: "Trim any leading or trailing spaces, convert sequential
 * spaces to a single space". Leading/trailing HTTP whitespace goes (as fetch's Headers does), then
 * every whitespace run becomes one space (as aws4fetch does).
 */
function canonicalHeaderValue(value: string): string {
  return trimHttpWhitespace(value).replace(/\s+/g, ' ')
}

function trimHttpWhitespace(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '')
}

// ---------------------------------------------------------------------------------------------
// Signing key, derived once per (secret, date, region, service)

/**
 * [SigV4 signing key] kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service),
 * "aws4_request"). Cached by key `date \0 region \0 service \0 secret`. Bounded: only the newest
 * signing date seen and the day before are kept (a key is valid for one UTC day; presigns made just
 * before midnight are still verified just after), and never more than MAX_CACHED_KEYS entries. Keys
 * for older dates (a verify of a days-old URL) are derived but not kept.
 */
const keyCache = new Map<string, KeyObject>()
const MAX_CACHED_KEYS = 64
let newestDate = '' // yyyymmdd
let oldestKeptDate = ''

/** Number of cached signing keys. Read-only; for tests and metrics. */
export function signingKeyCacheSize(): number {
  return keyCache.size
}

function previousDay(yyyymmdd: string): string {
  const t = Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)) - 86_400_000
  return new Date(t).toISOString().slice(0, 10).replace(/-/g, '')
}

function signingKey(secret: string, date: string, region: string, service: string): KeyObject {
  const cacheKey = `${date}\0${region}\0${service}\0${secret}`
  const cached = keyCache.get(cacheKey)
  if (cached !== undefined) return cached

  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest()
  const kRegion = createHmac('sha256', kDate).update(region).digest()
  const kService = createHmac('sha256', kRegion).update(service).digest()
  // Kept as a KeyObject: createHmac then skips re-importing raw key bytes on every signature.
  const kSigning = createSecretKey(createHmac('sha256', kService).update(SCOPE_TERMINATOR).digest())

  if (date > newestDate) {
    newestDate = date
    oldestKeptDate = previousDay(date)
    for (const k of keyCache.keys()) if (k.slice(0, 8) < oldestKeptDate) keyCache.delete(k)
  }
  if (date >= oldestKeptDate) {
    if (keyCache.size >= MAX_CACHED_KEYS) {
      const first = keyCache.keys().next()
      if (!first.done) keyCache.delete(first.value) // oldest insertion
    }
    keyCache.set(cacheKey, kSigning)
  }
  return kSigning
}

/**
 * [SigV4 string to sign] "AWS4-HMAC-SHA256\n" + X-Amz-Date + "\n" + scope + "\n" +
 * hex(SHA256(canonical request)); [SigV4 signature] hex(HMAC(kSigning, string to sign)).
 */
function signatureBytes(
  secret: string,
  region: string,
  service: string,
  amzDate: string,
  scope: string,
  canonicalRequest: string,
): Buffer {
  const key = signingKey(secret, amzDate.slice(0, 8), region, service)
  return createHmac('sha256', key)
    .update(stringToSign(amzDate, scope, canonicalRequest))
    .digest()
}

function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`
}

/**
 * [SigV4 canonical request] Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
 * SignedHeaders \n HashedPayload, where CanonicalHeaders is `name:value\n` per signed header.
 */
function canonicalRequest(
  method: string,
  pathname: string,
  query: ReadonlyArray<readonly [string, string]>,
  headerLines: string,
  signedHeaders: string,
): string {
  return `${method}\n${canonicalUri(pathname)}\n${canonicalQuery(query)}\n${headerLines}\n\n${signedHeaders}\n${UNSIGNED_PAYLOAD}`
}

// ---------------------------------------------------------------------------------------------
// Option checks (fail fast with TypeError)

interface CheckedCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly region: string
  readonly service: string
}

function checkCredentials(creds: SigV4Credentials): CheckedCredentials {
  if (creds === null || typeof creds !== 'object') throw new TypeError('sigv4: credentials must be an object')
  const { accessKeyId, secretAccessKey, region, service } = creds
  if (typeof accessKeyId !== 'string' || !ACCESS_KEY_ID.test(accessKeyId)) {
    throw new TypeError('sigv4: accessKeyId must be a non-empty string of printable ASCII without "/"')
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    throw new TypeError('sigv4: secretAccessKey must be a non-empty string')
  }
  if (typeof region !== 'string' || !SCOPE_PART.test(region)) {
    throw new TypeError(`sigv4: region must match ${SCOPE_PART} (e.g. 'us-east-1' or 'auto')`)
  }
  if (service !== 's3') {
    throw new TypeError(
      `sigv4: service must be 's3' (only S3's canonical URI and UNSIGNED-PAYLOAD rules are implemented), got ${JSON.stringify(service)}`,
    )
  }
  return Object.freeze({ accessKeyId, secretAccessKey, region, service })
}

function checkUrl(input: string | URL): URL {
  let url: URL
  if (input instanceof URL) url = input
  else if (typeof input === 'string') {
    try {
      url = new URL(input)
    } catch {
      throw new TypeError(`sigv4: url is not an absolute URL: ${JSON.stringify(input)}`)
    }
  } else throw new TypeError('sigv4: url must be a string or URL')
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`sigv4: url must be http(s), got ${url.protocol}`)
  }
  if (url.username !== '' || url.password !== '')
    throw new TypeError('sigv4: url must not carry user:password@')
  // A '#' can only be the fragment delimiter in a parsed URL: most likely an object key with an
  // unencoded '#', which would silently sign a truncated path.
  if (url.href.includes('#'))
    throw new TypeError("sigv4: url has a fragment; percent-encode '#' in keys as %23")
  return url
}

function checkDate(now: Date | undefined, name: string): Date {
  if (now === undefined) return new Date()
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError(`sigv4: ${name} must be a valid Date`)
  return now
}

/** [SigV4] X-Amz-Date is ISO 8601 basic format, UTC: YYYYMMDD'T'HHMMSS'Z'. */
function toAmzDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second === lastAmzSecond) return lastAmzDate // many presigns share a second
  const iso = new Date(ms).toISOString() // 2024-01-02T03:04:05.678Z
  if (iso.length !== 24) throw new TypeError('sigv4: now must be between years 0000 and 9999')
  lastAmzDate = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  lastAmzSecond = second
  return lastAmzDate
}
let lastAmzSecond = Number.NaN
let lastAmzDate = ''

function parseAmzDate(s: string): Date | null {
  const m = AMZ_DATE.exec(s)
  if (m === null) return null
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number]
  const t = Date.UTC(y, mo - 1, d, h, mi, se)
  const date = new Date(t)
  // Reject out-of-range fields that Date.UTC would roll over (e.g. month 13, 25:00).
  if (Number.isNaN(t) || toAmzDateOrNull(date) !== s) return null
  return date
}

function toAmzDateOrNull(d: Date): string | null {
  try {
    return toAmzDate(d.getTime())
  } catch {
    return null
  }
}

/**
 * [SigV4 canonical request] SignedHeaders: lower-case names, sorted, ';'-joined; CanonicalHeaders:
 * `name:value` lines in the same order. `host` always comes from the URL.
 */
function presignHeaders(host: string, headers: Record<string, string> | undefined): [string, string][] {
  const out: [string, string][] = [['host', host]]
  if (headers === undefined) return out
  if (headers === null || typeof headers !== 'object') throw new TypeError('sigv4: headers must be an object')
  const seen = new Set<string>(['host'])
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (!HEADER_NAME.test(rawName))
      throw new TypeError(`sigv4: invalid header name ${JSON.stringify(rawName)}`)
    const name = rawName.toLowerCase()
    if (name === 'host') throw new TypeError('sigv4: do not pass a host header; it is always signed from url')
    if (seen.has(name)) throw new TypeError(`sigv4: header ${JSON.stringify(name)} given twice`)
    seen.add(name)
    if (typeof rawValue !== 'string')
      throw new TypeError(`sigv4: header ${JSON.stringify(name)} must be a string`)
    // What fetch's Headers refuses: CR/LF/NUL inside a value, and anything beyond Latin-1.
    if (/[\0\r\n\u0100-\uffff]/.test(trimHttpWhitespace(rawValue))) {
      throw new TypeError(
        `sigv4: header ${JSON.stringify(name)} has a value that cannot be sent (CR, LF, NUL or non-Latin-1)`,
      )
    }
    out.push([name, canonicalHeaderValue(rawValue)])
  }
  out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return out
}

// ---------------------------------------------------------------------------------------------
// Presign

/**
 * A URL string whose parts need no parsing nor encoding: http(s), a host of letters, digits, dots and
 * hyphens with an optional port, and a path of non-empty segments of RFC 3986 unreserved characters
 * that do not start with '.', without query or fragment. Every upload URL this server signs has this
 * shape (object keys are `uploads/<owner>/<fileId>`). For it the WHATWG parser leaves the path as is
 * (no dot segments, nothing to percent-encode), and the SigV4 canonical URI is the path itself (no
 * '%' or '+' to decode, nothing to encode), so presign can skip `new URL` and the encoders; only the
 * origin is parsed, once, to normalise the host as the parser would (case, default port, IPv4 forms).
 */
const PLAIN_URL = /^(https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?)((?:\/[A-Za-z0-9_~-][A-Za-z0-9_.~-]*)+)$/
/** A header value that is already canonical: printable ASCII, single inner spaces, no edge whitespace. */
const PLAIN_HEADER_VALUE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/

/**
 * The signed headers of one set of header names, computed once per set: the names are the same on
 * every presign of a route (content-type and content-length for an upload URL); only values change.
 */
interface HeaderLayout {
  /** The names as given (`Object.keys` order), to recognise the set. */
  given: string[]
  /** In canonical order: the given name to read each value from, undefined for `host`. */
  source: (string | undefined)[]
  /** In canonical order: lower-case names. */
  lower: string[]
  /** X-Amz-SignedHeaders, as signed, as it goes in the canonical query, and as written in the URL. */
  signedHeaders: string
  signedHeadersCanonical: string
  signedHeadersForm: string
}
const MAX_HEADER_LAYOUTS = 32

/** The layout of `names`, or null when a name is invalid, repeated or `host` (the general path then throws). */
function headerLayout(names: string[]): HeaderLayout | null {
  const entries: [string, string | undefined][] = [['host', undefined]]
  const seen = new Set<string>(['host'])
  for (const name of names) {
    if (!HEADER_NAME.test(name)) return null
    const lower = name.toLowerCase()
    if (seen.has(lower)) return null
    seen.add(lower)
    entries.push([lower, name])
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const signedHeaders = entries.map(([lower]) => lower).join(';')
  return {
    given: names,
    source: entries.map(([, name]) => name),
    lower: entries.map(([lower]) => lower),
    signedHeaders,
    signedHeadersCanonical: uriEncode(signedHeaders),
    signedHeadersForm: formEncode(signedHeaders),
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** What a presigner derives once per signing day (yyyymmdd): the scope, X-Amz-Credential and the key. */
interface SigningDay {
  day: string
  scope: string
  credential: string
  credentialCanonical: string
  credentialForm: string
  key: KeyObject
}

/**
 * Returns a presigner bound to `creds` (checked once). Each call returns the presigned URL: the
 * URL's own params (form-encoded, as URLSearchParams writes them), then X-Amz-Expires, X-Amz-Date,
 * X-Amz-Algorithm, X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Signature.
 */
export function createPresigner(creds: SigV4Credentials): (opts: PresignOptions) => string {
  const { accessKeyId, secretAccessKey, region, service } = checkCredentials(creds)

  // The newest signing day; its key also stays in the shared cache, which bounds how many are kept.
  let today: SigningDay | undefined
  const signingDay = (amzDate: string): SigningDay => {
    const day = amzDate.slice(0, 8)
    if (today?.day === day) return today
    // [SigV4 S3 query auth] credential scope: <date>/<region>/<service>/aws4_request.
    const scope = `${day}/${region}/${service}/${SCOPE_TERMINATOR}`
    const credential = `${accessKeyId}/${scope}`
    const key = signingKey(secretAccessKey, day, region, service)
    today = {
      day,
      scope,
      credential,
      credentialCanonical: uriEncode(credential),
      credentialForm: formEncode(credential),
      key,
    }
    return today
  }

  // The last origin seen (`http://127.0.0.1:8080` as given) and what the URL parser makes of it: a
  // presigner signs for one store, so one entry is all the cache needs.
  let lastOriginGiven = ''
  let lastOrigin = ''
  let lastHost = ''
  const plainOrigin = (given: string): boolean => {
    if (given === lastOriginGiven) return true
    let parsed: URL
    try {
      parsed = new URL(`${given}/`)
    } catch {
      return false // the general path throws its own error for it
    }
    lastOriginGiven = given
    lastOrigin = `${parsed.protocol}//${parsed.host}`
    lastHost = parsed.host
    return true
  }

  const layouts = new Map<string, HeaderLayout>()
  const layoutOf = (headers: Record<string, string> | undefined): HeaderLayout | null => {
    if (headers === null || typeof headers !== 'object') return headers === undefined ? layoutOf({}) : null
    const names = Object.keys(headers)
    const id = names.join('\n')
    const known = layouts.get(id)
    if (known !== undefined && sameNames(known.given, names)) return known
    const layout = headerLayout(names)
    if (layout !== null && layouts.size < MAX_HEADER_LAYOUTS) layouts.set(id, layout)
    return layout
  }

  /** The fast path for a PLAIN_URL (see there); undefined when a header needs the general path. */
  function presignPlain(
    method: string,
    expiresIn: number,
    path: string,
    amzDate: string,
    headers: Record<string, string> | undefined,
  ): string | undefined {
    const layout = layoutOf(headers)
    if (layout === null) return undefined
    let headerLines = ''
    for (let i = 0; i < layout.lower.length; i++) {
      const source = layout.source[i]
      let value = lastHost
      if (source !== undefined) {
        const given = (headers as Record<string, unknown>)[source]
        // Anything else (whitespace to fold, characters to refuse, not a string) takes the general path.
        if (typeof given !== 'string' || !PLAIN_HEADER_VALUE.test(given)) return undefined
        value = given
      }
      headerLines += i === 0 ? `${layout.lower[i]}:${value}` : `\n${layout.lower[i]}:${value}`
    }
    const day = signingDay(amzDate)
    // The canonical query, already sorted: Algorithm < Credential < Date < Expires < SignedHeaders.
    const canonical =
      `${method}\n${path}\n` +
      `${P_ALGORITHM}=${ALGORITHM}&${P_CREDENTIAL}=${day.credentialCanonical}&${P_DATE}=${amzDate}` +
      `&${P_EXPIRES}=${expiresIn}&${P_SIGNED_HEADERS}=${layout.signedHeadersCanonical}` +
      `\n${headerLines}\n\n${layout.signedHeaders}\n${UNSIGNED_PAYLOAD}`
    const signature = createHmac('sha256', day.key)
      .update(stringToSign(amzDate, day.scope, canonical))
      .digest('hex')
    return (
      `${lastOrigin}${path}?${P_EXPIRES}=${expiresIn}&${P_DATE}=${amzDate}&${P_ALGORITHM}=${ALGORITHM}` +
      `&${P_CREDENTIAL}=${day.credentialForm}&${P_SIGNED_HEADERS}=${layout.signedHeadersForm}` +
      `&${P_SIGNATURE}=${signature}`
    )
  }

  /** Any URL: parsed, its own params signed and kept, every value encoded. */
  function presignParsed(
    method: string,
    expiresIn: number,
    url: URL,
    amzDate: string,
    givenHeaders: Record<string, string> | undefined,
  ): string {
    const query: [string, string][] = []
    const names = new Set<string>()
    for (const [k, v] of url.searchParams) {
      if (k === '') throw new TypeError('sigv4: url has a query param with an empty name')
      if (RESERVED_PARAMS.has(k.toLowerCase())) throw new TypeError(`sigv4: url already carries ${k}`)
      // aws4fetch signs only the first of repeated names for s3 while the URL keeps all of them;
      // S3 would then refuse the signature. Refuse up front instead.
      if (names.has(k)) throw new TypeError(`sigv4: query param ${JSON.stringify(k)} is repeated`)
      names.add(k)
      query.push([k, v])
    }

    const headers = presignHeaders(url.host, givenHeaders)
    let signedHeaders = ''
    let headerLines = ''
    for (const [name, value] of headers) {
      signedHeaders += signedHeaders === '' ? name : `;${name}`
      headerLines += headerLines === '' ? `${name}:${value}` : `\n${name}:${value}`
    }

    const day = signingDay(amzDate)
    query.push(
      [P_EXPIRES, String(expiresIn)],
      [P_DATE, amzDate],
      [P_ALGORITHM, ALGORITHM],
      [P_CREDENTIAL, day.credential],
      [P_SIGNED_HEADERS, signedHeaders],
    )
    const canonical = canonicalRequest(method, url.pathname, query, headerLines, signedHeaders)
    const signature = createHmac('sha256', day.key)
      .update(stringToSign(amzDate, day.scope, canonical))
      .digest('hex')
    // [SigV4 S3 query auth] X-Amz-Signature is added after signing and is not itself signed.
    query.push([P_SIGNATURE, signature])

    let search = ''
    for (const [k, v] of query) search += `${search === '' ? '?' : '&'}${formEncode(k)}=${formEncode(v)}`
    return `${url.protocol}//${url.host}${url.pathname}${search}`
  }

  return function presign(opts: PresignOptions): string {
    if (opts === null || typeof opts !== 'object')
      throw new TypeError('sigv4: presign options must be an object')
    const method = typeof opts.method === 'string' ? opts.method.toUpperCase() : ''
    if (!METHODS.has(method)) {
      throw new TypeError(
        `sigv4: method must be one of ${[...METHODS].join(', ')}, got ${JSON.stringify(opts.method)}`,
      )
    }
    const { expiresIn } = opts
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES) {
      throw new TypeError(
        `sigv4: expiresIn must be an integer number of seconds in 1..${MAX_EXPIRES}, got ${expiresIn}`,
      )
    }
    const plain = typeof opts.url === 'string' ? PLAIN_URL.exec(opts.url) : null
    const path = plain !== null && plainOrigin(plain[1] as string) ? (plain[2] as string) : undefined
    const url = path === undefined ? checkUrl(opts.url) : undefined
    const amzDate = toAmzDate(opts.now === undefined ? Date.now() : checkDate(opts.now, 'now').getTime())
    if (path !== undefined) {
      const signed = presignPlain(method, expiresIn, path, amzDate, opts.headers)
      if (signed !== undefined) return signed
    }
    return presignParsed(method, expiresIn, url ?? new URL(opts.url), amzDate, opts.headers)
  }
}

// ---------------------------------------------------------------------------------------------
// Verify

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
  const expected = signatureBytes(
    secretAccessKey,
    region,
    service,
    amzDate,
    scope,
    canonicalRequest(input.method.toUpperCase(), url.pathname, query, headerLines, signedHeadersParam),
  )
  // Constant-time comparison of the 32 signature bytes (both sides are exactly 32 bytes here).
  if (!timingSafeEqual(Buffer.from(signature, 'hex'), expected)) return fail('bad-signature')
  return { ok: true, expiresAt, signedHeaders }
}
