import type { Context } from 'hono'

/**
 * The few S3 XML documents the embedded store answers, written as S3 writes them, so that clients of
 * presigned URLs (the browser's @uppy/aws-s3, curl scripts) need not know which store they talk to.
 */

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function xml(c: Context, status: 200 | 400 | 403 | 404, body: string) {
  c.header('Content-Type', 'application/xml')
  return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, status)
}

export function s3Error(c: Context, status: 400 | 403 | 404, code: string, message: string) {
  return xml(
    c,
    status,
    `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`,
  )
}

/** The parts of a CompleteMultipartUpload body, in the order given; null when it is not that document. */
export function parseCompleteParts(body: string): { partNumber: number; etag: string }[] | null {
  if (!/<CompleteMultipartUpload[\s>]/.test(body)) return null
  const parts: { partNumber: number; etag: string }[] = []
  for (const match of body.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
    const inner = match[1] ?? ''
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(inner)?.[1]
    const etag = /<ETag>\s*([^<]*?)\s*<\/ETag>/.exec(inner)?.[1]
    if (!number || etag === undefined) return null
    parts.push({ partNumber: Number(number), etag: etag.replaceAll('&quot;', '"').replaceAll('&#34;', '"') })
  }
  return parts
}
