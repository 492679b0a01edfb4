import type { PartialMediaRules } from '@dropgate/core'
import { parseAccept } from './accept.js'
import { resolveLocale } from './i18n.js'
import type { MediaKind } from './media-types.js'
import type { PageLimits } from './rules.js'
import { parseSize } from './size.js'

export type Theme = 'light' | 'dark' | 'auto'
export type Size = number | string

export interface UploaderOptions {
  /** Base URL of the Dropgate server, e.g. `https://uploads.example.com`. */
  endpoint: string
  /** An upload token minted by your backend (docs/API.md §4.1). */
  token?: string
  /** Called for a fresh upload token: before the first upload, and again once after a 401. */
  getToken?: () => string | Promise<string>
  /** A publishable key bound to this page's origin; for static pages without a backend. */
  publishableKey?: string
  /** Narrows the server's allow-list: `image/*`, `video/mp4`, `.png`, `audio`; comma-separated or a list. */
  accept?: string | readonly string[]
  /** Per-kind caps, in bytes or as `10MB` (binary units, as the server counts); never above the server's. */
  maxImageSize?: Size
  maxVideoSize?: Size
  maxAudioSize?: Size
  /** At most this many files; setting it above 1 implies `multiple`. */
  maxFiles?: number
  /**
   * Narrows the server's media rules (its DROPGATE_IMAGE_* and DROPGATE_MEDIA_* settings), never
   * looser: `{ image: { minSide: 512, maxAspect: 2 }, duration: { maxSeconds: 60 } }`. Image sides
   * and `maxPixels` in pixels, durations in seconds.
   */
  mediaRules?: PartialMediaRules
  /** Whether more than one file may be chosen; without it and without `maxFiles`, one file. */
  multiple?: boolean
  /** A BCP 47 tag; en, pt-BR, de and es are built in, others fall back by language, then to English. */
  locale?: string
  theme?: Theme
  /** Render the drop zone in place; otherwise a button opens it in a modal. */
  inline?: boolean
  /** A line of text in the drop zone, before the limits line the widget derives from the policy. */
  note?: string
  /** Start uploading as soon as files are added; default off (on for the element inside a form). */
  autoUpload?: boolean
  /** Take files dropped anywhere on the page, not only on the drop zone. */
  pageDrop?: boolean
  /**
   * Where to render. An element gets an open shadow root (or uses the one it has) so the page's
   * styles and the widget's do not mix. Without a target the uploader is headless: add files with
   * `addFiles`.
   */
  target?: Element | ShadowRoot
  /** For tests and unusual runtimes; defaults to the global `fetch`. */
  fetch?: typeof fetch
}

export interface Credentials {
  readonly token?: string
  readonly getToken?: () => string | Promise<string>
  readonly publishableKey?: string
}

/** Options checked and put in the form the rest of the widget reads. */
export interface ResolvedOptions {
  readonly endpoint: string
  readonly credentials: Credentials
  readonly limits: PageLimits
  readonly locale: string
  readonly theme: Theme
  readonly inline: boolean
  readonly note?: string
  readonly autoUpload: boolean
  readonly pageDrop: boolean
  readonly target?: Element | ShadowRoot
  readonly fetch: typeof fetch
}

const THEMES: readonly Theme[] = ['light', 'dark', 'auto']
const SIZE_OPTIONS = [
  ['maxImageSize', 'image'],
  ['maxVideoSize', 'video'],
  ['maxAudioSize', 'audio'],
] as const satisfies readonly (readonly [keyof UploaderOptions, MediaKind])[]

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/**
 * Checks every option and throws one `TypeError` naming every problem, so a misconfigured page
 * fails at once and says why, rather than at the first upload.
 */
