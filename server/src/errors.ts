import {
  ERROR_TABLE,
  type ErrorCode,
  type ErrorParams,
  errorMessage,
  formatCap,
  type MediaRefusal,
  type PlainErrorCode,
} from '@dropgate/core'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * The one error type of the signer. Its `status` and `msg` are the wire body
 * `{"code":status,"msg":msg}` (docs/API.md §2.1); `code` is a stable machine name for logs and adapters.
 * Status and message come from the error table of @dropgate/core (the constructor takes no message),
 * so no route spells either: a new error is a new row there, raised with `fail(code, params)`.
 */
export class DropgateError extends Error {
  readonly status: ContentfulStatusCode
  readonly code: ErrorCode
  readonly headers: Record<string, string>

  /** Prefer `fail(code, params)`, which types the parameters each code's message names. */
  constructor(
    code: ErrorCode,
    params: Readonly<Record<string, string | number>> = {},
    headers: Record<string, string> = {},
  ) {
    super(errorMessage(code, params as ErrorParams<typeof code>))
    const row = ERROR_TABLE[code]
    this.name = 'DropgateError'
    this.code = code
    this.status = row.status
    this.headers = { ...('headers' in row ? row.headers : {}), ...headers }
  }
}

/**
 * The error of a table row. `headers` are added to the row's own (a `Retry-After` that says how long);
 * a code whose message names parameters needs them.
 */
export function fail<C extends PlainErrorCode>(
  code: C,
  params?: ErrorParams<C>,
  headers?: Record<string, string>,
): DropgateError
export function fail<C extends ErrorCode>(
  code: C,
  params: ErrorParams<C>,
  headers?: Record<string, string>,
): DropgateError
export function fail<C extends ErrorCode>(
  code: C,
  params: ErrorParams<C> = {} as ErrorParams<C>,
  headers: Record<string, string> = {},
): DropgateError {
  return new DropgateError(code, params, headers)
}

/** A file the media rules refuse (@dropgate/core's checkImageSize / checkDuration), as its row's error. */
export function mediaRefused(refusal: MediaRefusal): DropgateError {
  return new DropgateError(refusal.code, refusal.params)
}

/** The errors raised in many places, by name (the storage drivers use these too). */
export const errors = {
  missingFields: () => fail('missing_fields'),
  typeNotAllowed: () => fail('type_not_allowed'),
  tooLarge: (capBytes: number) => fail('file_too_large', { cap: formatCap(capBytes) }),
  noFile: () => fail('no_file'),
  invalidJson: () => fail('invalid_json'),
  badContentType: () => fail('unsupported_media_type'),
  unauthorized: () => fail('unauthorized'),
  storageNotConfigured: () => fail('storage_not_configured'),
  storageUnavailable: () => fail('storage_unavailable'),
  fileNotFound: () => fail('file_not_found'),
  contentMismatch: () => fail('content_mismatch'),
  notFound: () => fail('not_found'),
  invalidTicket: () => fail('invalid_ticket'),
  /** A ticket sealed by a random per-process secret that is gone: the server restarted, or is another. */
  ticketFromOtherServer: () => fail('ticket_from_other_server'),
  internal: () => fail('internal'),
  /** The client sent nothing of its body for `idleMs`; the row adds Connection: close. */
  bodyIdle: (idleMs: number) => fail('body_idle', { seconds: Math.round(idleMs / 1000) }),
  /** The client went away (connection closed or reset) before its body was complete; nobody reads this. */
  clientGone: () => fail('client_gone'),
  /** A staged upload was sent again while the server checked it: what was checked is not what is there. */
  uploadChanged: () => fail('upload_changed'),
  /** The embedded store's disk (or quota) is full. */
  storageFull: () => fail('storage_full'),
  /** Server shutting down: the upload was cut off so that nothing partial is left behind. */
  shuttingDown: () => fail('shutting_down'),
} as const
