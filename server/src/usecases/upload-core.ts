import {
  contentMatchesType,
  extensionFor,
  normalizeContentType,
  type PartialMediaRules,
  SNIFF_BYTES,
  typeFromBytes,
  typeFromFilename,
} from '@dropgate/core'
import { cleanFilename, objectKey } from '../core/keys.js'
import { measuredAs } from '../core/media-probe.js'
import { linkPath } from '../core/verified-link.js'
import { errors } from '../errors.js'
import type { Caller } from '../http/auth.js'
import type { IncomingFile } from '../http/multipart-file.js'
import { limitBytes, peek } from '../http/streams.js'
import { retryLater } from '../storage/retry-later.js'
import type { PutInput } from '../storage/storage.js'
import { isStorageError } from '../storage/storage-errors.js'
import { type Admitted, admit } from './admit.js'
import { type RouteDeps, storageOf } from './deps.js'
import { allocateFileId } from './file-ids.js'
import { checkMediaBytes, checkStreamHead, headBytesFor, mediaRulesFor } from './media-check.js'
import { resolveUpload } from './resolve-upload.js'

/**
 * The two ways a file gets into storage, shared by the native API and the compatible adapters so
 * that every route applies the same policy, scope, ids and storage in the same order:
 * `admit` (server policy, then the credential's scope) → `allocateFileId` (random, or an upload
 * token's own slot) → the driver.
 */

export interface ReservedObject {
  fileId: string
  key: string
  /** The cleaned filename ('' when the client gave none). */
  name: string
  /** The byte cap that applies, and its error for a body found larger while it streams. */
  admitted: Admitted
  /** Gives an upload token's slot back, for an upload that failed and left nothing in the store. */
  release: () => void
}

/**
 * The first step of every upload: the policy and the credential's scope (`admit`), then the id
 * (random, or an upload token's slot, `allocateFileId`) and the key under the caller's owner.
 * An upload through URLs names the file (name, type, size) so that its retry gets its slot back;
 * one whose bytes come in this request (`inThisRequest`) holds a slot of its own.
 */
export async function reserveObject(
  deps: RouteDeps,
  caller: Caller,
  file: { filename: string; type: string; size: number | undefined; inThisRequest?: boolean },
): Promise<ReservedObject> {
  const admitted = admit(deps.config.caps, caller, file.type, file.size)
  const name = cleanFilename(file.filename)
  const identity = file.inThisRequest ? null : `${name}|${file.type}|${file.size}`
  const { fileId, release } = await allocateFileId(caller, extensionFor(name, file.type), identity, {
    storage: storageOf(deps),
    tokenSecret: deps.config.tokenSecret,
    reservations: deps.reservations,
  })
  return { fileId, key: objectKey(caller.owner, fileId), name, admitted, release }
}

export interface PresignedUpload {
  fileId: string
  uploadUrl: string
  /** The headers the PUT must send (at least Content-Type). */
  headers: Record<string, string>
  publicUrl: string
  /** When the upload URL stops working; never later than the signature's own expiry. */
  expiresAt: Date
}

/** A presigned PUT with Content-Type and, when known, Content-Length bound into the signature. */
export async function presignUpload(
  deps: RouteDeps,
  caller: Caller,
  request: { filename: string; contentType: string; size: number | undefined },
  expiresIn: number,
): Promise<PresignedUpload> {
  const type = normalizeContentType(request.contentType)
  const storage = storageOf(deps)
  const { fileId, key, name, admitted } = await reserveObject(deps, caller, {
    filename: request.filename,
    type,
    size: request.size,
  })
  // SigV4 dates have whole seconds and the signature is made after this instant, so the URL lives
  // at least until expiresAt: a client that trusts expiresAt never holds a dead URL.
  const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + expiresIn * 1000)
  const presigned = await storage.presignPut({
    key: storage.stagingKey(key),
    contentType: type,
    contentLength: request.size,
    expiresIn,
    metadata: name ? { filename: name } : {},
    ...(caller.scope.media && { media: caller.scope.media }),
  })
  return {
    fileId,
    uploadUrl: presigned.url,
    headers: presigned.headers,
    publicUrl: uploadPublicUrl(deps, caller.owner, fileId, admitted.cap, caller.scope.media),
    expiresAt,
  }
}

/**
 * The public URL to hand out for an upload made through upload URLs. On a store that checks bytes as
 * they arrive (embedded), the object's own URL. Elsewhere (S3) a verified link to this server: the
 * bytes land in quarantine, and the link checks them on first read (the cap of the policy and the
 * caller's scope travels in it, and `media`, an upload token's tighter media rules), promotes them and
 * redirects to the object's own URL, so no unchecked byte is ever served, with or without `complete`.
 */
export function uploadPublicUrl(
  deps: RouteDeps,
  owner: string,
  fileId: string,
  cap: number,
  media?: PartialMediaRules | null,
): string {
  const storage = storageOf(deps)
  const key = objectKey(owner, fileId)
  if (storage.stagingKey(key) === key) return storage.publicUrl(key)
  const exp = Math.floor(Date.now() / 1000) + deps.config.fileTtl
  const claim = { owner, fileId, cap, exp, ...(media && { media }) }
  return deps.config.linkBaseUrl + linkPath(deps.config.linkSecret, claim)
}

