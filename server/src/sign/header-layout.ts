import { canonicalHeaderValue, formEncode, trimHttpWhitespace, uriEncode } from './sigv4-encode.js'

/**
 * The headers a presigned URL signs. [SigV4 canonical request] SignedHeaders: lower-case names,
 * sorted, ';'-joined; CanonicalHeaders: `name:value` lines in the same order. `host` always comes
 * from the URL.
 */

/** RFC 7230 token: what a header name may be. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** A header value that is already canonical: printable ASCII, single inner spaces, no edge whitespace. */
export const PLAIN_HEADER_VALUE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/

/** Any headers: checked (a TypeError for what cannot be sent), values canonical, sorted by name. */
export function presignHeaders(
  host: string,
  headers: Record<string, string> | undefined,
): [string, string][] {
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

/**
 * The signed headers of one set of header names, computed once per set: the names are the same on
 * every presign of a route (content-type and content-length for an upload URL); only values change.
 */
export interface HeaderLayout {
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
export const MAX_HEADER_LAYOUTS = 32

/** The layout of `names`, or null when a name is invalid, repeated or `host` (the general path then throws). */
export function headerLayout(names: string[]): HeaderLayout | null {
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

export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
