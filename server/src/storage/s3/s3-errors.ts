import { parseS3Error } from './s3-xml.js'

/**
 * What a failed store call was, in words an operator can act on: the store did not answer
 * (`unreachable`), answered an outage (`store-error`), or refused the request (`refused`), with the
 * likely cause (a wrong S3_ENDPOINT, credentials, bucket) where the status or system error says it.
 */
export type S3FailureKind =
  /** Connection refused, reset, DNS failure: nothing answered. */
  | 'unreachable'
  /** Something accepted the connection, then did not answer in time. */
  | 'timeout'
  /** The store answered 5xx, 429 or an error document in a 200 (S3 does that on CompleteMultipartUpload). */
  | 'store-error'
  /** The store answered 4xx or 501: credentials, bucket name, permissions, or a request it does not support. */
  | 'refused'

/** A store call that failed. Its message names the method and path, never the query (no secrets there, but no noise either). */
export class S3RequestError extends Error {
  readonly kind: S3FailureKind
  readonly status: number | undefined
  /** S3's error code (`NoSuchBucket`, `SignatureDoesNotMatch`, ...) or a network code (`ECONNREFUSED`). */
  readonly code: string
  readonly detail: string

  constructor(
    kind: S3FailureKind,
    what: string,
    detail: string,
    options: { status?: number; code?: string; cause?: unknown } = {},
  ) {
    super(`S3 ${what}: ${detail}`, { cause: options.cause })
    this.name = 'S3RequestError'
    this.kind = kind
    this.status = options.status
    this.code = options.code ?? ''
    this.detail = detail
  }

  /** True when the store is down, slow or overloaded, rather than refusing what we asked. */
  get unavailable(): boolean {
    return this.kind !== 'refused'
  }
}

export function networkError(what: string, error: unknown): S3RequestError {
  const code = networkCode(error)
  const cause = (error as { cause?: { message?: string } }).cause
  const reason = NETWORK_REASONS[code] ?? cause?.message ?? (error as Error).message ?? String(error)
  return new S3RequestError('unreachable', what, reason, { code, cause: error })
}

/** undici wraps the system error: `TypeError('fetch failed', { cause })`, the cause sometimes an AggregateError. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause
  return cause?.code ?? cause?.errors?.[0]?.code ?? (error as { code?: string }).code ?? ''
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the store running, and is S3_ENDPOINT right?)',
  ECONNRESET: 'connection reset by the store',
  ENOTFOUND: 'host not found (check S3_ENDPOINT)',
  EAI_AGAIN: 'host name lookup failed (check S3_ENDPOINT and DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'the store closed the connection',
  UND_ERR_CLOSED: 'the store closed the connection',
  CERT_HAS_EXPIRED: "the store's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the store's TLS certificate is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the store's TLS certificate cannot be verified",
}

export function httpError(what: string, answer: { status: number; text(): string }): S3RequestError {
  const parsed = parseS3Error(answer.text())
  const code = parsed?.code || `HTTP${answer.status}`
  // HEAD answers carry no error document: say what the status usually means.
  const detail = parsed
    ? `${answer.status} ${parsed.code}${parsed.message ? `: ${parsed.message}` : ''}`
    : `${answer.status} ${STATUS_HINTS[answer.status] ?? 'without an error document'}`
  // 501 Not Implemented is the store's lasting answer to a request it does not support, not an outage.
  const kind =
    (answer.status >= 500 && answer.status !== 501) || answer.status === 429 ? 'store-error' : 'refused'
  return new S3RequestError(kind, what, detail, { status: answer.status, code })
}

const STATUS_HINTS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)',
  403: 'Forbidden (check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION and the bucket permissions)',
  404: 'Not Found (check S3_BUCKET and S3_ENDPOINT)',
  405: 'Method Not Allowed',
  501: 'Not Implemented',
  503: 'Service Unavailable',
}

/**
 * Whether a failed call may have been carried out all the same: no answer came back (a timeout, or a
 * connection that failed). A create that failed this way may have made an upload under an id nobody
 * learnt, so the caller looks for it by its key. `unreachable` also covers a connection refused, where
 * nothing was sent: looking costs one listing, missing an upload costs its parts until the sweep.
 */
export function answerMayBeLost(error: unknown): boolean {
  return error instanceof S3RequestError && (error.kind === 'timeout' || error.kind === 'unreachable')
}
