import { describe, expect, it } from 'vitest'
import { listAllParts, parsePartsPage } from './list-parts.js'
import { missingParts, storedBytes, storedParts } from './merge-parts.js'

const page = (numbers: number[], truncated: boolean, next?: number, size = 10) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>b</Bucket><Key>k</Key><UploadId>u</UploadId>${
    next === undefined ? '' : `<NextPartNumberMarker>${next}</NextPartNumberMarker>`
  }<MaxParts>1000</MaxParts><IsTruncated>${truncated}</IsTruncated>${numbers
    .map(
      (n) =>
        `<Part><PartNumber>${n}</PartNumber><LastModified>2026-12-02T00:00:00Z</LastModified><ETag>&quot;e${n}&quot;</ETag><Size>${size}</Size></Part>`,
    )
    .join('')}</ListPartsResult>`

/** A store of `count` parts answering 1,000 a page, as S3 does. */
const store = (count: number) => {
  const markers: (number | undefined)[] = []
  const fetchPage = async (marker: number | undefined) => {
    markers.push(marker)
    const from = (marker ?? 0) + 1
    const to = Math.min(count, from + 999)
    const numbers = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
    return page(numbers, to < count, numbers.at(-1))
  }
  return { markers, fetchPage }
}

describe('ListParts', () => {
  it('reads a page: numbers, unescaped ETags, sizes, where the next page starts', () => {
    expect(parsePartsPage(page([1, 2], true, 2))).toEqual({
      parts: [
        { partNumber: 1, etag: '"e1"', size: 10 },
        { partNumber: 2, etag: '"e2"', size: 10 },
      ],
      truncated: true,
      next: 2,
    })
  })

  it('refuses an answer that is not a part list (an S3 error document)', () => {
    expect(() => parsePartsPage('<Error><Code>NoSuchUpload</Code></Error>')).toThrow(/part list/)
  })

  it('pages past 1,000 parts, each page after the last one seen', async () => {
    const { markers, fetchPage } = store(2500)
    const parts = await listAllParts(fetchPage)
    expect(parts).toHaveLength(2500)
    expect(parts.at(-1)?.partNumber).toBe(2500)
    expect(markers).toEqual([undefined, 1000, 2000])
  })

  it('one page when the store holds 1,000 parts or fewer', async () => {
    const { markers, fetchPage } = store(1000)
    expect(await listAllParts(fetchPage)).toHaveLength(1000)
    expect(markers).toEqual([undefined])
  })

  it('stops rather than loop when a truncated page does not move on', async () => {
    await expect(listAllParts(async () => page([], true))).rejects.toThrow(/without moving on/)
    let calls = 0
    const stuck = async () => {
      calls += 1
      return page([5], true, 5)
    }
    await expect(listAllParts(stuck)).rejects.toThrow(/without moving on/)
    expect(calls).toBe(2)
  })
})

describe('stored parts against the plan', () => {
  const plan = { fileSize: 95, partSize: 10 } // parts 1-9 of 10 bytes, part 10 of 5

  it('keeps a part only at the length the plan gives it', () => {
    const listed = [
      { partNumber: 1, etag: '"a"', size: 10 },
      { partNumber: 2, etag: '"b"', size: 9 }, // cut short: sent again
      { partNumber: 10, etag: '"c"', size: 5 },
      { partNumber: 11, etag: '"d"', size: 10 }, // not in this plan
      { partNumber: 3, etag: '', size: 10 }, // no ETag to complete with
    ]
    const stored = storedParts(plan, listed)
    expect([...stored]).toEqual([
      [1, '"a"'],
      [10, '"c"'],
    ])
    expect(missingParts(plan, stored)).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
    expect(storedBytes(plan, stored)).toBe(15)
  })
})

describe('the list handed to @uppy/aws-s3', () => {
  it('is one unpaged ListPartsResult of the kept parts, in order, ETags unquoted', async () => {
    const { partsListXml } = await import('./parts-xml.js')
    const xml = partsListXml(
      new Map([
        [3, '"c&d"'],
        [1, '"a"'],
      ]),
    )
    const read = parsePartsPage(xml.replaceAll('</ETag>', '</ETag><Size>1</Size>'))
    expect(read.truncated).toBe(false)
    expect(read.parts.map((p) => [p.partNumber, p.etag])).toEqual([
      [1, 'a'],
      [3, 'c&d'],
    ])
  })
})
