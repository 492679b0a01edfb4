import {
  type CreateMultipartAnswer,
  MAX_PARTS_PER_CALL,
  normalizeContentType,
  type PresignedStep,
  partCountFor,
  partLength,
  partSizeFor,
  readWire,
  type SignedParts,
  SignStepRequest,
} from '@dropgate/core'
import type { Context } from 'hono'
import { isFileId, objectKey } from '../core/keys.js'
import { issueTicket, readTicket, type TicketRefusal, type UploadTicket } from '../core/upload-ticket.js'
import { type DropgateError, errors, fail } from '../errors.js'
import type { AuthEnv } from '../http/auth.js'
import { type RouteDeps, storageOf } from '../usecases/deps.js'
import { reserveObject, uploadPublicUrl } from '../usecases/upload-core.js'
import { isFileSize, requireNameAndType } from './file-fields.js'
import { readJsonBody, success } from './json.js'

/**
 * Large files: the signer's half of an S3 multipart upload, for @uppy/aws-s3's signRequest mode.
 * The browser talks S3 to the store itself; these routes only sign each step.
 *
 * POST /api/v1/uploads {filename, contentType, fileSize}
 *   → {fileId, key, uploadId, publicUrl, partSize, partCount, ticket, expiresAt}
 *   The server creates the multipart upload itself (CreateMultipartUpload, the Content-Type fixed):
 *   no URL that could start another upload at the key is ever handed out (docs/API.md §2.5),
 *   and the browser saves a request. `ticket` seals the plan and the upload id.
 * POST /api/v1/uploads/{fileId}/sign {ticket, uploadId, step, partNumbers?}
 *   step 'parts' → {parts: [{partNumber, method:'PUT', url, headers}]}, each length bound (≤ 100 a call)
 *   step 'list' | 'complete' | 'abort' → {method, url, headers}: ListParts (the page after
 *   `partNumberMarker`, if given), CompleteMultipartUpload,
 *   AbortMultipartUpload (signed even when the ticket no longer verifies: see below). Then the usual
 *   POST /api/v1/files/{fileId}/complete verifies the object.
 * POST /api/v1/uploads/{fileId}/initiate?ticket=… → S3's InitiateMultipartUploadResult for the upload
 *   the server created, for S3 clients that send CreateMultipartUpload themselves (initiate-upload.ts).
 */

/** A multipart upload may take a while and be resumed: its ticket lives a day (S3 keeps parts longer). */
const TICKET_SECONDS = 86_400

export function createUploadHandler(deps: RouteDeps) {
  return async (c: Context<AuthEnv>) => {
    const body = await readJsonBody(c, deps.config.timeouts.bodyIdleMs)
    const { filename, contentType } = requireNameAndType(body)
    const { fileSize } = body
    if (!isFileSize(fileSize)) throw fail('multipart_size_required')
    const type = normalizeContentType(contentType)
    const caller = c.get('caller')
    const storage = storageOf(deps)
    const { fileId, key, admitted, release } = await reserveObject(deps, caller, {
      filename,
      type,
      size: fileSize,
    })
    // The browser's S3 requests all go to where unchecked bytes land (S3: quarantine), never to `key`.
    const uploadKey = storage.stagingKey(key)
    const partSize = partSizeFor(fileSize, deps.config.multipart)
    // A store that is down answers 503 (storage-errors.ts); the file's slot of a token goes back.
    const uploadId = await storage.createMultipartUpload(uploadKey, type).catch((error: unknown) => {
      release()
      throw error
    })
    const now = Math.floor(Date.now() / 1000)
    const ticket = issueTicket(deps.config.tokenSecret, {
      owner: caller.owner,
      fileId,
      contentType: type,
      fileSize,
      partSize,
      uploadId,
      exp: now + TICKET_SECONDS,
    })
    const expiresIn = deps.config.uploadUrlTtl
    return c.json(
      success({
        fileId,
        // Where the parts go (S3: the staging key in quarantine; the file's own key on the embedded store).
        key: uploadKey,
        uploadId,
        publicUrl: uploadPublicUrl(deps, caller.owner, fileId, admitted.cap, caller.scope.media),
        partSize,
        partCount: partCountFor(fileSize, partSize),
        ticket,
        expiresAt: new Date((now + expiresIn) * 1000).toISOString(),
      } satisfies CreateMultipartAnswer),
    )
  }
}

