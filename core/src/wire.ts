import * as v from 'valibot'

/**
 * The JSON the widget and the signer exchange (docs/API.md), as valibot schemas both sides read: the
 * server validates requests with them and types its answers by them; the widget reads answers with
 * them. Answers are `v.object`, which ignores unknown fields, so a server may add to an answer without
 * breaking deployed widgets; requests the server reads strictly where it says so.
 */

const byteCount = v.pipe(v.number(), v.safeInteger(), v.minValue(0))
const positiveCount = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

/** One family's rule in GET /api/v1/policy. */
export const PolicyKind = v.object({
  maxBytes: byteCount,
  /** Every spelling accepted, the media table's aliases included. */
  mimeTypes: v.array(v.string()),
  /** Every extension the family's types go by (without the dot): what a file picker offers. */
  extensions: v.optional(v.array(v.string())),
})

export const MultipartPlanWire = v.object({
  threshold: byteCount,
  basePartSize: positiveCount,
  maxParts: positiveCount,
})

/** `data` of GET /api/v1/policy. A family that is missing is not accepted. */
export const PolicyAnswer = v.object({
  types: v.object({
    image: v.optional(PolicyKind),
    video: v.optional(PolicyKind),
    audio: v.optional(PolicyKind),
  }),
  multipart: v.optional(MultipartPlanWire),
  uploadUrlTtl: v.optional(positiveCount),
  fileTtl: v.optional(positiveCount),
})
export type PolicyAnswer = v.InferOutput<typeof PolicyAnswer>

/** POST /api/v1/files (JSON): presign one PUT. `fileSize` binds the length into the URL. */
export const CreateFileRequest = v.object({
  filename: v.pipe(v.string(), v.minLength(1)),
  contentType: v.pipe(v.string(), v.minLength(1)),
  fileSize: v.optional(v.nullable(v.unknown())),
})

const stringRecord = v.record(v.string(), v.string())

export const CreateFileAnswer = v.object({
  fileId: v.string(),
  uploadUrl: v.string(),
  method: v.literal('PUT'),
  headers: stringRecord,
  publicUrl: v.string(),
  expiresAt: v.string(),
})
export type CreateFileAnswer = v.InferOutput<typeof CreateFileAnswer>

/** POST /api/v1/uploads: start an upload in parts. */
export const CreateMultipartAnswer = v.object({
  fileId: v.string(),
  key: v.string(),
  publicUrl: v.string(),
  partSize: positiveCount,
  partCount: positiveCount,
  ticket: v.string(),
  expiresAt: v.string(),
  create: v.object({ method: v.literal('POST'), url: v.string(), headers: stringRecord }),
})
export type CreateMultipartAnswer = v.InferOutput<typeof CreateMultipartAnswer>

/** How many part URLs one sign call may ask for. */
export const MAX_PARTS_PER_CALL = 100

export const UPLOAD_STEPS = ['parts', 'list', 'complete', 'abort'] as const
export type UploadStep = (typeof UPLOAD_STEPS)[number]

/** POST /api/v1/uploads/:fileId/sign: one step of an upload in parts. */
export const SignStepRequest = v.object({
  ticket: v.string(),
  uploadId: v.pipe(v.string(), v.minLength(1), v.maxLength(1024), v.regex(/^[\x21-\x7e]+$/)),
  step: v.picklist(UPLOAD_STEPS),
  partNumbers: v.optional(
    v.pipe(v.array(v.pipe(v.number(), v.integer())), v.minLength(1), v.maxLength(MAX_PARTS_PER_CALL)),
  ),
})
export type SignStepRequest = v.InferOutput<typeof SignStepRequest>

const PresignedStep = v.object({
  method: v.picklist(['PUT', 'GET', 'POST', 'DELETE']),
  url: v.string(),
  headers: v.optional(stringRecord),
  partNumber: v.optional(v.number()),
})

/** The answer of a sign step: one URL (list, complete, abort) or one per part (`parts`). */
export const SignStepAnswer = v.union([v.object({ parts: v.array(PresignedStep) }), PresignedStep])
