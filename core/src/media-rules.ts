import { type ErrorParams, errorMessage } from './errors.js'

/**
 * Limits on what a file's pixels and length may be (docs/API.md §1: DROPGATE_IMAGE_MIN_SIDE,
 * DROPGATE_IMAGE_MAX_SIDE, DROPGATE_IMAGE_MAX_ASPECT, DROPGATE_IMAGE_MAX_PIXELS,
 * DROPGATE_MEDIA_MIN_SECONDS, DROPGATE_MEDIA_MAX_SECONDS). One rule set: the server enforces it on
 * every route, publishes it in GET /api/v1/policy, and the widget applies the same functions before
 * any request. A limit left out is no limit, but for `maxPixels`, which always holds: it is what keeps
 * a few-KB file that declares 30000 × 30000 px from being decoded anywhere.
 */
export interface MediaRules {
  readonly image: {
    /** Each side at least this many pixels. */
    readonly minSide?: number
    /** Each side at most this many pixels. */
    readonly maxSide?: number
    /** The longer side at most this many times the shorter (4: from 4:1 to 1:4). */
    readonly maxAspect?: number
    /** width × height at most this; always set. */
    readonly maxPixels: number
  }
  /** Audio and video. */
  readonly duration: {
    readonly minSeconds?: number
    readonly maxSeconds?: number
  }
}

/**
 * The pixel guard when DROPGATE_IMAGE_MAX_PIXELS is unset: 16383 × 16383 (sharp's default input
 * limit, libvips' largest JPEG side), above today's 200-megapixel phone sensors.
 */
export const DEFAULT_MAX_PIXELS = 16383 * 16383

export const DEFAULT_MEDIA_RULES: MediaRules = Object.freeze({
  image: Object.freeze({ maxPixels: DEFAULT_MAX_PIXELS }),
  duration: Object.freeze({}),
})

/**
 * How far into an image both sides look for its size: first 64 KiB (any PNG, GIF or WebP header, a
 * JPEG's with usual EXIF), then 512 KiB (a JPEG with large APP segments). The same reach on both
 * sides, so a file the widget measures the server measures too.
 */
export const IMAGE_HEADER_READS = [64 * 1024, 512 * 1024] as const

/** What a file's own bytes (or the browser's decoder) say it is. */
export interface ImageSize {
  readonly width: number
  readonly height: number
}

/**
 * A file the rules refuse: an error-table code (docs/API.md §2.12) and the values its message names.
 * `name` is the file's name as the caller gave it.
 */
export type MediaRefusal =
  | { code: 'image_too_small'; params: { name: string; width: number; height: number; minSide: number } }
  | { code: 'image_too_big'; params: { name: string; width: number; height: number; maxSide: number } }
  | { code: 'image_aspect'; params: { name: string; width: number; height: number; maxAspect: number } }
  | {
      code: 'image_too_many_pixels'
      params: { name: string; width: number; height: number; maxPixels: number }
    }
  | { code: 'media_too_short'; params: { name: string; seconds: number; minSeconds: number } }
  | { code: 'media_too_long'; params: { name: string; seconds: number; maxSeconds: number } }

/**
 * A refusal's message, from its error-table row: what the widget shows and the server answers
 * ("photo.png is 100 × 90 px; at least 128 × 128 px is needed").
 */
export function mediaRefusalMessage(refusal: MediaRefusal): string {
  // Each variant's params are its own row's (MediaRefusal spells them), a pairing of a union's code
  // with its params that TypeScript does not follow into ErrorParams.
  return errorMessage(refusal.code, refusal.params as unknown as ErrorParams<MediaRefusal['code']>)
}

/** The first image rule `size` breaks, in the order a person fixes them: pixels, sides, shape. */
export function checkImageSize(rules: MediaRules, name: string, size: ImageSize): MediaRefusal | null {
  const { width, height } = size
  const { minSide, maxSide, maxAspect, maxPixels } = rules.image
  if (width * height > maxPixels)
    return { code: 'image_too_many_pixels', params: { name, width, height, maxPixels } }
  if (minSide !== undefined && Math.min(width, height) < minSide)
    return { code: 'image_too_small', params: { name, width, height, minSide } }
  if (maxSide !== undefined && Math.max(width, height) > maxSide)
    return { code: 'image_too_big', params: { name, width, height, maxSide } }
  if (maxAspect !== undefined && Math.max(width, height) > maxAspect * Math.max(1, Math.min(width, height)))
    return { code: 'image_aspect', params: { name, width, height, maxAspect } }
  return null
}

/** The duration rule `seconds` breaks; the value in the message is rounded to a tenth of a second. */
export function checkDuration(rules: MediaRules, name: string, seconds: number): MediaRefusal | null {
  const { minSeconds, maxSeconds } = rules.duration
  const shown = Math.round(seconds * 10) / 10
  if (minSeconds !== undefined && seconds < minSeconds)
    return { code: 'media_too_short', params: { name, seconds: shown, minSeconds } }
  if (maxSeconds !== undefined && seconds > maxSeconds)
    return { code: 'media_too_long', params: { name, seconds: shown, maxSeconds } }
  return null
}

/**
 * Whether an image rule beyond the default pixel guard is set. An image whose size cannot be read is
 * refused only then: with the default guard alone it passes as before the media rules (TIFF and HEIF
 * may keep their size past what is read; a decoder downstream still has its own limit).
 */
export function hasImageRule(rules: MediaRules): boolean {
  const { minSide, maxSide, maxAspect, maxPixels } = rules.image
  return (
    minSide !== undefined ||
    maxSide !== undefined ||
    maxAspect !== undefined ||
    maxPixels !== DEFAULT_MAX_PIXELS
  )
}

/** Whether any duration rule is set: without one, nobody needs to read a clip's length. */
export function hasDurationRule(rules: MediaRules): boolean {
  return rules.duration.minSeconds !== undefined || rules.duration.maxSeconds !== undefined
}

/**
 * The rules an upload token narrows the server's to: each limit the tighter of the two (a token can
 * only ask for less than the server allows, as with its types and sizes).
 */
export function narrowMediaRules(server: MediaRules, token: PartialMediaRules): MediaRules {
  const atLeast = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b))
  const atMost = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b))
  return {
    image: dropUndefined({
      minSide: atLeast(server.image.minSide, token.image?.minSide),
      maxSide: atMost(server.image.maxSide, token.image?.maxSide),
      maxAspect: atMost(server.image.maxAspect, token.image?.maxAspect),
      maxPixels: Math.min(server.image.maxPixels, token.image?.maxPixels ?? server.image.maxPixels),
    }),
    duration: dropUndefined({
      minSeconds: atLeast(server.duration.minSeconds, token.duration?.minSeconds),
      maxSeconds: atMost(server.duration.maxSeconds, token.duration?.maxSeconds),
    }),
  }
}

export interface PartialMediaRules {
  readonly image?: Partial<MediaRules['image']>
  readonly duration?: Partial<MediaRules['duration']>
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
