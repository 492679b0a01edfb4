import { describe, expect, it } from 'vitest'
import {
  decodeXmlText,
  escapeXml,
  parseListPage,
  parseS3Error,
  xmlElements,
  xmlRoot,
  xmlText,
} from './s3-xml.js'

const decl = "<?xml version='1.0' encoding='UTF-8'?>\n"

describe('s3 xml', () => {
  it('finds the root element past the declaration', () => {
    expect(xmlRoot(`${decl}<Error><Code>NoSuchKey</Code></Error>`)).toBe('Error')
    expect(
      xmlRoot(
        '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name></ListBucketResult>',
      ),
    ).toBe('ListBucketResult')
    expect(xmlRoot('<!-- hi --><CORSConfiguration/>')).toBe('CORSConfiguration')
    expect(xmlRoot('')).toBeNull()
    expect(xmlRoot('<html')).toBeNull()
    expect(xmlRoot('not xml')).toBeNull()
  })

  it('reads elements by exact name, empty ones included', () => {
    const xml = '<R><Key>a</Key><KeyCount>2</KeyCount><Key/><Key attr="1">b</Key></R>'
    expect(xmlElements(xml, 'Key')).toEqual(['a', '', 'b'])
    expect(xmlText(xml, 'KeyCount')).toBe('2')
    expect(xmlText(xml, 'Missing')).toBeUndefined()
  })

  it('decodes entities and character references, and escapes back', () => {
    expect(
      decodeXmlText('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#x65E5; &bogus; &#0;'),
    ).toBe('a & b <c> "d" \'e\' é 日 &bogus; &#0;')
    const text = `<a href="x">&'`
    expect(decodeXmlText(escapeXml(text))).toBe(text)
  })

  it('parses an S3 error document, and nothing else as one', () => {
    expect(
      parseS3Error(`${decl}<Error><Code>SignatureDoesNotMatch</Code><Message>a &amp; b</Message></Error>`),
    ).toEqual({
      code: 'SignatureDoesNotMatch',
      message: 'a & b',
    })
    expect(parseS3Error('<ListBucketResult/>')).toBeNull()
    expect(parseS3Error('')).toBeNull()
  })

  it('parses a ListObjectsV2 page', () => {
    const page = parseListPage(
      `${decl}<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>uploads/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>` +
        '<Contents><Key>uploads/a&amp;b.png</Key><LastModified>2025-01-02T03:04:05.000Z</LastModified><ETag>"x"</ETag><Size>12</Size></Contents>' +
        '<Contents><Key>uploads/c.png</Key><LastModified>2025-01-02T03:04:06.000Z</LastModified><Size>0</Size></Contents>' +
        '<NextContinuationToken>tok+/=</NextContinuationToken></ListBucketResult>',
    )
    expect(page).toEqual({
      objects: [
        { key: 'uploads/a&b.png', size: 12, lastModified: new Date('2025-01-02T03:04:05.000Z') },
        { key: 'uploads/c.png', size: 0, lastModified: new Date('2025-01-02T03:04:06.000Z') },
      ],
      nextToken: 'tok+/=',
    })
    expect(parseListPage('<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>')).toEqual({
      objects: [],
      nextToken: undefined,
    })
    expect(() => parseListPage('<Error/>')).toThrow(SyntaxError)
    expect(() =>
      parseListPage('<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>'),
    ).toThrow(/truncated/)
  })
})
