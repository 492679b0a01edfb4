/**
 * The few S3 XML documents the driver reads and writes, by hand. S3's answers are flat, generated,
 * namespace-free-in-practice documents (ListBucketResult, InitiateMultipartUploadResult, Error,
 * CORSConfiguration, LifecycleConfiguration): an element is found by name, its text is
 * entity-decoded. No DTDs, no CDATA, no comments are expected; a document that has them is read
 * as if they were text, never evaluated.
 */

import { escapeXml } from '../../core/xml-escape.js'

// The writing side, shared with the routes (core/xml-escape.ts); exported from here for the driver's users.
export { escapeXml }

/** The name of the document's root element (`Error`, `ListBucketResult`, ...), or null for non-XML. */
export function xmlRoot(xml: string): string | null {
  // Skip the declaration and any processing instructions or comments before the root.
  const match = /^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*(?::[\w.-]+)?)[\s/>]/.exec(
    xml,
  )
  return match ? localName(match[1] as string) : null
}

/** Raw inner XML of every `<name>` element, in document order, at any depth. `<name/>` gives ''. */
export function xmlElements(xml: string, name: string): string[] {
  const out: string[] = []
  // Names here are fixed S3 element names ([A-Za-z]+): safe inside a pattern.
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>)`,
    'g',
  )
  for (let m = pattern.exec(xml); m !== null; m = pattern.exec(xml)) out.push(m[1] ?? '')
  return out
}

/** Decoded text of the first `<name>` element, or undefined when there is none. */
export function xmlText(xml: string, name: string): string | undefined {
  const [first] = xmlElements(xml, name)
  return first === undefined ? undefined : decodeXmlText(first)
}

/** Decoded texts of every `<name>` element. */
export function xmlTexts(xml: string, name: string): string[] {
  return xmlElements(xml, name).map(decodeXmlText)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML 1.0 §4.6 predefined entities and §4.1 character references. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(Number.parseInt(ref.slice(2), 16), whole)
    if (ref.startsWith('#')) return safeCodePoint(Number.parseInt(ref.slice(1), 10), whole)
    return ENTITIES[ref] ?? whole
  })
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':')
  return colon < 0 ? qualified : qualified.slice(colon + 1)
}

/** S3's error document: `<Error><Code>…</Code><Message>…</Message></Error>`, when the body is one. */
export function parseS3Error(xml: string): { code: string; message: string } | null {
  if (xmlRoot(xml) !== 'Error') return null
  return { code: xmlText(xml, 'Code') ?? '', message: xmlText(xml, 'Message') ?? '' }
}

export interface ListedObject {
  key: string
  size: number
  lastModified: Date
}

export interface ListPage {
  objects: ListedObject[]
  /** Present when there are more keys: pass it back as `continuation-token`. */
  nextToken: string | undefined
}

/** ListObjectsV2's answer (ListBucketResult with Contents entries). */
export function parseListPage(xml: string): ListPage {
  if (xmlRoot(xml) !== 'ListBucketResult') throw new SyntaxError('expected a ListBucketResult document')
  const objects: ListedObject[] = []
  for (const entry of xmlElements(xml, 'Contents')) {
    const key = xmlText(entry, 'Key')
    const size = Number(xmlText(entry, 'Size'))
    const lastModified = new Date(xmlText(entry, 'LastModified') ?? '')
    if (key === undefined || !Number.isSafeInteger(size) || Number.isNaN(lastModified.getTime()))
      throw new SyntaxError('a listing entry lacks Key, Size or LastModified')
    objects.push({ key, size, lastModified })
  }
  const truncated = xmlText(xml, 'IsTruncated') === 'true'
  const token = xmlText(xml, 'NextContinuationToken')
  if (truncated && !token) throw new SyntaxError('a truncated listing without NextContinuationToken')
  return { objects, nextToken: truncated ? token : undefined }
}
