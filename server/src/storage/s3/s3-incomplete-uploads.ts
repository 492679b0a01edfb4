import { type S3Client, S3RequestError } from './s3-client.js'
import { xmlElements, xmlRoot, xmlText } from './s3-xml.js'

/**
 * Multipart uploads that were created and never completed or aborted (a client that vanished, a
 * server that crashed mid-upload). S3 keeps their parts, and bills them as storage, until they are
 * aborted: by a lifecycle rule (AbortIncompleteMultipartUpload), or by these calls on stores without
 * one (Swift, some MinIO setups). `dropgate storage sweep|check` use them; a server-side periodic
 * sweep could too.
 */

export interface IncompleteUpload {
  key: string
  uploadId: string
  /** When the store says CreateMultipartUpload ran (S3 `Initiated`). */
  initiated: Date
}

export interface UploadsPage {
  uploads: IncompleteUpload[]
  /** Present when the listing goes on: S3's NextKeyMarker and NextUploadIdMarker, to send back. */
  next: { keyMarker: string; uploadIdMarker: string } | undefined
}

/** S3 ListMultipartUploads: max-uploads is 1 to 1,000 (1,000 is also the default). */
export const MAX_UPLOADS_PER_PAGE = 1000

/** ListMultipartUploads' answer (ListMultipartUploadsResult with Upload entries). */
export function parseUploadsPage(xml: string): UploadsPage {
  if (xmlRoot(xml) !== 'ListMultipartUploadsResult')
    throw new SyntaxError('expected a ListMultipartUploadsResult document')
  const uploads: IncompleteUpload[] = []
  for (const entry of xmlElements(xml, 'Upload')) {
    const key = xmlText(entry, 'Key')
    const uploadId = xmlText(entry, 'UploadId')
    const initiated = new Date(xmlText(entry, 'Initiated') ?? '')
    if (!key || !uploadId || Number.isNaN(initiated.getTime()))
      throw new SyntaxError('a multipart upload entry lacks Key, UploadId or Initiated')
    uploads.push({ key, uploadId, initiated })
  }
  if (xmlText(xml, 'IsTruncated') !== 'true') return { uploads, next: undefined }
  // S3: "If the response is truncated, you can use NextKeyMarker and NextUploadIdMarker ... as
  // key-marker and upload-id-marker in a subsequent request." Both are needed: one key can have
  // several uploads, and a page may end between them.
  const keyMarker = xmlText(xml, 'NextKeyMarker')
  const uploadIdMarker = xmlText(xml, 'NextUploadIdMarker') ?? ''
  if (!keyMarker) throw new SyntaxError('a truncated multipart upload listing without NextKeyMarker')
  return { uploads, next: { keyMarker, uploadIdMarker } }
}

/**
 * Every incomplete multipart upload under `prefix`, page by page (S3 ListMultipartUploads, in key
 * order, then upload order within a key). Aborting what was listed while listing is safe: the next
 * page starts after the markers, a position in key order, not an offset that aborts would shift.
 */
export async function* listIncompleteUploads(
  client: S3Client,
  prefix: string,
  options: { pageSize?: number } = {},
): AsyncIterable<IncompleteUpload> {
  const pageSize = options.pageSize ?? MAX_UPLOADS_PER_PAGE
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_UPLOADS_PER_PAGE)
    throw new TypeError(`pageSize must be a whole number in 1..${MAX_UPLOADS_PER_PAGE}, got ${pageSize}`)
  let marker: UploadsPage['next']
  do {
    const query: Record<string, string> = { uploads: '', prefix, 'max-uploads': String(pageSize) }
    if (marker) {
      query['key-marker'] = marker.keyMarker
      // S3 ignores upload-id-marker without key-marker, and an empty one means "after the whole key".
      if (marker.uploadIdMarker !== '') query['upload-id-marker'] = marker.uploadIdMarker
    }
    // 1,000 entries of a few hundred bytes each (long keys and upload ids): well under 4 MiB.
    const answer = await client.send({ method: 'GET', query, maxBodyBytes: 4 * 1024 * 1024 })
    const page = parseUploadsPage(answer.text())
    yield* page.uploads
    const previous = marker
    marker = page.next
    if (
      marker &&
      previous?.keyMarker === marker.keyMarker &&
      previous.uploadIdMarker === marker.uploadIdMarker
    )
      throw new S3RequestError(
        'store-error',
        `GET /${client.settings.bucket}?uploads`,
        'the listing does not advance (the same NextKeyMarker and NextUploadIdMarker twice)',
        { code: 'ListingStuck' },
      )
  } while (marker)
}

/**
 * S3 AbortMultipartUpload: the upload's parts are freed. 'gone' when the store no longer knows the
 * upload (404 NoSuchUpload: completed or aborted meanwhile, by its client or another sweep), which is
 * what aborting was for. Anything else (NoSuchBucket, AccessDenied, an outage) is an S3RequestError.
 */
export async function abortIncompleteUpload(
  client: S3Client,
  upload: Pick<IncompleteUpload, 'key' | 'uploadId'>,
): Promise<'aborted' | 'gone'> {
  try {
    await client.send({ method: 'DELETE', key: upload.key, query: { uploadId: upload.uploadId } })
    return 'aborted'
  } catch (error) {
    if (error instanceof S3RequestError && error.status === 404 && error.code === 'NoSuchUpload')
      return 'gone'
    throw error
  }
}

/** True when the upload began more than `olderThanMs` before `now` (ms since the epoch). */
export function isOlderThan(upload: IncompleteUpload, olderThanMs: number, now: number): boolean {
  return now - upload.initiated.getTime() > olderThanMs
}
