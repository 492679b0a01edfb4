import { type CompatCode, ERROR_TABLE, type ErrorCode, type ErrorRow } from '@dropgate/core'
import type { Context, ErrorHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DropgateError, errors, fail } from '../../errors.js'
import { asHttpError } from '../../http/storage-error.js'
import type { Logger } from '../../log.js'

/**
 * The error vocabulary of the three compatible APIs (docs/API.md §3.4). The first API names its codes
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
 * The code comes from the `DropgateError`'s own machine name, never from its HTTP status: each row of
 * the error table (@dropgate/core error-table.ts) names its `compat` code, and the message is the
 * table's, unchanged. A row that names none passes through upper-cased (`range_not_satisfiable` →
 * `RANGE_NOT_SATISFIABLE`) with its own status: stable, and still specific.
 */
export type { CompatCode }

/** The compat code of a native code: its row's `compat` in the error table, else the code upper-cased. */
export function compatCodeOf(code: ErrorCode): string {
  const row: ErrorRow = ERROR_TABLE[code]
  return row.compat ?? code.toUpperCase()
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
    code: compatCodeOf(error.code),
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
  return fail('invalid_fields', { problems: problems.join('; ') })
}
