/**
 * Every error the signer answers, in one place: machine code → HTTP status → message. The native wire
 * body is `{"code": status, "msg": message}` (docs/API.md §2.12); the compatible APIs answer `compat` as their
 * code (routes/compat/errors.ts). One code has one message: where the meaning differs, so does the code.
 * A message may name parameters, `{name}`, listed in `params`; every other character is literal (the
 * braces of `{ticket, uploadId, …}` included, which name no parameter).
 */

/** The upper-case vocabulary the three compatible APIs share. */
export type CompatCode =
  | 'INPUT_VALIDATION_ERROR'
  | 'FILE_TOO_LARGE'
  | 'AUTHENTICATION_ERROR'
  | 'PERMISSION_ERROR'
  | 'FILE_NOT_FOUND'
  | 'RATE_LIMIT_ERROR'
  | 'STORAGE_NOT_CONFIGURED'
  | 'STORAGE_UNAVAILABLE'
  | 'INTERNAL_ERROR'

export interface ErrorRow {
  readonly status: number
  readonly message: string
  readonly params?: readonly string[]
  /** Headers every answer with this code carries. */
  readonly headers?: Readonly<Record<string, string>>
  /** The compatible APIs' code; without one the code passes through upper-cased. */
  readonly compat?: CompatCode
}

const INPUT = 'INPUT_VALIDATION_ERROR'
const AUTH = 'AUTHENTICATION_ERROR'
const PERMISSION = 'PERMISSION_ERROR'

