import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jsonRequest, makeApp, putBytes } from '../../test/harness.js'
import { png } from '../../test/media.js'

// The embedded store's answers with no body still name a type: Firefox parses an untyped XHR body as
// XML and logs "XML Parsing Error: no root element found" for each empty one (docs/API.md §2.8).

const MiB = 1024 * 1024
const TEXT = 'text/plain; charset=utf-8'

let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  t = await makeApp({ DROPGATE_PART_SIZE_MB: '5' })
})
afterEach(() => t.close())

async function expectEmptyTyped(res: Response, status: number) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe(TEXT)
  expect(await res.text()).toBe('')
}

/** Starts a 6 MiB multipart upload, which the server creates in the store, as the widget does. */
async function openedUpload() {
  const res = await t.app.request(
    '/api/v1/uploads',
    jsonRequest({ filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 6 * MiB }),
  )
  const data = (await res.json()).data
  // The store has no CreateMultipartUpload of its own (§2.8): even a signed one is refused.
  const created = await t.app.request(
    (t.storage as NonNullable<typeof t.storage>).presignRequest({
      method: 'POST',
      key: data.key,
      query: { uploads: '' },
      expiresIn: 60,
    }),
    { method: 'POST' },
  )
  expect(created.status).toBe(400)
  expect(await created.text()).toContain('<Code>InvalidRequest</Code>')
  const uploadId = data.uploadId as string
  const sign = async (body: Record<string, unknown>) =>
    (
      await (
        await t.app.request(
          `/api/v1/uploads/${data.fileId}/sign`,
          jsonRequest({ ticket: data.ticket, uploadId, ...body }),
        )
      ).json()
    ).data
  return { uploadId, sign }
}

describe('the embedded store answers its empty bodies with a type', () => {
  it('PutObject: 200, ETag, text/plain and no body', async () => {
    const bytes = png(6, 6)
    const res = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 'a.png', contentType: 'image/png' }),
    )
    const data = (await res.json()).data
    const put = await putBytes(t.app, data, bytes)
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    await expectEmptyTyped(put, 200)
    expect(await t.stored()).toHaveLength(1)
  })

  it('UploadPart: 200, ETag, text/plain and no body', async () => {
    const { sign } = await openedUpload()
    const { parts } = await sign({ step: 'parts', partNumbers: [1] })
    const part = await t.app.request(parts[0].url, {
      method: 'PUT',
      headers: { ...parts[0].headers, 'content-length': String(5 * MiB) },
      body: new Uint8Array(5 * MiB),
    })
    expect(part.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    await expectEmptyTyped(part, 200)
  })

  it('AbortMultipartUpload: 204, text/plain and no body; the upload is gone', async () => {
    const { sign } = await openedUpload()
    const abort = await sign({ step: 'abort' })
    await expectEmptyTyped(await t.app.request(abort.url, { method: 'DELETE' }), 204)
    const again = await t.app.request(abort.url, { method: 'DELETE' })
    expect(again.status).toBe(404)
    expect(await again.text()).toContain('<Code>NoSuchUpload</Code>')
  })
})
