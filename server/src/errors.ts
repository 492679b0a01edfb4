import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * The one error type of the signer. Its `status` and `msg` are the wire body
 * `{"code":status,"msg":msg}` (docs/API.md §2.1); `code` is a stable machine name for logs and adapters.
 */
export class DropgateError extends Error {
  readonly status: ContentfulStatusCode
  readonly code: string
  readonly headers: Record<string, string>

  constructor(code: string, status: ContentfulStatusCode, msg: string, headers: Record<string, string> = {}) {
    super(msg)
    this.name = 'DropgateError'
    this.code = code
    this.status = status
    this.headers = headers
  }
}

/** The error rows of docs/API.md §2.12, verbatim, so no route spells a message twice. */
export const errors = {
  missingFields: () => new DropgateError('missing_fields', 400, 'filename and contentType are required'),
  typeNotAllowed: () =>
    new DropgateError('type_not_allowed', 400, 'Only image/, video/, or audio/ content types are accepted'),
  tooLarge: (capBytes: number) =>
    new DropgateError('file_too_large', 400, `File too large (max ${formatCap(capBytes)})`),
  noFile: () => new DropgateError('no_file', 400, 'No file provided (expected form field "file")'),
  invalidJson: () => new DropgateError('invalid_json', 400, 'Invalid JSON body'),
  badContentType: () =>
    new DropgateError('unsupported_media_type', 400, 'Expected multipart/form-data or application/json'),
  unauthorized: () => new DropgateError('unauthorized', 401, 'Invalid or missing API key'),
  storageNotConfigured: () => new DropgateError('storage_not_configured', 500, 'Storage not configured'),
  storageUnavailable: () =>
    new DropgateError('storage_unavailable', 503, 'Storage is unavailable, try again shortly'),
  fileNotFound: () => new DropgateError('file_not_found', 404, 'File not found'),
  contentMismatch: () =>
    new DropgateError('content_mismatch', 400, 'File content does not match its declared type'),
  notFound: () => new DropgateError('not_found', 404, 'Not found'),
  invalidTicket: () =>
    new DropgateError('invalid_ticket', 403, 'This upload ticket is not valid for this caller and file'),
  /** A ticket sealed by a random per-process secret that is gone: the server restarted, or is another. */
  ticketFromOtherServer: () =>
    new DropgateError(
      'ticket_from_other_server',
      403,
      'This upload was started by a server that has restarted or uses another DROPGATE_TOKEN_SECRET; start the upload again',
    ),
  internal: () => new DropgateError('internal', 500, 'Internal server error'),
  /**
   * The client sent nothing of its body for `idleMs` while the server waited for it. Connection: close,
   * since the rest of that body will never be read.
   */
  bodyIdle: (idleMs: number) =>
    new DropgateError(
      'body_idle',
      408,
      `The request body stalled: nothing arrived for ${Math.round(idleMs / 1000)} s`,
      { Connection: 'close' },
    ),
  /** The client went away (connection closed or reset) before its body was complete; nobody reads this. */
  clientGone: () =>
    new DropgateError('client_gone', 400, 'The connection closed before the request body was complete'),
  /** A staged upload was sent again while the server checked it: what was checked is not what is there. */
  uploadChanged: () =>
    new DropgateError('upload_changed', 409, 'The upload changed while it was being checked; try again'),
  /** The embedded store's disk (or quota) is full. */
  storageFull: () => new DropgateError('storage_full', 507, "The server's storage is full, try again later"),
  /** Server shutting down: the upload was cut off so that nothing partial is left behind. */
  shuttingDown: () =>
    new DropgateError('shutting_down', 503, 'The server is restarting, try again shortly', {
      Connection: 'close',
      'Retry-After': '5',
    }),
} as const

/** docs/API.md §2.12 writes caps in MiB ("max 10MB"); a cap too small to read that way is given in bytes. */
function formatCap(bytes: number): string {
  const mib = bytes / (1024 * 1024)
  return mib >= 0.01 ? `${Number(mib.toFixed(2))}MB` : `${bytes} bytes`
}
