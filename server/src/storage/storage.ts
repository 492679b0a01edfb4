import type { PartialMediaRules } from '@dropgate/core'
import type { BodyLengthHint } from '../core/length-hint.js'
import type { LocalStorage } from './local/index.js'
import type { S3Storage } from './s3/index.js'

/**
 * The one interface every store implements. Routes talk only to this; drivers (local, s3) live
 * beside it. Keys are always produced by `keys.ts`, never taken from a client.
 */

export interface ObjectInfo {
  key: string
  size: number
  contentType: string
  lastModified: Date
  /** Lower-cased `x-amz-meta-*` names without the prefix, e.g. `{ filename: 'cat.png' }`. */
  metadata: Record<string, string>
  /** The version's entity tag, where the store has one (S3): pins reads and copies to what was checked. */
  etag?: string
}

export interface PresignPutInput {
  key: string
  contentType: string
  /** When known, bound into the signature so a body of another length is refused by the store. */
  contentLength?: number
  expiresIn: number
  metadata?: Record<string, string>
  /**
   * An upload token's tighter media rules, for a store that checks bytes as they arrive: the embedded
   * store signs them into the URL and applies them to the PUT. S3 checks nothing and ignores them (the
   * verified link carries them instead).
   */
  media?: PartialMediaRules
}

export interface PresignedRequest {
  method: 'PUT'
  url: string
  /** Headers the client must send with the PUT (at least Content-Type). */
  headers: Record<string, string>
}

/** Any request on one key, e.g. the steps of an S3 multipart upload (`?uploads`, `?partNumber&uploadId`). */
export interface PresignRequestInput {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD'
  key: string
  query?: Record<string, string>
  /** Headers bound into the signature (lower-case names), e.g. content-type, content-length. */
  headers?: Record<string, string>
  expiresIn: number
  /** As PresignPutInput's: for CompleteMultipartUpload, where the embedded store checks the object. */
  media?: PartialMediaRules
}

export type { BodyLengthHint }

export interface PutInput {
  contentType: string
  metadata?: Record<string, string>
  /** What the caller knows of the body's length ahead of it; lets a driver stream parts straight through. */
  lengthHint?: BodyLengthHint
}

/**
 * A store: one of the drivers, told apart by `kind`. A closed union, so that what only one driver has
 * (the embedded store's files and multipart subset, the S3 client) is reached by narrowing on `kind`,
 * never by a cast. Only the types are named here (erased at run time): no driver is loaded by them.
 */
export type Storage = LocalStorage | S3Storage

/** What every driver implements (`LocalStorage`, `S3Storage` add their own). */
export interface StorageOperations {
  readonly kind: 'local' | 's3'
  presignPut(input: PresignPutInput): Promise<PresignedRequest>
  /** Streams a body into the store without buffering it whole. Returns the stored size. */
  put(key: string, body: AsyncIterable<Uint8Array>, input: PutInput): Promise<{ size: number }>
  head(key: string): Promise<ObjectInfo | null>
  /**
   * Bytes [start, end] inclusive, fewer if the object is shorter; null if it does not exist. With
   * `ifMatch`, only from that version: another one fails with `uploadChanged()` (storage-errors.ts).
   */
  readRange(key: string, start: number, end: number, ifMatch?: string): Promise<Uint8Array | null>
  delete(key: string): Promise<void>
  list(prefix: string): AsyncIterable<ObjectInfo>
  publicUrl(key: string): string
  /** A presigned URL for any request on a key: the browser's S3 multipart steps go through these. */
  presignRequest(input: PresignRequestInput): string
  /**
   * Where bytes sent through upload URLs for `key` land: `key` itself on a store that checks them as
   * they arrive (the embedded store); else a key out of the public prefix (S3: `quarantine/...`,
   * core/keys.ts `stagedKey`), from which `promote` copies them once they passed the checks.
   */
  stagingKey(key: string): string
  /**
   * Starts an S3 multipart upload at `key` (a staging key) for bytes of `contentType`, and answers its
   * upload id. The server creates every multipart upload itself: a staging key gets no upload but the
   * one its ticket names, and the browser sends no CreateMultipartUpload (docs/API.md §2.5).
   */
  createMultipartUpload(key: string, contentType: string): Promise<string>
  /**
   * Copies the checked object at `staged` (the version `checked.etag`, `checked.size` bytes) to `key`
   * within the store (the bytes never pass through the server), then deletes `staged`. A version
   * that changed since it was checked is not copied (`uploadChanged()`). Where the store cannot
   * hold a copy to that version (Swift and a multipart upload's ETag) it answers `pinned: false` and
   * where it put a copy still out of public view, `staged` kept: the caller checks that copy, promotes
   * it, and then deletes `staged`.
   */
  promote(
    staged: string,
    key: string,
    checked: { etag: string; size: number },
  ): Promise<{ pinned: true } | { pinned: false; copy: string }>
}