export function signUploadStepHandler(deps: RouteDeps) {
  return async (c: Context<AuthEnv>) => {
    const parsed = readWire(SignStepRequest, await readJsonBody(c, deps.config.timeouts.bodyIdleMs))
    if (!parsed.ok) throw fail('invalid_sign_request', { max: MAX_PARTS_PER_CALL })
    const { ticket: sealed, uploadId, step, partNumbers, partNumberMarker } = parsed.value
    const owner = c.get('caller').owner
    const fileId = c.req.param('fileId') ?? ''
    const storage = storageOf(deps)
    const expiresIn = deps.config.uploadUrlTtl
    // Abort needs no valid ticket, so that a ticket which stopped verifying (a per-process secret, and
    // the server restarted) does not strand the caller's parts in the store. It trusts nothing the
    // ticket says: the key is built from the caller's owner (its credential) and the file id, so the
    // URL can only abort an upload under the caller's own prefix, the one whose store-issued uploadId
    // it names (a publishable key's visitors share a prefix; the 144 random bits of a file id and the
    // uploadId, known only to the page that started it, keep them apart), and never delete a finished
    // file: AbortMultipartUpload touches unfinished uploads only.
    if (step === 'abort') {
      if (!isFileId(fileId)) throw errors.fileNotFound()
      const key = storage.stagingKey(objectKey(owner, fileId))
      const url = storage.presignRequest({ method: 'DELETE', key, query: { uploadId }, expiresIn })
      return c.json(success({ method: 'DELETE', url, headers: {} } satisfies PresignedStep))
    }
    const ticket = callersTicket(deps, sealed, owner, fileId)
    // Only for the upload the server created (no other can exist at the key: see the create route).
    if (ticket.uploadId !== uploadId) throw errors.invalidTicket()
    const key = storage.stagingKey(objectKey(ticket.owner, ticket.fileId))
    if (step === 'parts') {
      if (!partNumbers) throw fail('part_numbers_required')
      const parts = partNumbers.map((partNumber): PresignedStep => {
        const length = partLength(ticket.fileSize, ticket.partSize, partNumber)
        if (length === null)
          throw fail('invalid_part', { count: partCountFor(ticket.fileSize, ticket.partSize) })
        const url = storage.presignRequest({
          method: 'PUT',
          key,
          query: { partNumber: String(partNumber), uploadId },
          headers: { 'content-length': String(length) },
          expiresIn,
        })
        return { partNumber, method: 'PUT', url, headers: {} }
      })
      return c.json(success({ parts } satisfies SignedParts))
    }
    const method = ({ list: 'GET', complete: 'POST' } as const)[step]
    const tokenMedia = c.get('caller').scope.media
    const media = step === 'complete' && tokenMedia ? { media: tokenMedia } : {}
    // ListParts answers 1,000 parts a page: the next page's marker is part of the signed request.
    const page: Record<string, string> =
      step === 'list' && partNumberMarker ? { 'part-number-marker': String(partNumberMarker) } : {}
    return c.json(
      success({
        method,
        // The token's media rules, for a store that checks the assembled object (the embedded one).
        url: storage.presignRequest({ method, key, query: { ...page, uploadId }, expiresIn, ...media }),
        headers: {},
      } satisfies PresignedStep),
    )
  }
}

/**
 * The ticket, verified, when it was issued to this caller (its owner) for this file: only the caller
 * an upload was created for may act on it, and only on that file.
 */
export function callersTicket(deps: RouteDeps, sealed: string, owner: string, fileId: string): UploadTicket {
  const ticket = fileTicket(deps, sealed, fileId)
  if (ticket.owner !== owner) throw errors.invalidTicket()
  return ticket
}

/** The ticket, verified (sealed by this server's secret, unexpired), when it is this file's. */
export function fileTicket(deps: RouteDeps, sealed: string, fileId: string): UploadTicket {
  const verdict = readTicket(deps.config.tokenSecret, sealed)
  if (!verdict.ok) throw refusedTicket(verdict.reason, deps.config.ephemeralTokenSecret)
  if (verdict.ticket.fileId !== fileId) throw errors.invalidTicket()
  return verdict.ticket
}

/**
 * A forged ticket and one sealed with another secret fail alike. When the secret is drawn per process,
 * the likely one is a ticket from before a restart (or from another instance), and the caller can act
 * on that: start again.
 */
function refusedTicket(reason: TicketRefusal, ephemeralSecret: boolean): DropgateError {
  return reason === 'bad-signature' && ephemeralSecret
    ? errors.ticketFromOtherServer()
    : errors.invalidTicket()
}
