import type { KeyObject } from 'node:crypto'
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
  signatureHex,
} from './canonical-request.js'
import {
  type HeaderLayout,
  headerLayout,
  MAX_HEADER_LAYOUTS,
  PLAIN_HEADER_VALUE,
  presignHeaders,
  sameNames,
} from './header-layout.js'
import { signingKey } from './signing-key.js'
import { canonicalQuery, canonicalUri, formEncode, uriEncode } from './sigv4-encode.js'
import {
  checkCredentials,
  checkDate,
  checkUrl,
  MAX_EXPIRES,
  type SigV4Credentials,
  toAmzDate,
} from './sigv4-options.js'

/** SigV4 query presign (sigv4.ts says which rules and what the URLs are byte-identical to). */

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

const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE'])
/** Params the presigner writes itself; a URL that already has one (any case) is refused. */
const RESERVED_PARAMS = new Set(
  [P_ALGORITHM, P_CREDENTIAL, P_DATE, P_EXPIRES, P_SIGNED_HEADERS, P_SIGNATURE, 'X-Amz-Security-Token'].map(
    (p) => p.toLowerCase(),
  ),
)

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
    const query =
      `${P_ALGORITHM}=${ALGORITHM}&${P_CREDENTIAL}=${day.credentialCanonical}&${P_DATE}=${amzDate}` +
      `&${P_EXPIRES}=${expiresIn}&${P_SIGNED_HEADERS}=${layout.signedHeadersCanonical}`
    const canonical = canonicalRequest(method, path, query, headerLines, layout.signedHeaders)
    const signature = signatureHex(day.key, amzDate, day.scope, canonical)
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
    const canonical = canonicalRequest(
      method,
      canonicalUri(url.pathname),
      canonicalQuery(query),
      headerLines,
      signedHeaders,
    )
    const signature = signatureHex(day.key, amzDate, day.scope, canonical)
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
