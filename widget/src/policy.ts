import { isMediaKind, type MediaKind } from './media-types.js'

/**
 * What `GET /api/v1/policy` is expected to answer in `data` (the server is the authority; this is
 * the shape the widget reads, kept in one place so a change on the wire is a change here only):
 *
 *   {
 *     "types": {
 *       "image": { "maxBytes": 10485760,  "mimeTypes": ["image/png", "image/jpeg", "image/*", …] },
 *       "video": { "maxBytes": 104857600, "mimeTypes": [...] },
 *       "audio": { "maxBytes": 104857600, "mimeTypes": [...] }
 *     },
 *     "multipart": { "threshold": 104857600, "basePartSize": 33554432, "maxParts": 10000 }  // optional
 *   }
 *
 * A kind that is missing is not accepted. Unknown kinds and unknown fields are ignored, so the
 * server may add to the answer without breaking deployed widgets; a field of the wrong type is an
 * error, so a renamed field is noticed rather than silently treated as "no limit".
 */
export interface KindPolicy {
  readonly maxBytes: number
  /** As the server spells them; `kind/*` stands for any type of that kind. */
  readonly mimeTypes: readonly string[]
}

/**
 * How the server cuts large files: from `threshold` up, parts of `basePartSize`, or larger when a
 * file would need more than `maxParts`. The widget must cut exactly so: each part's length is bound
 * into its upload URL (see part-size.ts).
 */
export interface MultipartPlan {
  readonly threshold: number
  readonly basePartSize: number
  readonly maxParts: number
}

export interface ServerPolicy {
  readonly types: Readonly<Partial<Record<MediaKind, KindPolicy>>>
  readonly multipart?: MultipartPlan
}

const MIB = 1024 * 1024

/**
 * The documented server defaults (docs/API.md §1), used while the policy is loading or when it cannot
 * be read: the server checks again in any case, so this only decides what the browser pre-checks.
 */
export const DEFAULT_POLICY: ServerPolicy = Object.freeze({
  types: Object.freeze({
    image: Object.freeze({ maxBytes: 10 * MIB, mimeTypes: Object.freeze(['image/*']) }),
    video: Object.freeze({ maxBytes: 100 * MIB, mimeTypes: Object.freeze(['video/*']) }),
    audio: Object.freeze({ maxBytes: 100 * MIB, mimeTypes: Object.freeze(['audio/*']) }),
  }),
  multipart: Object.freeze({ threshold: 100 * MIB, basePartSize: 32 * MIB, maxParts: 10_000 }),
})

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isByteCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** Validates the policy's `data`; throws one `TypeError` naming every problem. */
export function parsePolicy(data: unknown): ServerPolicy {
  const problems: string[] = []
  if (!isRecord(data)) throw new TypeError('Invalid policy: expected an object')
  if (!isRecord(data.types)) throw new TypeError('Invalid policy: "types" must be an object')

  const types: Partial<Record<MediaKind, KindPolicy>> = {}
  for (const [kind, raw] of Object.entries(data.types)) {
    if (!isMediaKind(kind)) continue
    if (!isRecord(raw)) {
      problems.push(`types.${kind} must be an object`)
      continue
    }
    const { maxBytes, mimeTypes } = raw
    if (!isByteCount(maxBytes)) problems.push(`types.${kind}.maxBytes must be a whole number of bytes`)
    const typesOk =
      Array.isArray(mimeTypes) && mimeTypes.every((t) => typeof t === 'string' && t.startsWith(`${kind}/`))
    if (!typesOk) problems.push(`types.${kind}.mimeTypes must be a list of ${kind}/… types`)
    if (isByteCount(maxBytes) && typesOk) {
      types[kind] = Object.freeze({ maxBytes, mimeTypes: Object.freeze([...(mimeTypes as string[])]) })
    }
  }

  const multipart = data.multipart === undefined ? undefined : parsePlan(data.multipart, problems)
  if (problems.length > 0) throw new TypeError(`Invalid policy: ${problems.join('; ')}`)
  return Object.freeze(
    multipart === undefined ? { types: Object.freeze(types) } : { types: Object.freeze(types), multipart },
  )
}

function parsePlan(raw: unknown, problems: string[]): MultipartPlan | undefined {
  if (!isRecord(raw)) {
    problems.push('multipart must be an object')
    return undefined
  }
  const { threshold, basePartSize, maxParts } = raw
  const before = problems.length
  if (!isByteCount(threshold)) problems.push('multipart.threshold must be a whole number of bytes')
  if (!isByteCount(basePartSize) || basePartSize === 0)
    problems.push('multipart.basePartSize must be a positive whole number of bytes')
  if (!isByteCount(maxParts) || maxParts === 0)
    problems.push('multipart.maxParts must be a positive whole number')
  if (problems.length > before) return undefined
  return Object.freeze({ threshold, basePartSize, maxParts } as MultipartPlan)
}
