import { extensionOf, kindOf, MEDIA_KINDS, mimeFromExtension, normalizeMime } from './media-types.js'

/**
 * A page's `accept`, in the grammar of `<input type=file accept>` plus the bare kinds:
 * `image/*`, `video/mp4`, `.png`, `audio`. Returned as normalized MIME types (`kind/*` included);
 * an extension stands for the type it names, since the server stores by type.
 */
export function parseAccept(accept: string | readonly string[] | undefined): string[] | undefined {
  if (accept === undefined) return undefined
  const tokens = (typeof accept === 'string' ? accept.split(',') : accept)
    .map((t) => t.trim())
    .filter(Boolean)
  if (tokens.length === 0) return undefined
  const types = new Set<string>()
  const unknown: string[] = []
  for (const token of tokens) {
    const lower = token.toLowerCase()
    const type = (MEDIA_KINDS as readonly string[]).includes(lower)
      ? `${lower}/*`
      : lower.startsWith('.')
        ? mimeFromExtension(extensionOf(`x${lower}`))
        : kindOf(lower) && normalizeMime(lower)
    if (type) types.add(type)
    else unknown.push(token)
  }
  if (unknown.length > 0) {
    throw new TypeError(`accept: ${unknown.join(', ')} is not an image, video or audio type`)
  }
  return [...types]
}
