import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auth, formRequest, jsonRequest, makeApp, putBytes } from '../../../test/harness.js'
import { png } from '../../../test/media.js'
import { answerSchema, type Doc, jsonSchemaValidator, operation, servedDoc } from '../../../test/openapi.js'

/**
 * The document against the routes themselves, through app.request() on a real embedded store: what
 * each route answers validates against the schema documented for that status, and every status it
 * answers is one the document lists for it. A field added to, renamed in or dropped from an answer
 * without the route table following fails here.
 */

let t: Awaited<ReturnType<typeof makeApp>>
let doc: Doc
const ajv = jsonSchemaValidator()
beforeAll(async () => {
  t = await makeApp({ DROPGATE_PUBLISHABLE_KEYS: 'dg_pk_openapi_test|http://shop.example' })
  doc = await servedDoc(t.app)
})
afterAll(() => t.close())

/** Asserts `res` is documented for `method path` and matches its schema; returns its body. */
async function documented(method: string, path: string, res: Response): Promise<Record<string, unknown>> {
  const statuses = Object.keys(operation(doc, method, path).responses)
  expect(statuses, `${method} ${path} answered ${res.status}`).toContain(String(res.status))
  const body = await res.json()
  const validate = ajv.compile(answerSchema(doc, method, path, res.status))
  expect(validate(body) ? [] : validate.errors, `${method} ${path} ${res.status}`).toEqual([])
  return body
}

const pngBytes = png()
const pngRequest = { filename: 'cat.png', contentType: 'image/png', fileSize: pngBytes.length }

describe('native answers validate against the document', () => {
  it('GET /healthz and GET /api/v1/policy', async () => {
    await documented('GET', '/healthz', await t.app.request('/healthz'))
    await documented('GET', '/api/v1/policy', await t.app.request('/api/v1/policy'))
  })

  it('one upload: create (JSON mode), PUT, complete, get, delete', async () => {
    const created = await documented(
      'POST',
      '/api/v1/files',
      await t.app.request('/api/v1/files', jsonRequest(pngRequest)),
    )
    const data = created.data as { fileId: string; uploadUrl: string; headers: Record<string, string> }
    expect((await putBytes(t.app, data, pngBytes)).status).toBe(200)
    const byId = `/api/v1/files/${data.fileId}`
    const post = { method: 'POST', headers: auth() }
    await documented('POST', '/api/v1/files/{fileId}/complete', await t.app.request(`${byId}/complete`, post))
    await documented('GET', '/api/v1/files/{fileId}', await t.app.request(byId, { headers: auth() }))
    const del = { method: 'DELETE', headers: auth() }
    await documented('DELETE', '/api/v1/files/{fileId}', await t.app.request(byId, del))
    const gone = await documented('DELETE', '/api/v1/files/{fileId}', await t.app.request(byId, del))
    expect(gone).toEqual({ code: 404, msg: 'File not found' })
  })

  it('POST /api/v1/files in multipart mode', async () => {
    const form = formRequest({ bytes: pngBytes, name: 'cat.png', type: 'image/png' })
    const stored = await documented('POST', '/api/v1/files', await t.app.request('/api/v1/files', form))
    expect(Object.keys(stored.data as object).sort()).toEqual(['fileId', 'publicUrl'])
  })

  it('a large file: POST /api/v1/uploads, then each step of its sign route', async () => {
    const started = await documented(
      'POST',
      '/api/v1/uploads',
      await t.app.request('/api/v1/uploads', jsonRequest(pngRequest)),
    )
    const { fileId, ticket, uploadId } = started.data as { fileId: string; ticket: string; uploadId: string }
    for (const step of [{ step: 'parts', partNumbers: [1] }, { step: 'list' }, { step: 'abort' }]) {
      const body = { ticket, uploadId, ...step }
      const res = await t.app.request(`/api/v1/uploads/${fileId}/sign`, jsonRequest(body))
      expect(res.status, step.step).toBe(200)
      await documented('POST', '/api/v1/uploads/{fileId}/sign', res)
    }
    // The S3-shaped create answer for stock clients: XML where documented, errors in the native shape.
    const initiate = (query: string) =>
      t.app.request(`/api/v1/uploads/${fileId}/initiate${query}`, { method: 'POST' })
    const xml = await initiate(`?ticket=${encodeURIComponent(ticket)}`)
    const path = '/api/v1/uploads/{fileId}/initiate'
    expect(xml.status).toBe(200)
    expect(Object.keys(operation(doc, 'POST', path).responses['200']?.content ?? {})).toEqual([
      xml.headers.get('content-type'),
    ])
    expect(await documented('POST', path, await initiate(''))).toEqual({
      code: 403,
      msg: 'This upload ticket is not valid for this caller and file',
    })
  })

  it('POST /api/v1/tokens, and a token refused on it', async () => {
    const minted = await documented(
      'POST',
      '/api/v1/tokens',
      await t.app.request('/api/v1/tokens', jsonRequest({ types: ['image/*'], ttl: 60 })),
    )
    const { token } = minted.data as { token: string }
    const refused = await t.app.request('/api/v1/tokens', jsonRequest({}, token))
    expect(await documented('POST', '/api/v1/tokens', refused)).toEqual({
      code: 403,
      msg: 'This route needs a secret API key',
    })
  })

  it.each([
    ['no credential', '/api/v1/files', { method: 'POST' }],
    ['a bad JSON body', '/api/v1/files', jsonRequest('{"filename":')],
    [
      'another Content-Type',
      '/api/v1/files',
      { method: 'POST', headers: { ...auth(), 'content-type': 'text/plain' } },
    ],
    ['a type outside the policy', '/api/v1/files', jsonRequest({ ...pngRequest, contentType: 'text/html' })],
    ['a publishable key from elsewhere', '/api/v1/files', jsonRequest(pngRequest, 'dg_pk_openapi_test')],
  ])('POST %s: an error the document lists, in its envelope', async (_, path, init) => {
    const body = await documented('POST', '/api/v1/files', await t.app.request(path, init))
    expect(Object.keys(body).sort()).toEqual(['code', 'msg'])
  })
})