/**
 * Part types that declare nothing: none at all, the generic binary type, and `text/plain`, which is
 * what busboy reports for a part without a Content-Type (RFC 7578 §4.4's default), as Python's
 * requests sends a file. A part really declared as text is not media either, so judging it by its
 * bytes refuses it all the same.
 */
const UNDECLARED = new Set(['', 'application/octet-stream', 'text/plain'])

export interface TypeEvidence {
  /** The part's own type, normalized; '' when it declared nothing usable. */
  declared: string
  /** What the first bytes are, among the media this server takes. */
  detected: string | null
  /** The cleaned filename. */
  name: string
}

/** docs/API.md §2.2: the part's own type, unless it declares nothing; then its bytes, then its extension. */
export function declaredOrDetectedType({ declared, detected, name }: TypeEvidence): string | null {
  return declared !== '' ? declared : (detected ?? typeFromFilename(name))
}

export interface StoredFile {
  fileId: string
  key: string
  type: string
  size: number
  name: string
}

/**
 * Streams a multipart file part into storage. `decide` names the type to store from the evidence (or
 * throws to refuse the file); then the policy and the credential's scope apply, and the first bytes
 * must be media of that type, all before a byte is written: a disguised file never reaches the store.
 * The type's cap cuts the stream off as it passes it; any failure deletes the key.
 */
export async function storeStreamedFile(
  deps: RouteDeps,
  caller: Caller,
  file: IncomingFile,
  decide: (evidence: TypeEvidence) => string,
): Promise<StoredFile> {
  const storage = storageOf(deps)
  const name = cleanFilename(file.filename)
  const sniffed = await peek(file.stream, SNIFF_BYTES)
  const { head } = sniffed
  const declaredRaw = normalizeContentType(file.mimeType)
  const declared = UNDECLARED.has(declaredRaw) ? '' : declaredRaw
  const type = decide({ declared, detected: typeFromBytes(head), name })
  // The policy's and the scope's answers come before the content check, and a refused file takes no
  // token slot: so `admit` here, and the id only once the bytes passed.
  admit(deps.config.caps, caller, type)
  if (!contentMatchesType(head, type)) throw errors.contentMismatch()
  // The media rules from the first bytes (usecases/media-check.ts): refused before anything is
  // stored where they tell; else the stored object is checked below, and deleted if it fails.
  const rules = mediaRulesFor(deps.config.media, caller)
  const wanted = headBytesFor(rules, type)
  const media = wanted > head.length ? await peek(sniffed.body, wanted) : { ...sniffed }
  const body = media.body
  const length = file.lengthHint?.lengthIfLast?.() ?? null
  const verdict =
    wanted === 0
      ? 'passed'
      : await checkStreamHead(rules, type, name || 'The file', media.head, length, media.head.length < wanted)
  const { fileId, key, admitted, release } = await reserveObject(deps, caller, {
    filename: file.filename,
    type,
    size: undefined,
    inThisRequest: true,
  })
  const { cap, tooLarge } = admitted
  const shownName = name || 'The file'
  // A length read off a guessed size (an MP3 without a frame count) is measured again on the truth.
  const remeasure = (size: number) =>
    verdict === 'later' || (measuredAs(type) === 'duration' && length !== size)
  // What the head could not decide is checked before it is in public view, never at its key: the
  // embedded store checks its written file before linking it into place; elsewhere (S3) it is put at
  // the staging key, checked there and promoted as an upload through a URL is (resolve-upload.ts).
  // A clip measured from a head that was not the whole file may have used a guessed length: staged too.
  const headWasWhole = media.head.length < wanted
  const undecided = verdict === 'later' || (measuredAs(type) === 'duration' && !headWasWhole)
  const staged = wanted > 0 && undecided && storage.stagingKey(key) !== key ? storage.stagingKey(key) : null
  try {
    const input: PutInput = {
      contentType: type,
      metadata: name ? { filename: name } : {},
      ...(file.lengthHint && { lengthHint: file.lengthHint }),
    }
    const bytes = limitBytes(body, cap, tooLarge)
    let size: number
    if (storage.kind === 'local') {
      ;({ size } = await storage.put(key, bytes, {
        ...input,
        check: async (written) => {
          if (wanted > 0 && remeasure(written.size))
            await checkMediaBytes(written.readRange, written.size, rules, type, shownName)
        },
      }))
    } else if (staged) {
      ;({ size } = await storage.put(staged, bytes, input))
      const admitStored = (storedType: string, storedSize: number) =>
        admit(deps.config.caps, caller, storedType, storedSize)
      const info = await resolveUpload(storage, key, admitStored, { media: rules })
      if (!info) throw errors.fileNotFound()
    } else {
      ;({ size } = await storage.put(key, bytes, input))
    }
    return { fileId, key, type, size, name }
  } catch (error) {
    const unavailable = isStorageError(error, 'unavailable')
    // A store that is down would hold the answer for another deadline: the client hears of the outage
    // now, and the delete goes on behind it, again later while the store does not answer (a PUT
    // whose answer was lost may have stored the whole object). A token's slot is given back only once
    // the key is known empty: a delete still to come would remove the next upload to that slot.
    const removeAll = async () => {
      await Promise.all([storage.delete(key), staged && storage.delete(staged)])
    }
    const cleanup = removeAll().then(release, (failure) => {
      if (unavailable) retryLater({ operation: 'delete_failed_upload', key }, removeAll, deps.logger)
      else deps.logger.error('cleanup_failed', { key, error: `${failure}` })
    })
    if (!unavailable) await cleanup
    throw error
  }
}
