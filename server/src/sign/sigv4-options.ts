/**
 * What presign and verify take, checked: credentials, URLs and dates fail fast with a TypeError
 * (programmer errors, as aws4fetch does), and the X-Amz-Date format both write and read.
 */

export interface SigV4Credentials {
  accessKeyId: string
  secretAccessKey: string
  region: string
  service: string
}

// [SigV4 S3 query auth] X-Amz-Expires: "minimum value you can set is 1, and the maximum is 604800 (seven days)".
export const MAX_EXPIRES = 604_800

const SCOPE_PART = /^[A-Za-z0-9._-]+$/
const ACCESS_KEY_ID = /^[\x21-\x2e\x30-\x7e]+$/ // printable ASCII except '/', which separates the credential scope
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

export function checkCredentials(creds: SigV4Credentials): Readonly<SigV4Credentials> {
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

export function checkUrl(input: string | URL): URL {
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

export function checkDate(now: Date | undefined, name: string): Date {
  if (now === undefined) return new Date()
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError(`sigv4: ${name} must be a valid Date`)
  return now
}

/** [SigV4] X-Amz-Date is ISO 8601 basic format, UTC: YYYYMMDD'T'HHMMSS'Z'. */
export function toAmzDate(ms: number): string {
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

export function parseAmzDate(s: string): Date | null {
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
