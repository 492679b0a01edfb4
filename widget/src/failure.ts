import { codeOfMessage, type ErrorCode } from '@dropgate/core'
import { isApiError } from './api.js'

/**
 * Why an upload failed, in the words a person can act on. `retryable` says whether pressing Retry
 * can ever help: a revoked key, a page address the key is not bound to, an expired token with no way
 * to fetch another, or a file the server's policy refuses stay refused however often it is sent.
 */
export type FailureCause =
  | 'network'
  | 'server'
  | 'busy'
  | 'storeRefused'
  | 'gone'
  | 'keyRefused'
  | 'origin'
  | 'tokenExpired'
  | 'tokenInvalid'
  | 'scope'
  | 'tooLarge'
  | 'type'
  | 'mismatch'
  | 'media'
  | 'other'

export interface Failure {
  readonly cause: FailureCause
  readonly retryable: boolean
  /** The server's (or the store's) HTTP status; 0 when no answer came. */
  readonly code: number
  /** The server's own words, for `error.other` and logs. */
  readonly raw: string
}

/** Where the upload was when it failed: sending bytes, or having the server confirm them. */
export type FailureStage = 'upload' | 'confirm'

const NOT_RETRYABLE: ReadonlySet<FailureCause> = new Set([
  'keyRefused',
  'origin',
  'tokenExpired',
  'tokenInvalid',
  'scope',
  'tooLarge',
  'type',
  'mismatch',
  'media',
])

/** What a store error thrown by `@uppy/aws-s3` carries (S3ServiceError, S3NetworkError); read by shape. */
interface StoreError {
  readonly status?: unknown
  readonly serviceCode?: unknown
  readonly code?: unknown
  /** S3ServiceError: the store's answer, an S3 error document. */
  readonly body?: unknown
}

const failure = (cause: FailureCause, code: number, raw: string): Failure => ({
  cause,
  retryable: !NOT_RETRYABLE.has(cause),
  code,
  raw,
})

/** What a person can do about each server code that means more than its status says. */
const CAUSE_OF_CODE: Partial<Record<ErrorCode, FailureCause>> = {
  token_expired: 'tokenExpired',
  invalid_token: 'tokenInvalid',
  unauthorized: 'keyRefused',
  origin_not_allowed: 'origin',
  file_too_large: 'tooLarge',
  body_too_large: 'tooLarge',
  content_mismatch: 'mismatch',
  type_not_allowed: 'type',
  image_type_not_allowed: 'type',
  scope_too_wide: 'type',
  // The server's media rules (a file the browser could not measure, or a server stricter than its
  // policy said): its message names the rule and the file's value.
  image_too_small: 'media',
  image_too_big: 'media',
  image_aspect: 'media',
  image_too_many_pixels: 'media',
  media_too_short: 'media',
  media_too_long: 'media',
  media_unreadable: 'media',
}

/**
 * Classifies an error from the signer (an `ApiError`: the wire's `code` and `msg`, docs/API.md §2.1) or from
 * the store (an S3 error answer, or no answer). The native wire names no machine code, so the signer's
 * is read back from its status and words with the error table both share (@dropgate/core); an answer
 * the table has no row for (another version, a proxy) is classified by its status alone.
 */
export function classifyFailure(error: unknown, stage: FailureStage): Failure {
  if (isApiError(error)) {
    const { code, msg } = error
    if (code === 0) return failure('network', 0, msg)
    const known = codeOfMessage(code, msg)
    const cause = known && CAUSE_OF_CODE[known]
    if (cause) return failure(cause, code, msg)
    if (code === 401) return failure('keyRefused', code, msg)
    if (code === 403) return failure('scope', code, msg)
    if (code === 404 && stage === 'confirm') return failure('gone', code, msg)
    if (code === 413) return failure('tooLarge', code, msg)
    if (code === 429) return failure('busy', code, msg)
    if (code >= 500 || code === 408) return failure('server', code, msg)
    return failure('other', code, msg)
  }
  const store = (typeof error === 'object' && error !== null ? error : {}) as StoreError
  const raw = error instanceof Error ? error.message : String(error)
  if (store.code === 'NETWORK') return failure('network', 0, raw)
  if (typeof store.status === 'number') {
    const status = store.status
    if (status === 0) return failure('network', 0, raw)
    if (status === 429) return failure('busy', status, raw)
    if (status >= 500) return failure('server', status, raw)
    if (store.serviceCode === 'EntityTooLarge') return failure('tooLarge', status, raw)
    // The embedded store checks type and media rules as it stores: its <Message> is the server's own.
    const said =
      typeof store.body === 'string' &&
      new DOMParser().parseFromString(store.body, 'text/xml').querySelector('Message')?.textContent
    const known = said && codeOfMessage(status, said)
    const cause = known && CAUSE_OF_CODE[known]
    if (said && cause) return failure(cause, status, said)
    // The store refused the URL it was given (expired, already used, or its upload gone): a fresh
    // one from the signer fixes that.
    return failure('storeRefused', status, raw)
  }
  return failure('other', 0, raw)
}

/** Whether a store error means the multipart upload itself is gone (aborted, swept, or never made). */
export const isUploadGone = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as StoreError).serviceCode === 'NoSuchUpload'