export function resolveOptions(
  options: UploaderOptions,
  env: { readonly baseUrl?: string; readonly languages?: readonly string[] } = {},
): ResolvedOptions {
  const problems: string[] = []
  const o = options ?? ({} as UploaderOptions)

  let endpoint = ''
  if (!nonEmpty(o.endpoint)) problems.push('endpoint is required')
  else {
    try {
      const url = new URL(o.endpoint, env.baseUrl)
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(url.protocol)
      endpoint = url.href.replace(/\/+$/, '')
    } catch {
      problems.push(`endpoint must be an http(s) URL, got ${JSON.stringify(o.endpoint)}`)
    }
  }

  for (const name of ['token', 'publishableKey', 'note', 'locale'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'string') problems.push(`${name} must be a string`)
  }
  if (o.getToken !== undefined && typeof o.getToken !== 'function')
    problems.push('getToken must be a function')
  if (!nonEmpty(o.token) && typeof o.getToken !== 'function' && !nonEmpty(o.publishableKey)) {
    problems.push('one of token, getToken or publishableKey is required')
  }

  let accept: string[] | undefined
  try {
    accept = parseAccept(o.accept)
  } catch (error) {
    problems.push((error as Error).message)
  }

  const maxBytes: Partial<Record<MediaKind, number>> = {}
  for (const [name, kind] of SIZE_OPTIONS) {
    if (o[name] === undefined) continue
    const bytes = parseSize(o[name])
    if (bytes === undefined) problems.push(`${name} must be a number of bytes or a size such as "10MB"`)
    else maxBytes[kind] = bytes
  }

  const media = o.mediaRules
  if (media !== undefined) {
    const groups = typeof media === 'object' && media !== null ? [media.image, media.duration] : [0]
    const values = groups.flatMap((g) =>
      g === undefined ? [] : typeof g === 'object' && g ? Object.values(g) : [0],
    )
    if (values.some((n) => n !== undefined && !(typeof n === 'number' && n > 0)))
      problems.push('mediaRules must be { image?: {…}, duration?: {…} } of positive numbers')
  }

  if (o.maxFiles !== undefined && !(Number.isSafeInteger(o.maxFiles) && o.maxFiles > 0)) {
    problems.push('maxFiles must be a whole number above 0')
  }
  for (const name of ['multiple', 'inline', 'autoUpload', 'pageDrop'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'boolean') problems.push(`${name} must be true or false`)
  }
  if (o.theme !== undefined && !THEMES.includes(o.theme))
    problems.push(`theme must be one of ${THEMES.join(', ')}`)
  const fetchImpl = o.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') problems.push('fetch is not available; pass one')
  if (o.target !== undefined && !isRenderTarget(o.target))
    problems.push('target must be an element or a shadow root')

  if (problems.length > 0) throw new TypeError(`Dropgate: ${problems.join('; ')}`)

  const maxFiles = o.multiple === false ? 1 : (o.maxFiles ?? (o.multiple ? undefined : 1))
  return Object.freeze({
    endpoint,
    credentials: Object.freeze({
      ...(nonEmpty(o.token) && { token: o.token.trim() }),
      ...(o.getToken && { getToken: o.getToken }),
      ...(nonEmpty(o.publishableKey) && { publishableKey: o.publishableKey.trim() }),
    }),
    limits: Object.freeze({
      ...(accept && { accept }),
      maxBytes: Object.freeze(maxBytes),
      ...(maxFiles !== undefined && { maxFiles }),
      ...(media && { media }),
    }),
    locale: resolveLocale(o.locale ?? env.languages),
    theme: o.theme ?? 'light',
    inline: o.inline ?? false,
    autoUpload: o.autoUpload ?? false,
    pageDrop: o.pageDrop ?? false,
    ...(nonEmpty(o.note) && { note: o.note }),
    ...(o.target && { target: o.target }),
    fetch: fetchImpl,
  })
}

function isRenderTarget(target: unknown): boolean {
  // Checked by shape, not instanceof: the element may come from another realm (an iframe).
  return typeof target === 'object' && target !== null && 'appendChild' in target && 'querySelector' in target
}
