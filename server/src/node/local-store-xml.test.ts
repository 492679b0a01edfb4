import { describe, expect, it } from 'vitest'
import { LIST_PARTS_PAGE, listPartsXml } from './local-store-xml.js'

const at = new Date('2026-12-02T12:00:00Z')
const parts = (count: number) =>
  // Stored out of order, as a directory listing may return them.
  Array.from({ length: count }, (_, i) => ({
    partNumber: count - i,
    lastModified: at,
    etag: `"e${count - i}"`,
    size: 5,
  }))
const numbers = (xml: string) =>
  [...xml.matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]))
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]

describe('the embedded store pages ListParts as S3 does', () => {
  it('answers 1,000 parts a page and says where the next page starts', () => {
    const stored = parts(2345)
    const seen: number[] = []
    let marker: string | undefined
    let pages = 0
    for (;;) {
      const xml = listPartsXml(
        'k',
        'u',
        stored,
        new URLSearchParams(marker ? { 'part-number-marker': marker } : {}),
      )
      pages++
      seen.push(...numbers(xml))
      expect(tag(xml, 'MaxParts')).toBe(String(LIST_PARTS_PAGE))
      if (tag(xml, 'IsTruncated') === 'false') break
      marker = tag(xml, 'NextPartNumberMarker')
    }
    expect(pages).toBe(3)
    expect(seen).toEqual(Array.from({ length: 2345 }, (_, i) => i + 1))
  })

  it('honours a smaller max-parts but never a larger one', () => {
    const small = listPartsXml(
      'k',
      'u',
      parts(10),
      new URLSearchParams({ 'max-parts': '3', 'part-number-marker': '4' }),
    )
    expect(numbers(small)).toEqual([5, 6, 7])
    expect([tag(small, 'IsTruncated'), tag(small, 'NextPartNumberMarker')]).toEqual(['true', '7'])
    const large = listPartsXml('k', 'u', parts(1500), new URLSearchParams({ 'max-parts': '5000' }))
    expect(numbers(large)).toHaveLength(1000)
  })

  it('an exact last page is not truncated; a marker past the end lists nothing', () => {
    const exact = listPartsXml('k', 'u', parts(1000), new URLSearchParams())
    expect([numbers(exact).length, tag(exact, 'IsTruncated')]).toEqual([1000, 'false'])
    const past = listPartsXml('k', 'u', parts(3), new URLSearchParams({ 'part-number-marker': '3' }))
    expect([numbers(past), tag(past, 'IsTruncated'), tag(past, 'NextPartNumberMarker')]).toEqual([
      [],
      'false',
      '3',
    ])
  })
})
