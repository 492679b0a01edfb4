/**
 * The parts a resumed upload keeps, written as S3's ListPartsResult for @uppy/aws-s3's own resume
 * path to read: the checked parts of every page (list-parts.ts, merge-parts.ts) in one answer, since
 * it reads a single page. ETags go without S3's quotes, as @uppy/aws-s3 keeps those of parts it sent.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}
const escapeText = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

export function partsListXml(stored: ReadonlyMap<number, string>): string {
  const parts = [...stored]
    .sort(([a], [b]) => a - b)
    .map(
      ([n, etag]) =>
        `<Part><PartNumber>${n}</PartNumber><ETag>${escapeText(etag.replace(/^"+|"+$/g, ''))}</ETag></Part>`,
    )
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult><IsTruncated>false</IsTruncated>${parts}</ListPartsResult>`
}
