/**
 * User metadata (`x-amz-meta-*`) as HTTP header values. S3 documents user metadata over REST as
 * US-ASCII ("User-defined metadata ... must conform to US-ASCII when you're using REST"), and
 * recommends RFC 2047 encoded words for anything else, which is what the AWS SDKs and console write.
 * Values that are plain printable ASCII go as they are; others as `=?UTF-8?B?<base64>?=`.
 */

const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/
// RFC 2047 §2: encoded-word = "=?" charset "?" encoding "?" encoded-text "?="
const ENCODED_WORD = /^=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=$/

export function encodeMetadataValue(value: string): string {
  // A plain value that itself looks like an encoded word is encoded too, so it reads back unchanged.
  if (PLAIN.test(value) && !ENCODED_WORD.test(value)) return value
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`
}

/** The inverse of `encodeMetadataValue`; also reads Q-encoded words (RFC 2047 §4.2) other tools write. */
export function decodeMetadataValue(value: string): string {
  const match = ENCODED_WORD.exec(value)
  if (!match) return value
  const [, charset, encoding, text] = match as unknown as [string, string, string, string]
  if (!/^utf-?8$/i.test(charset) && !/^(us-ascii|iso-8859-1)$/i.test(charset)) return value
  const bytes =
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          'latin1',
        )
  return bytes.toString(/^utf-?8$/i.test(charset) ? 'utf8' : 'latin1')
}

/** `x-amz-meta-<name>` request headers for a metadata record (names lower-cased). */
export function metadataHeaders(metadata: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(metadata ?? {})) {
    if (!/^[a-z0-9_-]+$/i.test(name))
      throw new TypeError(`metadata name must be [A-Za-z0-9_-]+, got ${JSON.stringify(name)}`)
    headers[`x-amz-meta-${name.toLowerCase()}`] = encodeMetadataValue(value)
  }
  return headers
}

/** The metadata record of a HEAD/GET answer: `x-amz-meta-*` headers, prefix dropped, values decoded. */
export function metadataFrom(headers: Headers): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const [name, value] of headers)
    if (name.startsWith('x-amz-meta-'))
      metadata[name.slice('x-amz-meta-'.length)] = decodeMetadataValue(value)
  return metadata
}
