/**
 * SigV4's encodings (rules cited as [SigV4 …], see sigv4.ts): what the canonical request is made of,
 * and how a presigned URL's query is written.
 */

const percentEncode = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`

/**
 * [SigV4 canonical request] "URI-encode each parameter name and value … Do not URI-encode any of the
 * unreserved characters that RFC 3986 defines: A-Z, a-z, 0-9, hyphen, underscore, period, and tilde";
 * everything else is %XX with upper-case hex over UTF-8. encodeURIComponent leaves !'()* alone too.
 */
export function uriEncode(s: string): string {
  return UNRESERVED.test(s) ? s : encodeURIComponent(s).replace(/[!'()*]/g, percentEncode)
}
const UNRESERVED = /^[A-Za-z0-9_.~-]*$/

/** WHATWG application/x-www-form-urlencoded (URLSearchParams#toString): how the URL's query is written. */
export function formEncode(s: string): string {
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
export function canonicalUri(pathname: string): string {
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
export function canonicalQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
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
export function canonicalHeaderValue(value: string): string {
  return trimHttpWhitespace(value).replace(/\s+/g, ' ')
}

export function trimHttpWhitespace(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '')
}