describe('compatible answers validate against the document', () => {
  it('§3.1 POST /v1/files/upload, and its error envelope', async () => {
    const ok = { filename: 'cat.png', content_type: 'image/png', size_bytes: pngBytes.length }
    await documented('POST', '/v1/files/upload', await t.app.request('/v1/files/upload', jsonRequest(ok)))
    const bad = await t.app.request('/v1/files/upload', jsonRequest({ filename: 'cat.png' }))
    const body = await documented('POST', '/v1/files/upload', bad)
    expect(body).toMatchObject({ error: { code: 'INPUT_VALIDATION_ERROR' } })
  })

  it('§3.2 POST /api/v1/files/upload-url, and its error envelope', async () => {
    const ok = { filename: 'cat.png', contentType: 'image/png', sizeBytes: pngBytes.length }
    const path = '/api/v1/files/upload-url'
    await documented('POST', path, await t.app.request(path, jsonRequest(ok)))
    const body = await documented('POST', path, await t.app.request(path, { method: 'POST' }))
    expect(body).toMatchObject({ success: false, error: { code: 'AUTHENTICATION_ERROR' } })
  })

  it('§3.3 POST /v1/uploads/images, and its 413', async () => {
    const path = '/v1/uploads/images'
    const form = formRequest({ bytes: pngBytes, name: 'cat.png', type: 'image/png' })
    await documented('POST', path, await t.app.request(path, form))
    const small = await makeApp({ DROPGATE_MAX_IMAGE_BYTES: '100' })
    try {
      const big = await small.app.request(path, formRequest({ bytes: png(64, 64), name: 'big.png' }))
      const body = await documented('POST', path, big)
      expect(body).toMatchObject({ error: { code: 'FILE_TOO_LARGE' } })
    } finally {
      await small.close()
    }
  })
})
