import type { PartialMediaRules } from '@dropgate/core'

/**
 * An upload token's media rules (core's PartialMediaRules) as one short URL-safe word, for what
 * carries them past the request that had the token: a verified link's `m=` (core/verified-link.ts,
 * under its MAC) and the embedded store's upload URL (`x-dropgate-media`, under its SigV4
 * signature). `n128_a4_t600`: a letter per limit (n min side, x max side, a max aspect, p max
 * pixels, s min seconds, t max seconds), its number as JavaScript spells it, in that order. One
 * spelling per rule set, so a link has one cache key and a re-spelled one is refused. Pure.
 */

/** The embedded store's upload-URL parameter that carries them (signed with the rest of the query). */
export const MEDIA_QUERY_PARAM = 'x-dropgate-media'

const FIELDS = [
  ['n', 'image', 'minSide'],
  ['x', 'image', 'maxSide'],
  ['a', 'image', 'maxAspect'],
  ['p', 'image', 'maxPixels'],
  ['s', 'duration', 'minSeconds'],
  ['t', 'duration', 'maxSeconds'],
] as const

type Group = { -readonly [K in string]?: number }

/** The rules as their word; '' when they name no limit. */
export function encodeMediaRules(rules: PartialMediaRules): string {
  const parts: string[] = []
  for (const [letter, group, name] of FIELDS) {
    const value = (rules[group] as Group | undefined)?.[name]
    if (value !== undefined) parts.push(`${letter}${value}`)
  }
  return parts.join('_')
}

/** The rules a word spells, or null for a word that is not one's only spelling. */
export function decodeMediaRules(word: string): PartialMediaRules | null {
  if (word === '') return null
  const image: Group = {}
  const duration: Group = {}
  let next = 0
  for (const part of word.split('_')) {
    const at = FIELDS.findIndex(([letter]) => letter === part[0])
    const field = FIELDS[at]
    if (!field || at < next) return null // unknown, repeated or out of order
    next = at + 1
    const text = part.slice(1)
    const value = Number(text)
    if (text === '' || !Number.isFinite(value) || value < 0 || String(value) !== text) return null
    ;(field[1] === 'image' ? image : duration)[field[2]] = value
  }
  return {
    ...(Object.keys(image).length > 0 && { image }),
    ...(Object.keys(duration).length > 0 && { duration }),
  }
}
