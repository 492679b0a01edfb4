import { Buffer } from 'node:buffer'
import { createRandomPool } from './random-pool.js'

/**
 * File ids and object keys. An id names the object without a lookup table:
 * key = `uploads/<owner>/<fileId>`, fileId = `<ms since epoch, base36>-<144 random bits>.<ext>`.
 * The owner comes from the caller's credential, never from the request, so a caller holding another
 * owner's id still resolves to a key under its own prefix and finds nothing (404).
 */

const RANDOM_BYTES = 18 // 144 bits, ≥ the 128 the design asks for; 24 base64url characters, no padding
const FILE_ID = /^[0-9a-z]{1,11}-[A-Za-z0-9_-]{24}\.[a-z0-9]{1,5}$/
/** Owners: `key-<hex>`, `pk-<hex>`, or `key-<hex>.<subject>` for upload tokens minted with a subject. */
const OWNER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

const EXTENSION = /^[a-z0-9]{1,5}$/
/** 227 ids a refill (18 bytes each); one pool per process, as ids are made one at a time. */
const idRandomness = createRandomPool(4096)

export function newFileId(extension: string, now?: Date): string {
  if (!EXTENSION.test(extension)) throw new TypeError(`bad extension: ${extension}`)
  return `${timeStem(now === undefined ? Date.now() : now.getTime())}-${idRandomness.base64url(RANDOM_BYTES)}.${extension}`
}

// Number#toString(36) is V8's slow radix path (~0.5 µs); under load many ids share a millisecond.
let stemMs = Number.NaN
let stem = ''
function timeStem(ms: number): string {
  if (ms !== stemMs) {
    stemMs = ms
    stem = ms.toString(36)
  }
  return stem
}

/** An id from given parts; upload tokens derive the random part from their own id (token-slots.ts). */
export function fileIdFrom(time: Date, random: Uint8Array, extension: string): string {
  if (!EXTENSION.test(extension)) throw new TypeError(`bad extension: ${extension}`)
  if (random.length !== RANDOM_BYTES) throw new TypeError(`random part must be ${RANDOM_BYTES} bytes`)
  return `${time.getTime().toString(36)}-${Buffer.from(random).toString('base64url')}.${extension}`
}

export const FILE_ID_RANDOM_BYTES = RANDOM_BYTES

export function isFileId(value: string): boolean {
  return FILE_ID.test(value)
}

export function isOwner(value: string): boolean {
  return OWNER.test(value)
}

export function objectKey(owner: string, fileId: string): string {
  if (!isOwner(owner)) throw new TypeError(`bad owner: ${owner}`)
  if (!isFileId(fileId)) throw new TypeError(`bad file id: ${fileId}`)
  return `uploads/${owner}/${fileId}`
}

export function ownerPrefix(owner: string): string {
  if (!isOwner(owner)) throw new TypeError(`bad owner: ${owner}`)
  return `uploads/${owner}/`
}

/**
 * Where an upload through a presigned URL lands on a store that cannot check bytes as they arrive
 * (S3): `quarantine/<owner>/<fileId>`, out of the public prefix, until the server has checked it and
 * copied it to its `objectKey` (usecases/resolve-upload.ts). No upload URL ever points at `uploads/`.
 */
export const STAGING_PREFIX = 'quarantine/'

export function stagedKey(key: string): string {
  if (!key.startsWith('uploads/')) throw new TypeError(`not an object key: ${key}`)
  return STAGING_PREFIX + key.slice('uploads/'.length)
}

/** The inverse of `objectKey`, for keys read back from a store listing. */
export function parseObjectKey(key: string): { owner: string; fileId: string } | null {
  const parts = key.split('/')
  if (parts.length !== 3 || parts[0] !== 'uploads') return null
  const [, owner, fileId] = parts as [string, string, string]
  return isOwner(owner) && isFileId(fileId) ? { owner, fileId } : null
}

const PLAIN_NAME = /^[ -.0-[\]-~]*$/

/** The basename a person gave a file, safe to keep as metadata: no path, no control characters. */
export function cleanFilename(name: string): string {
  // Printable ASCII without '/' or '\\' (nearly every name) has no path and nothing to remove.
  if (PLAIN_NAME.test(name)) return name.trim().slice(0, 255)
  const base = name.split(/[\\/]/).pop() ?? ''
  // Control characters, and format characters (Unicode category Cf): the bidi overrides and isolates
  // (U+202A-U+202E, U+2066-U+2069) that make "gpj.exe" read as "exe.jpg", zero-width characters, BOMs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const printable = base.replace(/[\u0000-\u001f\u007f-\u009f]|\p{Cf}/gu, '').trim()
  return printable.slice(0, 255)
}
