/**
 * ListParts read to the end. S3 answers at most 1,000 parts a page (`IsTruncated`,
 * `NextPartNumberMarker`); @uppy/aws-s3 reads the first page only, so a file of more parts would
 * send its later parts again. Each page's URL is signed with its marker (docs/API.md §2.5).
 */
export interface ListedPart {
  readonly partNumber: number
  readonly etag: string
  readonly size: number
}

export interface PartsPage {
  readonly parts: readonly ListedPart[]
  readonly truncated: boolean
  readonly next: number | undefined
}

// S3's ListPartsResult is flat and its text escaped; a regex reader keeps DOMParser (absent in workers
// and in Node's tests) out, and the answers are the store's own, not arbitrary XML.
const text = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1]
const unescapeXml = (value: string) =>
  value.replace(/&(quot|#34|amp|apos|#39|lt|gt);/g, (_, name: string) =>
    name === 'amp'
      ? '&'
      : name === 'lt'
        ? '<'
        : name === 'gt'
          ? '>'
          : name === 'apos' || name === '#39'
            ? "'"
            : '"',
  )

export function parsePartsPage(xml: string): PartsPage {
  if (!/<ListPartsResult[\s>]/.test(xml)) throw new Error('Dropgate: the store did not answer a part list')
  const parts: ListedPart[] = []
  for (const [, body = ''] of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const partNumber = Number(text(body, 'PartNumber'))
    const size = Number(text(body, 'Size'))
    const etag = text(body, 'ETag')
    if (Number.isInteger(partNumber) && Number.isInteger(size) && etag !== undefined)
      parts.push({ partNumber, etag: unescapeXml(etag), size })
  }
  const next = Number(text(xml, 'NextPartNumberMarker'))
  return {
    parts,
    truncated: text(xml, 'IsTruncated') === 'true',
    next: Number.isInteger(next) && next > 0 ? next : undefined,
  }
}

/** Every listed part, page by page; `page(marker)` fetches the page after `marker` (none: the first). */
export async function listAllParts(
  page: (marker: number | undefined) => Promise<string>,
): Promise<ListedPart[]> {
  const all: ListedPart[] = []
  let marker: number | undefined
  for (;;) {
    const { parts, truncated, next } = parsePartsPage(await page(marker))
    all.push(...parts)
    if (!truncated) return all
    // A truncated page must move the marker forward, else the store would be asked forever.
    const after = next ?? parts.at(-1)?.partNumber
    if (after === undefined || (marker !== undefined && after <= marker))
      throw new Error('Dropgate: the store paged its part list without moving on')
    marker = after
  }
}
