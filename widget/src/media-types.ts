import {
  canonicalType,
  isMediaFamily,
  MEDIA_FAMILIES,
  type MediaFamily,
  normalizeContentType,
  typeFromExtension,
} from '@dropgate/core'

// The media the widget knows by name come from the one media table (@dropgate/core), the same the
// server accepts and publishes. What the widget adds here is how it reads a type it may not list: a
// policy may allow any type of a kind (`image/*`), so the kind is read from the type's prefix.

export { extensionOf } from '@dropgate/core'

export const MEDIA_KINDS = MEDIA_FAMILIES
export type MediaKind = MediaFamily
export const isMediaKind = isMediaFamily

/** Lower-cases, drops parameters (`; codecs=…`) and folds aliases: `Audio/X-WAV` → `audio/wav`. */
export function normalizeMime(type: string): string {
  return canonicalType(type) ?? normalizeContentType(type)
}

export function kindOf(type: string): MediaKind | undefined {
  const kind = normalizeMime(type).split('/')[0]
  return isMediaKind(kind) ? kind : undefined
}

/** The canonical type of a known extension, for files the browser gives no type (HEIC, MKV on many systems). */
export function mimeFromExtension(extension: string): string | undefined {
  return typeFromExtension(extension) ?? undefined
}
