import type { ErrorCode } from '@dropgate/core'

/**
 * The error codes that come together (docs/API.md §2.12), for the route table: each route lists the
 * groups of the steps it takes and the codes of its own.
 */

/** Any request: a bug or an outage nobody expected (logged, nothing internal told). */
export const ANY: readonly ErrorCode[] = ['internal']

/** A Bearer credential of any kind (http/auth.ts): checked before the body is read. */
export const ANY_CALLER: readonly ErrorCode[] = [
  'unauthorized',
  'invalid_token',
  'token_expired',
  'origin_not_allowed',
  'rate_limited',
]

/** A secret key or an upload token: a publishable key is refused after its own checks. */
export const OWNER_CALLER: readonly ErrorCode[] = [...ANY_CALLER, 'upload_only']

/** A secret key only. */
export const SECRET_CALLER: readonly ErrorCode[] = [...OWNER_CALLER, 'secret_key_required']

/** Any body, read under a real client's deadlines (http/guarded-body.ts, §2.10). */
export const BODY: readonly ErrorCode[] = ['body_idle', 'client_gone', 'shutting_down']

/** A JSON body (routes/json.ts, §2.1). */
export const JSON_BODY: readonly ErrorCode[] = ['invalid_json', 'body_too_large', ...BODY]

/** A file form streamed through busboy (http/multipart-file.ts). */
export const FORM_BODY: readonly ErrorCode[] = ['malformed_multipart', 'parts_after_file', 'no_file', ...BODY]

/** The policy, then the credential's scope, then an upload token's slots (usecases/admit.ts, §2.2). */
export const ADMIT: readonly ErrorCode[] = [
  'type_not_allowed',
  'file_too_large',
  'type_out_of_scope',
  'file_too_large_for_credential',
  'too_many_files',
]

/** A stored file checked again against the policy and the caller's scope (complete, GET). */
export const RECHECK: readonly ErrorCode[] = ADMIT.filter((code) => code !== 'too_many_files')

/** The checks of a stored or streamed file's bytes: magic bytes, then the media rules (§1). */
export const CONTENT: readonly ErrorCode[] = [
  'content_mismatch',
  'image_too_small',
  'image_too_big',
  'image_aspect',
  'image_too_many_pixels',
  'media_too_short',
  'media_too_long',
  'media_unreadable',
]

/** A route that calls the store (§2.10). */
export const STORE: readonly ErrorCode[] = ['storage_not_configured', 'storage_unavailable']

/** A route that writes the file itself (multipart mode): the embedded store's disk may be full. */
export const STORE_WRITE: readonly ErrorCode[] = [...STORE, 'storage_full']

/** A route that checks a staged upload and promotes it (S3, usecases/resolve-upload.ts). */
export const STORE_RESOLVE: readonly ErrorCode[] = [...STORE, 'file_not_found', 'upload_changed']
