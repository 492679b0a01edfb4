/**
 * The path prefix the signer's routes live under when an app mounts it (`/uploads`), '' at the root.
 * Every URL the server hands out that points back at itself carries it: the embedded store's upload
 * URLs and public files, verified links. Segments are RFC 3986 unreserved characters only, so the
 * prefix is the same text in a route pattern, a request's path and a SigV4 canonical URI (which
 * percent-encodes everything else).
 */
export function parseBasePath(raw: string | undefined): string | null {
  if (raw === undefined) return ''
  const trimmed = raw.replace(/\/+$/, '')
  if (trimmed === '') return raw.startsWith('/') ? '' : null
  if (!trimmed.startsWith('/')) return null
  const segments = trimmed.slice(1).split('/')
  const valid = segments.every((segment) => /^[A-Za-z0-9._~-]+$/.test(segment) && !/^\.{1,2}$/.test(segment))
  return valid ? trimmed : null
}
