import { encodeKey } from '../encode-key.js'
import { type S3Client, S3RequestError } from './s3-client.js'
import { escapeXml, parseS3Error, xmlRoot, xmlText } from './s3-xml.js'

/**
 * The S3 multipart calls both ways of streaming an object make (`s3-multipart-put.ts` for parts,
 * `s3-guessed-put.ts` to correct a one-PUT object): create, complete, and the check of an answer S3
 * may give as a 200 with an error inside.
 */

/** S3 UploadPart: every part but the last is at least 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024

// S3 CompleteMultipartUpload: "processing ... could take several minutes" for many parts (S3 keeps
// the connection alive meanwhile): a longer deadline than other calls, still a bounded one.
const COMPLETE_TIMEOUT_MS = 30_000

/** S3 CreateMultipartUpload: the upload's id. `headers` are the object's (Content-Type, x-amz-meta-*). */
export async function createUpload(
  client: S3Client,
  key: string,
  headers: Record<string, string>,
): Promise<string> {
  const created = await client.send({ method: 'POST', key, query: { uploads: '' }, headers })
  const uploadId = xmlText(created.text(), 'UploadId')
  if (!uploadId)
    throw new Error(`S3 POST /${client.settings.bucket}/${key}?uploads: no UploadId in the answer`)
  return uploadId
}

/** S3 CompleteMultipartUpload, its answer checked: it can be a 200 with an error document. */
export async function completeUpload(
  client: S3Client,
  key: string,
  uploadId: string,
  etags: readonly string[],
): Promise<void> {
  const completed = await client.send({
    method: 'POST',
    key,
    query: { uploadId },
    headers: { 'content-type': 'application/xml' },
    body: completeDocument(etags),
    timeoutMs: COMPLETE_TIMEOUT_MS,
    maxBodyBytes: 64 * 1024,
  })
  checkAnswerRoot(
    completed.text(),
    'CompleteMultipartUploadResult',
    `POST /${client.settings.bucket}/${key}?uploadId`,
    'BadCompleteAnswer',
  )
}

/**
 * S3 UploadPartCopy: part `partNumber` of `key`'s upload is `source` (in its own bucket), or a byte
 * range of it, copied within the store; with `ifMatch`, only from that version. The part's ETag.
 */
export async function copyPart(
  client: S3Client,
  key: string,
  uploadId: string,
  partNumber: number,
  copy: { source: string; range?: string; ifMatch?: string; timeoutMs?: number },
): Promise<string> {
  const answer = await client.send({
    ...(copy.timeoutMs !== undefined && { timeoutMs: copy.timeoutMs }),
    method: 'PUT',
    key,
    query: { partNumber: String(partNumber), uploadId },
    headers: {
      'x-amz-copy-source': copySource(client, copy.source),
      ...(copy.range && { 'x-amz-copy-source-range': copy.range }),
      ...(copy.ifMatch && { 'x-amz-copy-source-if-match': copy.ifMatch }),
    },
    maxBodyBytes: 64 * 1024,
  })
  const text = answer.text()
  checkAnswerRoot(
    text,
    'CopyPartResult',
    `PUT /${client.bucketOf(key)}/${key}?partNumber=${partNumber} (copy)`,
    'BadCopyAnswer',
  )
  const etag = xmlText(text, 'ETag')
  if (!etag) throw new Error(`S3 UploadPartCopy ${partNumber} of ${key}: no ETag in the answer`)
  return etag
}

/** S3's x-amz-copy-source: `/<bucket>/<key>`, the key URL-encoded. */
export function copySource(client: S3Client, key: string): string {
  return `/${encodeURIComponent(client.bucketOf(key))}/${encodeKey(key)}`
}

/**
 * S3 answers some calls (CompleteMultipartUpload, UploadPartCopy) "200 OK with an error in the body":
 * anything but the expected document is a store error (503 to the client), like a 5xx.
 */
export function checkAnswerRoot(text: string, root: string, what: string, badAnswerCode: string): void {
  if (xmlRoot(text) === root) return
  const failure = parseS3Error(text)
  throw new S3RequestError(
    'store-error',
    what,
    `200 with ${failure ? `${failure.code}: ${failure.message}` : `no ${root}`}`,
    { status: 200, code: failure?.code ?? badAnswerCode },
  )
}

/** S3 CompleteMultipartUpload request body: every part's number and ETag, in order. */
function completeDocument(etags: readonly string[]): string {
  let parts = ''
  for (const [i, etag] of etags.entries())
    parts += `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXml(etag)}</ETag></Part>`
  return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts}</CompleteMultipartUpload>`
}
