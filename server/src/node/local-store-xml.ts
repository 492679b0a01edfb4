import type { Context } from 'hono'
import { escapeXml, xmlElements, xmlRoot, xmlText } from '../storage/s3/index.js'

/**
 * The embedded store's S3 answers, written as S3 writes them, so that clients of presigned URLs (the
 * browser's @uppy/aws-s3, curl scripts) need not know which store they talk to. Parsing and escaping
 * are the S3 driver's (storage/s3/s3-xml.ts, through its index).
 */

export { escapeXml }

export function xml(c: Context, status: 200 | 400 | 403 | 404 | 507, body: string) {
  c.header('Content-Type', 'application/xml')
  return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, status)
}

/**
 * An answer with no body (PutObject, UploadPart, AbortMultipartUpload). It still names a type: Firefox
 * parses an XHR's untyped body as XML and logs "XML Parsing Error: no root element found" for an empty
 * one, once per upload. S3 itself sends no body there either; clients read only the status and `ETag`.
 */
export function emptyAnswer(c: Context, status: 200 | 204) {
  c.header('Content-Type', 'text/plain; charset=utf-8')
  return c.body(null, status)
}

export function s3Error(c: Context, status: 400 | 403 | 404 | 507, code: string, message: string) {
  return xml(
    c,
    status,
    `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`,
  )
}

/** The parts of a CompleteMultipartUpload body, in the order given; null when it is not that document. */
export function parseCompleteParts(body: string): { partNumber: number; etag: string }[] | null {
  if (xmlRoot(body) !== 'CompleteMultipartUpload') return null
  const parts: { partNumber: number; etag: string }[] = []
  for (const part of xmlElements(body, 'Part')) {
    const number = xmlText(part, 'PartNumber')?.trim()
    const etag = xmlText(part, 'ETag')?.trim()
    if (!number || !/^\d+$/.test(number) || etag === undefined) return null
    parts.push({ partNumber: Number(number), etag })
  }
  return parts
}

/** S3 ListParts' page limit: `max-parts` defaults to, and is capped at, 1,000. */
export const LIST_PARTS_PAGE = 1000

export interface ListedPart {
  readonly partNumber: number
  readonly lastModified: Date
  readonly etag: string
  readonly size: number
}

/**
 * One page of ListParts as S3 answers it: the parts after `part-number-marker`, at most `max-parts`
 * (S3: 1,000 at most), with `IsTruncated` and `NextPartNumberMarker` saying where the next page starts.
 * A marker or limit that is not a whole number is read as S3 reads a missing one.
 */
export function listPartsXml(
  key: string,
  uploadId: string,
  parts: readonly ListedPart[],
  params: URLSearchParams,
): string {
  const whole = (name: string) => {
    const value = params.get(name)
    return value !== null && /^\d{1,5}$/.test(value) ? Number(value) : undefined
  }
  const marker = whole('part-number-marker') ?? 0
  const maxParts = Math.min(whole('max-parts') ?? LIST_PARTS_PAGE, LIST_PARTS_PAGE)
  const after = [...parts].sort((a, b) => a.partNumber - b.partNumber).filter((p) => p.partNumber > marker)
  const page = after.slice(0, maxParts)
  const truncated = after.length > page.length
  const next = page.at(-1)?.partNumber ?? marker
  const items = page
    .map(
      (part) =>
        `<Part><PartNumber>${part.partNumber}</PartNumber><LastModified>${part.lastModified.toISOString()}</LastModified><ETag>${escapeXml(part.etag)}</ETag><Size>${part.size}</Size></Part>`,
    )
    .join('')
  return `<ListPartsResult><Bucket>local</Bucket><Key>${escapeXml(key)}</Key><UploadId>${escapeXml(uploadId)}</UploadId><PartNumberMarker>${marker}</PartNumberMarker><NextPartNumberMarker>${next}</NextPartNumberMarker><MaxParts>${maxParts}</MaxParts><IsTruncated>${truncated}</IsTruncated>${items}</ListPartsResult>`
}
