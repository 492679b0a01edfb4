import type { Context, ErrorHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DropgateError, errors } from '../../errors.js'
import { asHttpError } from '../../http/storage-error.js'
import type { Logger } from '../../log.js'

/**
 * The error vocabulary of the three compatible APIs (API.md §3). The first API names its codes
 * (`INPUT_VALIDATION_ERROR`, `FILE_NOT_FOUND`); the other two name none, so all three share that one
 * upper-case vocabulary and differ only in the envelope around it:
 *
 * | HTTP | code                     | when                                                                   |
 * | ---- | ------------------------ | ---------------------------------------------------------------------- |
 * | 400  | `INPUT_VALIDATION_ERROR` | a missing or malformed field, bad JSON, wrong request Content-Type, no  |
 * |      |                          | `file` field, a type outside the policy, a declared size over a cap,   |
 * |      |                          | bytes that are not the declared kind of media                           |
 * | 413  | `INPUT_VALIDATION_ERROR` | a JSON body over 64 KB (no real client sends one)                       |
 * | 413  | `FILE_TOO_LARGE`         | uploaded bytes that pass the cap while they stream (third API)          |
 * | 401  | `AUTHENTICATION_ERROR`   | missing, wrong or disabled key; expired or tampered upload token        |
 * | 403  | `PERMISSION_ERROR`       | the credential may not do this (scope, origin, slots, kind of key)      |
 * | 404  | `FILE_NOT_FOUND`         | no such file for this caller                                            |
 * | 429  | `RATE_LIMIT_ERROR`       | a publishable key over its rate (with `Retry-After`)                    |
 * | 500  | `STORAGE_NOT_CONFIGURED` | `DROPGATE_STORAGE=s3` without its settings                              |
 * | 503  | `STORAGE_UNAVAILABLE`    | the store did not answer                                                |
 * | 500  | `INTERNAL_ERROR`         | anything unexpected (logged; nothing internal is told)                 |
 *
 * The code comes from the `DropgateError`'s own machine name, never from its HTTP status, and the
 * message is the core's, unchanged. A code this table does not know yet passes through upper-cased
 * (`range_not_satisfiable` → `RANGE_NOT_SATISFIABLE`) with its own status: stable, and still specific.
 */
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

const BY_NATIVE_CODE: Readonly<Record<string, CompatCode>> = {
  // Input: the request itself is wrong.
  invalid_fields: 'INPUT_VALIDATION_ERROR',
  missing_fields: 'INPUT_VALIDATION_ERROR',
  invalid_file_size: 'INPUT_VALIDATION_ERROR',
  file_size_required: 'INPUT_VALIDATION_ERROR',
  invalid_json: 'INPUT_VALIDATION_ERROR',
  body_too_large: 'INPUT_VALIDATION_ERROR',
  unsupported_media_type: 'INPUT_VALIDATION_ERROR',
  malformed_multipart: 'INPUT_VALIDATION_ERROR',
  no_file: 'INPUT_VALIDATION_ERROR',
  type_not_allowed: 'INPUT_VALIDATION_ERROR',
  content_mismatch: 'INPUT_VALIDATION_ERROR',
  // A declared size over the type's cap is a field that fails validation; the third API, which
  // receives the bytes themselves, overrides this to 413 FILE_TOO_LARGE.
  file_too_large: 'INPUT_VALIDATION_ERROR',
  // Who is calling, and what that credential may do.
  unauthorized: 'AUTHENTICATION_ERROR',
  invalid_token: 'AUTHENTICATION_ERROR',
  forbidden: 'PERMISSION_ERROR',
  secret_key_required: 'PERMISSION_ERROR',
  upload_only: 'PERMISSION_ERROR',
  origin_not_allowed: 'PERMISSION_ERROR',
  type_out_of_scope: 'PERMISSION_ERROR',
  file_too_large_for_credential: 'PERMISSION_ERROR',
  too_many_files: 'PERMISSION_ERROR',
  rate_limited: 'RATE_LIMIT_ERROR',
  // The file and the service.
  file_not_found: 'FILE_NOT_FOUND',
  storage_not_configured: 'STORAGE_NOT_CONFIGURED',
  storage_unavailable: 'STORAGE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
}

export interface CompatError {
  status: ContentfulStatusCode
  code: string
  message: string
}

/** Per-adapter exceptions to the table, by native code. */
export type CompatOverrides = Readonly<Record<string, { status: ContentfulStatusCode; code: CompatCode }>>

export function toCompatError(error: DropgateError, overrides: CompatOverrides = {}): CompatError {
  const override = overrides[error.code]
  if (override) return { ...override, message: error.message }
  return {
    status: error.status,
    code: BY_NATIVE_CODE[error.code] ?? error.code.toUpperCase(),
    message: error.message,
  }
}

/**
 * An `onError` for one adapter's sub-app: the same `DropgateError`s the native routes throw (from
 * auth, admit, storage...), rendered in that adapter's envelope. Unknown errors are logged by path
 * only (no headers, no query strings: upload URLs carry signatures) and become a generic 500.
 */
export function compatErrorHandler(options: {
  logger: Logger
  envelope: (error: { code: string; message: string }) => unknown
  overrides?: CompatOverrides
}): ErrorHandler {
  const { logger, envelope, overrides } = options
  return (error: Error, c: Context) => {
    let known: DropgateError
    const mapped = asHttpError(error)
    if (mapped instanceof DropgateError) known = mapped
    else {
      logger.error('unhandled', {
        path: new URL(c.req.url).pathname,
        error: String(error),
        stack: error.stack,
      })
      known = errors.internal()
    }
    for (const [name, value] of Object.entries(known.headers)) c.header(name, value)
    const { status, code, message } = toCompatError(known, overrides)
    return c.json(envelope({ code, message }), status)
  }
}

/** An adapter's own validation failure: one message naming every problem of the request. */
export function invalidFields(problems: readonly string[]): DropgateError {
  return new DropgateError('invalid_fields', 400, problems.join('; '))
}
