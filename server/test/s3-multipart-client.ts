/**
 * What a browser does in an S3 multipart upload through Dropgate, step by step over real HTTP:
 * ask the signer, then talk S3 to the presigned URLs (the store's XML, ETags). Works unchanged
 * against the embedded store and against Swift's S3 API.
 */

export interface Api {
  base: string
  headers: Record<string, string>
}

export interface CreatedUpload {
  fileId: string
  publicUrl: string
  partSize: number
  partCount: number
  ticket: string
  /** The upload the server created in the store (docs/API.md §2.5). */
  uploadId: string
}

async function call<T>(
  api: Api,
  path: string,
  body: unknown,
): Promise<{ status: number; data: T; msg?: string }> {
  const res = await fetch(`${api.base}${path}`, {
    method: 'POST',
    headers: { ...api.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as { data: T; msg?: string }
  return { status: res.status, data: json.data, msg: json.msg }
}

export async function createUpload(
  api: Api,
  meta: { filename: string; contentType: string; fileSize: number },
) {
  const res = await call<CreatedUpload>(api, '/api/v1/uploads', meta)
  if (res.status !== 200) throw new Error(`create: ${res.status} ${res.msg}`)
  return res.data
}

export type Upload = Awaited<ReturnType<typeof createUpload>>

export async function signStep(
  api: Api,
  upload: Upload,
  step: 'parts' | 'list' | 'complete' | 'abort',
  partNumbers?: number[],
  partNumberMarker?: number,
) {
  return call<{ parts?: { partNumber: number; url: string }[]; url?: string; method?: string }>(
    api,
    `/api/v1/uploads/${upload.fileId}/sign`,
    { ticket: upload.ticket, uploadId: upload.uploadId, step, partNumbers, partNumberMarker },
  )
}

export function partBytes(file: Uint8Array, upload: Upload, partNumber: number): Uint8Array {
  return file.subarray(
    (partNumber - 1) * upload.partSize,
    Math.min(file.length, partNumber * upload.partSize),
  )
}

/** PUTs the given parts, `concurrency` at a time; returns each part's ETag. */
export async function putParts(
  api: Api,
  upload: Upload,
  file: Uint8Array,
  partNumbers: number[],
  concurrency = 1,
) {
  const signed = await signStep(api, upload, 'parts', partNumbers)
  if (signed.status !== 200 || !signed.data.parts)
    throw new Error(`sign parts: ${signed.status} ${signed.msg}`)
  const queue = [...signed.data.parts]
  const etags = new Map<number, string>()
  const worker = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const res = await fetch(part.url, {
        method: 'PUT',
        body: new Uint8Array(partBytes(file, upload, part.partNumber)),
      })
      const etag = res.headers.get('etag')
      if (res.status !== 200 || !etag)
        throw new Error(`part ${part.partNumber}: ${res.status} ${await res.text()}`)
      etags.set(part.partNumber, etag)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return etags
}

/** One page of ListParts: the parts after `partNumberMarker` (S3 answers 1,000 a page). */
export async function listParts(api: Api, upload: Upload, partNumberMarker?: number) {
  const signed = await signStep(api, upload, 'list', undefined, partNumberMarker)
  const res = await fetch(signed.data.url as string)
  const xml = await res.text()
  const parts = [...xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => ({
    partNumber: Number(/<PartNumber>(\d+)<\/PartNumber>/.exec(m[1] ?? '')?.[1]),
    etag:
      /<ETag>([^<]*)<\/ETag>/
        .exec(m[1] ?? '')?.[1]
        ?.replaceAll('&quot;', '"')
        .replaceAll('&#34;', '"') ?? '',
    size: Number(/<Size>(\d+)<\/Size>/.exec(m[1] ?? '')?.[1]),
  }))
  const truncated = /<IsTruncated>true<\/IsTruncated>/.test(xml)
  const next = Number(/<NextPartNumberMarker>(\d+)<\/NextPartNumberMarker>/.exec(xml)?.[1] ?? 0)
  return { status: res.status, parts, xml, truncated, next }
}

export async function completeUpload(
  api: Api,
  upload: Upload,
  parts: { partNumber: number; etag: string }[],
) {
  const signed = await signStep(api, upload, 'complete')
  const body = `<CompleteMultipartUpload>${parts
    .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${p.etag}</ETag></Part>`)
    .join('')}</CompleteMultipartUpload>`
  const res = await fetch(signed.data.url as string, {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body,
  })
  return { status: res.status, xml: await res.text() }
}

export async function abortUpload(api: Api, upload: Upload) {
  const signed = await signStep(api, upload, 'abort')
  return fetch(signed.data.url as string, { method: 'DELETE' })
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
