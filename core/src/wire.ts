import * as v from 'valibot'
import type { MediaFamily } from './media-types.js'

/**
 * The JSON the widget and the signer exchange (docs/API.md §2), as valibot schemas both sides read: the
 * server validates requests with them and types its answers by them; the widget reads answers with
 * them. Answers are `v.object`, which ignores unknown fields, so a server may add to an answer without
 * breaking deployed widgets; requests the server reads strictly where it says so.
 */

// Each rule carries the words a reader is told when it fails, after the field's path
// ("types.image.maxBytes must be a whole number of bytes"): see `describeIssues`.
const WHOLE_BYTES = 'must be a whole number of bytes'
const byteCount = v.pipe(v.number(WHOLE_BYTES), v.safeInteger(WHOLE_BYTES), v.minValue(0, WHOLE_BYTES))
const positive = (what: string) => v.pipe(v.number(what), v.safeInteger(what), v.minValue(1, what))
const positiveCount = positive('must be a positive whole number')

/** One family's rule in GET /api/v1/policy; every type listed must be of that family. */
export function policyKind<F extends MediaFamily>(family: F) {
  const types = `must be a list of ${family}/… types`
  const extensions = 'must be a list of extensions without the dot'
  return v.object(
    {
      maxBytes: byteCount,
      /** Every spelling accepted, the media table's aliases included. */
      mimeTypes: v.array(v.pipe(v.string(types), v.startsWith(`${family}/`, types)), types),
      /** Every extension the family's types go by (without the dot): what a file picker offers. */
      extensions: v.optional(
        v.array(v.pipe(v.string(extensions), v.regex(/^[^.]+$/, extensions)), extensions),
      ),
    },
    'must be an object',
  )
}

export const MultipartPlanWire = v.object(
  {
    threshold: byteCount,
    basePartSize: positive('must be a positive whole number of bytes'),
    maxParts: positiveCount,
  },
  'must be an object',
)

const positiveNumber = v.pipe(v.number('must be a number'), v.minValue(0, 'must not be negative'))

/** The media rules (media-rules.ts) as the policy publishes them; a limit left out is no limit. */
export const MediaRulesWire = v.object(
  {
    image: v.object(
      {
        minSide: v.optional(positiveCount),
        maxSide: v.optional(positiveCount),
        maxAspect: v.optional(positiveNumber),
        maxPixels: positiveCount,
      },
      'must be an object',
    ),
    duration: v.object(
      { minSeconds: v.optional(positiveNumber), maxSeconds: v.optional(positiveNumber) },
      'must be an object',
    ),
  },
  'must be an object',
)

/** `data` of GET /api/v1/policy. A family that is missing is not accepted; unknown ones are ignored. */
export const PolicyAnswer = v.object(
  {
    types: v.object(
      {
        image: v.optional(policyKind('image')),
        video: v.optional(policyKind('video')),
        audio: v.optional(policyKind('audio')),
      },
      'must be an object',
    ),
    multipart: v.optional(MultipartPlanWire),
    /** Older servers publish none: then the widget applies the default pixel guard alone (DEFAULT_MEDIA_RULES). */
    media: v.optional(MediaRulesWire),
    uploadUrlTtl: v.optional(positiveCount),
    fileTtl: v.optional(positiveCount),
  },
  'must be an object',
)
export type PolicyAnswer = v.InferOutput<typeof PolicyAnswer>

/**
 * A failed parse in words: each field that broke a rule once, by its path, with its rule's words
 * ("types.audio must be an object; multipart.threshold must be a whole number of bytes").
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const problems = new Map<string, string>()
  for (const issue of issues) {
    const keys: string[] = []
    for (const item of issue.path ?? []) {
      if (typeof item.key !== 'string') break
      keys.push(item.key)
    }
    const path = keys.join('.')
    if (!problems.has(path)) problems.set(path, path ? `${path} ${issue.message}` : issue.message)
  }
  return [...problems.values()].join('; ')
}

// A character that is not white space (`\S` skips exactly what String#trim removes): a regex rather
// than a check, so that the OpenAPI document (server routes/openapi) can state it as a JSON Schema pattern.
const nonBlank = v.pipe(v.string(), v.regex(/\S/))

/**
 * The fields every upload request names its file with (POST /api/v1/files in JSON mode, POST
 * /api/v1/uploads), non-blank strings; `fileSize` is read on its own, since its rules differ by route.
 */
export const NameAndType = v.object({ filename: nonBlank, contentType: nonBlank })

