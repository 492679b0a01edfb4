// The media reader: measures an image's width and height or a clip's duration in the browser and
// applies the media rules to it (@dropgate/core media-rules.ts), before any request for the file.
// Loaded on demand (media-loader.ts): the npm build splits it into a chunk of its own, and the
// script-tag build loads dist/dropgate-media.js from next to dropgate.iife.js, so the 100 KB budget
// of the script tag pays nothing for it.
import {
  checkDuration,
  checkImageSize,
  IMAGE_HEADER_READS,
  type ImageSize,
  type MediaFamily,
  type MediaRefusal,
  narrowMediaRules,
} from '@dropgate/core'
import { imageSize } from './image-header.js'
import type { MediaTranslation } from './locale-pack.js'
import { describeMediaRefusal } from './locales/media.js'
import type { MediaRuleSources } from './rules.js'

/** How long the browser may take to read a file's size or duration; then the server decides. */
export const READ_TIMEOUT_MS = 10_000

/** How far a header is read: the same reach as the server's (@dropgate/core IMAGE_HEADER_READS). */
const [HEAD_BYTES, LONG_HEAD_BYTES] = IMAGE_HEADER_READS

export interface MediaVerdict {
  readonly refusal: MediaRefusal
  /** The refusal in the page's language. */
  readonly message: string
}

/**
 * The rule `file` breaks, or `undefined` when it breaks none or could not be measured here (a
 * format this browser does not decode, a clip whose metadata did not arrive in time): the server
 * reads the file again and has the last word either way.
 */
export async function inspectMedia(
  file: Blob,
  name: string,
  kind: MediaFamily,
  sources: MediaRuleSources,
  locale: string,
  translated?: MediaTranslation,
): Promise<MediaVerdict | undefined> {
  const rules = narrowMediaRules(sources.server, sources.page)
  let refusal: MediaRefusal | null = null
  if (kind === 'image') {
    const size = await readImageSize(file)
    if (size) refusal = checkImageSize(rules, name, size)
  } else {
    const seconds = await readDuration(file, kind)
    if (seconds !== undefined) refusal = checkDuration(rules, name, seconds)
  }
  return refusal ? { refusal, message: describeMediaRefusal(refusal, locale, translated) } : undefined
}

const head = async (file: Blob, bytes: number) => new Uint8Array(await file.slice(0, bytes).arrayBuffer())

/**
 * The header's answer for PNG, GIF, WebP and JPEG; for other formats (AVIF, HEIC, BMP…) the
 * browser's own decoder, through an <img> that is never attached or painted (its size is known on
 * `load`; pixels are decoded only for painting). A file the header reader knows is never handed to
 * a decoder, so a PNG that declares 30000 × 30000 px is refused by the pixel guard from 24 bytes.
 */
export async function readImageSize(file: Blob): Promise<ImageSize | undefined> {
  let bytes = await head(file, HEAD_BYTES)
  let size = imageSize(bytes)
  if (!size && bytes[0] === 0xff && bytes[1] === 0xd8 && file.size > HEAD_BYTES) {
    bytes = await head(file, LONG_HEAD_BYTES)
    size = imageSize(bytes)
  }
  if (size || typeof Image !== 'function') return size
  return fromElement(file, 'img', (img) => {
    const { naturalWidth: width, naturalHeight: height } = img
    return width > 0 && height > 0 ? { width, height } : undefined
  })
}

/** A clip's length from the browser's own metadata (<audio>/<video> with preload=metadata). */
export function readDuration(file: Blob, kind: 'audio' | 'video'): Promise<number | undefined> {
  return fromElement(file, kind, (media) => (Number.isFinite(media.duration) ? media.duration : undefined))
}

/**
 * Loads `file` into a detached element from an object URL and reads one answer on its load (`load`
 * for an image, `loadedmetadata` for a clip); an error or the time-out answers `undefined`. The URL
 * is revoked and the element emptied either way.
 */
function fromElement<K extends 'img' | 'audio' | 'video', T>(
  file: Blob,
  tag: K,
  read: (element: HTMLElementTagNameMap[K]) => T | undefined,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const element = document.createElement(tag)
    const url = URL.createObjectURL(file)
    const done = (value?: T) => {
      clearTimeout(timer)
      element.onload = element.onloadedmetadata = element.onerror = null
      element.removeAttribute('src')
      // A media element keeps its resource until told to reload without a source (HTML §4.8.11.5).
      if (element instanceof HTMLMediaElement) element.load()
      URL.revokeObjectURL(url)
      resolve(value)
    }
    const timer = setTimeout(done, READ_TIMEOUT_MS)
    const loaded = () => done(read(element))
    if (element instanceof HTMLMediaElement) {
      element.preload = 'metadata'
      element.muted = true
      element.onloadedmetadata = loaded
    } else element.onload = loaded
    element.onerror = () => done()
    element.src = url
  })
}