export const ERROR_TABLE = {
  // The request itself is wrong.
  missing_fields: { status: 400, message: 'filename and contentType are required', compat: INPUT },
  invalid_fields: { status: 400, message: '{problems}', params: ['problems'], compat: INPUT },
  invalid_batch: {
    status: 400,
    message: '{field} must be a list of 1 to {max} {what}',
    params: ['field', 'max', 'what'],
    compat: INPUT,
  },
  batch_too_large: {
    status: 400,
    message: 'A batch holds at most {max} files; send the others in another request',
    params: ['max'],
    compat: INPUT,
  },
  invalid_file_size: {
    status: 400,
    message: 'fileSize must be a positive whole number of bytes',
    compat: INPUT,
  },
  file_size_required: {
    status: 400,
    message: 'fileSize is required with a browser credential',
    compat: INPUT,
  },
  multipart_size_required: {
    status: 400,
    message: 'fileSize is required: a positive whole number of bytes',
    compat: INPUT,
  },
  invalid_json: { status: 400, message: 'Invalid JSON body', compat: INPUT },
  body_too_large: { status: 413, message: 'JSON body too large (max 64KB)', compat: INPUT },
  // Workers (server/src/entries/workers.ts): the platform refuses bodies past the plan's limit.
  body_over_runtime_limit: {
    status: 413,
    message:
      "Request body over this server's limit of {cap}: send the file in JSON mode (POST /api/v1/files as application/json, then PUT it to the upload URL)",
    params: ['cap'],
    compat: 'FILE_TOO_LARGE',
  },
  unsupported_media_type: {
    status: 400,
    message: 'Expected multipart/form-data or application/json',
    compat: INPUT,
  },
  json_body_required: { status: 400, message: 'Expected an application/json body', compat: INPUT },
  image_form_required: {
    status: 400,
    message: 'Expected multipart/form-data with the image in form field "file"',
    compat: INPUT,
  },
  malformed_multipart: { status: 400, message: 'Malformed multipart/form-data body', compat: INPUT },
  parts_after_file: {
    status: 400,
    message: 'Only small form fields may follow the file (one file per request, fields up to 64KB)',
    compat: INPUT,
  },
  no_file: { status: 400, message: 'No file provided (expected form field "file")', compat: INPUT },
  type_not_allowed: {
    status: 400,
    message: 'Only image/, video/, or audio/ content types are accepted',
    compat: INPUT,
  },
  image_type_not_allowed: {
    status: 400,
    message: 'Only JPEG, PNG, WebP and GIF images are accepted',
    compat: INPUT,
  },
  content_mismatch: { status: 400, message: 'File content does not match its declared type', compat: INPUT },
  // A declared size over the type's cap is a field that fails validation; the third compatible API,
  // which receives the bytes themselves, overrides this to 413 FILE_TOO_LARGE.
  file_too_large: { status: 400, message: 'File too large (max {cap})', params: ['cap'], compat: INPUT },
  // The media rules (media-rules.ts): what the file's own pixels or length are, against the policy's.
  image_too_small: {
    status: 400,
    message: '{name} is {width} × {height} px; at least {minSide} × {minSide} px is needed',
    params: ['name', 'width', 'height', 'minSide'],
    compat: INPUT,
  },
  image_too_big: {
    status: 400,
    message: '{name} is {width} × {height} px; at most {maxSide} × {maxSide} px is allowed',
    params: ['name', 'width', 'height', 'maxSide'],
    compat: INPUT,
  },
  image_aspect: {
    status: 400,
    message: '{name} is {width} × {height} px; its long side may be at most {maxAspect} times its short side',
    params: ['name', 'width', 'height', 'maxAspect'],
    compat: INPUT,
  },
  image_too_many_pixels: {
    status: 400,
    message: '{name} is {width} × {height} px; at most {maxPixels} pixels are allowed',
    params: ['name', 'width', 'height', 'maxPixels'],
    compat: INPUT,
  },
  media_too_short: {
    status: 400,
    message: '{name} lasts {seconds} s; at least {minSeconds} s is needed',
    params: ['name', 'seconds', 'minSeconds'],
    compat: INPUT,
  },
  media_too_long: {
    status: 400,
    message: '{name} lasts {seconds} s; at most {maxSeconds} s is allowed',
    params: ['name', 'seconds', 'maxSeconds'],
    compat: INPUT,
  },
  media_unreadable: {
    status: 400,
    message: "{name}: its {what} could not be read, so the server's media rules cannot be checked",
    params: ['name', 'what'],
    compat: INPUT,
  },
  invalid_sign_request: {
    status: 400,
    message:
      'Expected {ticket, uploadId, step: parts|list|complete|abort, partNumbers?: up to {max} part numbers, partNumberMarker?: a part number}',
    params: ['max'],
  },
  part_numbers_required: { status: 400, message: 'partNumbers is required for step "parts"' },
  invalid_part: { status: 400, message: 'This upload has parts 1 to {count}', params: ['count'] },
  // POST /api/v1/tokens: one row per field, so the message says which rule the request broke.
  token_field_unknown: { status: 400, message: 'Unknown field in token request' },
  token_types_invalid: {
    status: 400,
    message: 'types must be a non-empty list of media types such as "image/*" or "video/mp4"',
  },
  token_max_file_size_invalid: {
    status: 400,
    message: 'maxFileSize must be a positive whole number of bytes',
  },
  token_max_files_invalid: { status: 400, message: 'maxFiles must be a whole number from 1 to 1000' },
  token_subject_invalid: { status: 400, message: 'subject must be 1 to 64 letters, digits, _ or -' },
  token_ttl_invalid: {
    status: 400,
    message: 'ttl must be a whole number of seconds from 1 to {max}',
    params: ['max'],
  },
  token_media_invalid: {
    status: 400,
    message: "media must only tighten the server's rules",
  },
  scope_too_wide: { status: 400, message: 'Type "{type}" is not allowed by this server', params: ['type'] },
  range_not_satisfiable: { status: 416, message: 'Requested range not satisfiable' },
  // Who is calling, and what that credential may do.
  unauthorized: { status: 401, message: 'Invalid or missing API key', compat: AUTH },
  invalid_token: { status: 401, message: 'Invalid upload token', compat: AUTH },
  token_expired: { status: 401, message: 'Upload token expired', compat: AUTH },
  forbidden: { status: 403, message: 'Not allowed with this credential', compat: PERMISSION },
  secret_key_required: { status: 403, message: 'This route needs a secret API key', compat: PERMISSION },
  upload_only: {
    status: 403,
    message: 'Publishable keys may only create and complete uploads',
    compat: PERMISSION,
  },
  origin_not_allowed: { status: 403, message: 'Origin not allowed', compat: PERMISSION },
  type_out_of_scope: {
    status: 403,
    message: 'This credential may not upload {type} files',
    params: ['type'],
    compat: PERMISSION,
  },
  file_too_large_for_credential: {
    status: 403,
    message: 'File too large (max {cap} for this credential)',
    params: ['cap'],
    compat: PERMISSION,
  },
  too_many_files: {
    status: 403,
    message: 'This upload token allows at most {maxFiles} files',
    params: ['maxFiles'],
    compat: PERMISSION,
  },
  invalid_ticket: { status: 403, message: 'This upload ticket is not valid for this caller and file' },
  // A ticket sealed by a random per-process secret that is gone: the server restarted, or is another.
  ticket_from_other_server: {
    status: 403,
    message:
      'This upload was started by a server that has restarted or uses another DROPGATE_TOKEN_SECRET; start the upload again',
  },
  rate_limited: {
    status: 429,
    message: 'Too many requests, retry in {seconds} s',
    params: ['seconds'],
    compat: 'RATE_LIMIT_ERROR',
  },
  // The file, the body as it arrives, and the service.
  file_not_found: { status: 404, message: 'File not found', compat: 'FILE_NOT_FOUND' },
  not_found: { status: 404, message: 'Not found' },
  // The client sent nothing of its body for a while; Connection: close, since the rest is never read.
  body_idle: {
    status: 408,
    message: 'The request body stalled: nothing arrived for {seconds} s',
    params: ['seconds'],
    headers: { Connection: 'close' },
  },
  // The client went away before its body was complete; nobody reads this.
  client_gone: { status: 400, message: 'The connection closed before the request body was complete' },
  // A staged upload was sent again while the server checked it: what was checked is not what is there.
  upload_changed: { status: 409, message: 'The upload changed while it was being checked; try again' },
  storage_full: { status: 507, message: "The server's storage is full, try again later" },
  storage_not_configured: {
    status: 500,
    message: 'Storage not configured',
    compat: 'STORAGE_NOT_CONFIGURED',
  },
  storage_unavailable: {
    status: 503,
    message: 'Storage is unavailable, try again shortly',
    compat: 'STORAGE_UNAVAILABLE',
  },
  // Cut off so that nothing partial is left behind.
  shutting_down: {
    status: 503,
    message: 'The server is restarting, try again shortly',
    headers: { Connection: 'close', 'Retry-After': '5' },
  },
  internal: { status: 500, message: 'Internal server error', compat: 'INTERNAL_ERROR' },
} as const satisfies Record<string, ErrorRow>
