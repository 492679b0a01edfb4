import {
  DEFAULT_MEDIA_RULES,
  extensionsOf,
  MEDIA_TYPES,
  type MediaRules,
  type MultipartPlan,
  type PartialMediaRules,
} from '@dropgate/core'
import { kindOf, type MediaKind, normalizeMime } from './media-types.js'
import type { KindPolicy, ServerPolicy } from './policy.js'

/** The server's media rules and the page's `mediaRules`, which can only narrow them. */
export interface MediaRuleSources {
  readonly server: MediaRules
  readonly page: PartialMediaRules
}

/** What the page asks for; every field only narrows what the server allows. */
export interface PageLimits {
  /** Normalized types from `parseAccept`; `undefined` accepts whatever the server does. */
  readonly accept?: readonly string[]
  readonly maxBytes?: Readonly<Partial<Record<MediaKind, number>>>
  readonly maxFiles?: number
  /** The `mediaRules` option: pixels and lengths, narrowing the server's. */
  readonly media?: PartialMediaRules
}

export interface KindRule {
  readonly maxBytes: number
  /** Normalized; `kind/*` accepts any type of that kind. */
  readonly types: readonly string[]
  /**
   * The extensions (no dot) of those types: the server's published list for the kind (its media table,
   * which may be newer than the widget's), narrowed to the page's types; what the file picker offers.
   */
  readonly extensions: readonly string[]
}

/** The stricter of server policy and page options, which is what every check reads. */
export interface Rules {
  readonly kinds: Readonly<Partial<Record<MediaKind, KindRule>>>
  readonly maxFiles: number
  /** How the server cuts files in parts; without it (an older server) every file is one PUT. */
  readonly multipart?: MultipartPlan
  /** Pixels and lengths: the server's, or the default pixel guard alone from a server that publishes none. */
  /**
   * The media rules' two sources; the media reader narrows the server's by the page's when it first
   * needs them (core's narrowMediaRules), so the script tag does not carry that code.
   */
  readonly media: MediaRuleSources
}

const wildcard = (kind: string) => `${kind}/*`

/** `image/*` ∩ `image/png` = `image/png`; equal types meet; different exact types do not. */
function meet(a: string, b: string): string | undefined {
  if (a === b) return a
  if (a.endsWith('/*') && kindOf(b) === a.slice(0, -2)) return b
  if (b.endsWith('/*') && kindOf(a) === b.slice(0, -2)) return a
  return undefined
}

export function mergeRules(server: ServerPolicy, page: PageLimits = {}): Rules {
  const kinds: Partial<Record<MediaKind, KindRule>> = {}
  for (const [kind, policy] of Object.entries(server.types) as [
    MediaKind,
    ServerPolicy['types'][MediaKind],
  ][]) {
    if (!policy) continue
    const serverTypes = policy.mimeTypes.map(normalizeMime)
    const types = page.accept
      ? unique(serverTypes.flatMap((s) => page.accept?.map((p) => meet(s, p)) ?? []))
      : unique(serverTypes)
    if (types.length === 0) continue
    const pageMax = page.maxBytes?.[kind]
    kinds[kind] = {
      maxBytes: Math.min(policy.maxBytes, pageMax ?? Number.POSITIVE_INFINITY),
      types,
      extensions: extensionsFor(kind, policy, types),
    }
  }
  return {
    kinds,
    maxFiles: page.maxFiles ?? Number.POSITIVE_INFINITY,
    media: { server: server.media ?? DEFAULT_MEDIA_RULES, page: page.media ?? {} },
    ...(server.multipart && { multipart: server.multipart }),
  }
}

/** A kind's wildcard offers every extension the server lists; an exact type, its own that the server lists. */
function extensionsFor(kind: MediaKind, policy: KindPolicy, types: readonly string[]): string[] {
  const published = policy.extensions ?? extensionsOf(kind)
  if (types.includes(wildcard(kind))) return [...published]
  const own = types.flatMap((type) => MEDIA_TYPES[type]?.extensions ?? [])
  return [...new Set(own.filter((ext) => published.includes(ext)))]
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))]
}

/** The rule a type falls under, or `undefined` when the rules do not accept it. */
export function ruleFor(rules: Rules, type: string): KindRule | undefined {
  const mime = normalizeMime(type)
  const kind = kindOf(mime)
  const rule = kind && rules.kinds[kind]
  if (!rule || !kind) return undefined
  return rule.types.includes(mime) || rule.types.includes(wildcard(kind)) ? rule : undefined
}

/** For the file picker's `accept`: the accepted types and the extensions they go by. */
export function pickerTypes(rules: Rules): string[] {
  const out = new Set<string>()
  for (const rule of Object.values(rules.kinds)) {
    for (const type of rule?.types ?? []) {
      out.add(type)
    }
    for (const ext of rule?.extensions ?? []) out.add(`.${ext}`)
  }
  return [...out]
}
