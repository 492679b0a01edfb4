import {
  DEFAULT_CAPS,
  type MediaRules,
  MULTIPART,
  type MultipartPlan,
  PolicyAnswer,
  readWire,
} from '@dropgate/core'
import type { MediaKind } from './media-types.js'

export type { MultipartPlan }

/**
 * What `GET /api/v1/policy` answers in `data`, read with the wire schema both sides share
 * (@dropgate/core wire.ts `PolicyAnswer`; the server is the authority on what it allows):
 *
 *   {
 *     "types": {
 *       "image": { "maxBytes": 10485760, "mimeTypes": ["image/png", …], "extensions": ["png", …] },
 *       "video": { … }, "audio": { … }
 *     },
 *     "multipart": { "threshold": 104857600, "basePartSize": 33554432, "maxParts": 10000 },  // optional
 *     "media": { "image": { "minSide": 128, "maxAspect": 4, "maxPixels": 268402689 },       // optional
 *                "duration": { "minSeconds": 1, "maxSeconds": 600 } }
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
  /** The extensions (no dot) a file of this kind may have; absent from servers before they were published. */
  readonly extensions?: readonly string[]
}

export interface ServerPolicy {
  readonly types: Readonly<Partial<Record<MediaKind, KindPolicy>>>
  readonly multipart?: MultipartPlan
  /** Pixels and lengths (docs/API.md §1 DROPGATE_IMAGE_*, DROPGATE_MEDIA_*); absent from older servers. */
  readonly media?: MediaRules
}

/**
 * The documented server defaults (docs/API.md §1), used while the policy is loading or when it cannot
 * be read: the server checks again in any case, so this only decides what the browser pre-checks.
 */
export const DEFAULT_POLICY: ServerPolicy = Object.freeze({
  types: Object.freeze({
    image: Object.freeze({ maxBytes: DEFAULT_CAPS.image, mimeTypes: Object.freeze(['image/*']) }),
    video: Object.freeze({ maxBytes: DEFAULT_CAPS.video, mimeTypes: Object.freeze(['video/*']) }),
    audio: Object.freeze({ maxBytes: DEFAULT_CAPS.audio, mimeTypes: Object.freeze(['audio/*']) }),
  }),
  multipart: MULTIPART,
})

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

type KindAnswer = NonNullable<PolicyAnswer['types'][MediaKind]>

const freezeKind = ({ maxBytes, mimeTypes, extensions }: KindAnswer): KindPolicy =>
  Object.freeze({
    maxBytes,
    mimeTypes: Object.freeze([...mimeTypes]),
    ...(extensions && { extensions: Object.freeze([...extensions]) }),
  })

/** Validates the policy's `data`; throws one `TypeError` naming every problem. */
export function parsePolicy(data: unknown): ServerPolicy {
  if (!isRecord(data)) throw new TypeError('Invalid policy: expected an object')
  if (!isRecord(data.types)) throw new TypeError('Invalid policy: "types" must be an object')
  const parsed = readWire(PolicyAnswer, data)
  if (!parsed.ok) throw new TypeError(`Invalid policy: ${parsed.problems}`)
  const types: Partial<Record<MediaKind, KindPolicy>> = {}
  for (const [kind, answer] of Object.entries(parsed.value.types) as [MediaKind, KindAnswer | undefined][])
    if (answer) types[kind] = freezeKind(answer)
  const { multipart, media } = parsed.value
  return Object.freeze({
    types: Object.freeze(types),
    ...(multipart && { multipart: Object.freeze({ ...multipart }) }),
    ...(media && {
      media: Object.freeze({ image: Object.freeze(media.image), duration: Object.freeze(media.duration) }),
    }),
  })
}
