/**
 * Keys made of RFC 3986 unreserved characters and '/' are their own encoding; every key this server
 * makes is one (`uploads/<owner>/<fileId>`), so the hot path skips splitting and re-joining it.
 * encodeURIComponent leaves exactly these characters alone, plus !'()*, which are not in this set.
 */
const PLAIN_KEY = /^[A-Za-z0-9_.~/-]*$/

/** A key as a URL path: each segment percent-encoded (RFC 3986), the slashes kept. */
export function encodeKey(key: string): string {
  if (PLAIN_KEY.test(key)) return key
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/')
}