/**
 * The answer of POST /api/v1/files (JSON mode): one presigned PUT. `headers` are the ones signed in
 * (the reader keeps only those a page may send); `expiresAt` is when the URL stops working.
 */
export const CreateFileAnswer = v.object({
  fileId: v.string(),
  uploadUrl: v.string(),
  method: v.optional(v.literal('PUT')),
  headers: v.optional(v.unknown()),
  publicUrl: v.string(),
  expiresAt: v.optional(v.string()),
})
export type CreateFileAnswer = v.InferOutput<typeof CreateFileAnswer>

/** POST /api/v1/uploads: an upload in parts, planned (`partSize`, `partCount`) and sealed in `ticket`. */
export const CreateMultipartAnswer = v.object({
  fileId: v.string(),
  key: v.optional(v.string()),
  publicUrl: v.string(),
  partSize: v.number(),
  partCount: v.number(),
  /** The store's id of the multipart upload, created by the server (docs/API.md §2.5). */
  uploadId: v.string(),
  ticket: v.string(),
  expiresAt: v.optional(v.string()),
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
  /**
   * For `list`: the page after this part number (S3's `part-number-marker`, signed into the URL:
   * ListParts answers at most 1,000 parts a page, docs/API.md §2.5).
   */
  partNumberMarker: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
})
export type SignStepRequest = v.InferOutput<typeof SignStepRequest>

/** One presigned request of a sign step; `method` defaults to PUT (a part). */
export const PresignedStep = v.object({
  method: v.optional(v.picklist(['PUT', 'GET', 'POST', 'DELETE'])),
  url: v.string(),
  headers: v.optional(v.unknown()),
  partNumber: v.optional(v.number()),
})
export type PresignedStep = v.InferOutput<typeof PresignedStep>

/** The answer of step `parts`: one URL a part. The other steps answer one `PresignedStep`. */
export const SignedParts = v.object({ parts: v.array(PresignedStep) })
export type SignedParts = v.InferOutput<typeof SignedParts>

export type WireRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: string }

/** Reads JSON with one of these schemas; a failure names every problem (`describeIssues`). */
export function readWire<S extends v.GenericSchema>(schema: S, data: unknown): WireRead<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, data)
  return parsed.success
    ? { ok: true, value: parsed.output }
    : { ok: false, problems: describeIssues(parsed.issues) }
}

/**
 * The batch forms of POST /api/v1/files (JSON mode) and of `complete` (docs/API.md §2.2, §2.3): up to
 * this many files in one request, so a page with many small files pays one round trip, not one each.
 */
export const MAX_BATCH_FILES = 20

/** One file of a batch: the JSON-mode fields, each checked as a single request's are. */
export const CreateFileFields = v.object({
  filename: v.string(),
  contentType: v.string(),
  fileSize: v.optional(v.number()),
})

/** POST /api/v1/files with `{files}`: several JSON-mode requests in one. */
export const CreateFilesBatchRequest = v.object({
  files: v.pipe(v.array(v.record(v.string(), v.unknown())), v.minLength(1), v.maxLength(MAX_BATCH_FILES)),
})

/** POST /api/v1/files/complete: `complete` of several files in one request. */
export const CompleteBatchRequest = v.object({
  fileIds: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(MAX_BATCH_FILES)),
})

/** One file's own error in a batch: the wire body a single request would have answered. */
export const BatchFailure = v.object({ code: v.number(), msg: v.string() })

/** One file's answer in a batch: `{code:200, msg, data}` as a single request's, or its `BatchFailure`. */
export const batchEntry = <S extends v.GenericSchema>(data: S) =>
  v.union([v.object({ code: v.literal(200), msg: v.literal('success'), data }), BatchFailure])

/** `data` of the batch form of POST /api/v1/files: one entry per file, in the request's order. */
export const CreateFilesBatchAnswer = v.object({ files: v.array(batchEntry(CreateFileAnswer)) })
export type CreateFilesBatchAnswer = v.InferOutput<typeof CreateFilesBatchAnswer>

/** `data` of a completed file (§2.3), as the widget reads it. */
export const FileRecordWire = v.object({
  id: v.string(),
  url: v.string(),
  filename: v.optional(v.string()),
  content_type: v.optional(v.string()),
  size_bytes: v.number(),
  created_at: v.optional(v.string()),
  expires_at: v.optional(v.string()),
})

/** `data` of POST /api/v1/files/complete: one entry per file id, in the request's order. */
export const CompleteBatchAnswer = v.object({ files: v.array(batchEntry(FileRecordWire)) })
export type CompleteBatchAnswer = v.InferOutput<typeof CompleteBatchAnswer>
