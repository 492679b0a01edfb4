import { describe, expect, it, vi } from 'vitest'
import { createApi, isApiError } from './api.js'

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const ok = (data: unknown) => json(200, { code: 200, msg: 'success', data })

function fakeFetch(...handlers: Handler[]) {
  const calls: { url: string; init: RequestInit; auth: string | null }[] = []
  const fn = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input)
    calls.push({ url, init, auth: new Headers(init.headers).get('Authorization') })
    const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)]
    if (!handler) throw new Error('no handler')
    return handler(url, init)
  })
  return { fetch: fn as unknown as typeof fetch, calls }
}

const created = {
  fileId: 'f_1',
  uploadUrl: 'https://store.test/b/k?X-Amz-Signature=abc',
  publicUrl: 'https://cdn.test/k.png',
  expiresAt: '2030-01-01T00:00:00.000Z',
  headers: { 'Content-Type': 'image/png', Host: 'store.test', 'Content-Length': '3' },
}

describe('createApi', () => {
  it('asks for an upload URL in JSON mode with the bearer token', async () => {
    const { fetch, calls } = fakeFetch(() => ok(created))
    const api = createApi({ endpoint: 'https://up.test', credentials: { token: 'tok' }, fetch })
    const answer = await api.createUpload({ filename: 'a.png', contentType: 'image/png', fileSize: 3 })
    expect(calls[0]?.url).toBe('https://up.test/api/v1/files')
    expect(calls[0]?.auth).toBe('Bearer tok')
    expect(calls[0]?.init.method).toBe('POST')
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      filename: 'a.png',
      contentType: 'image/png',
      fileSize: 3,
    })
    expect(new Headers(calls[0]?.init.headers).get('Content-Type')).toBe('application/json')
    // Host and Content-Length are dropped: a browser cannot send them.
    expect(answer).toEqual({
      fileId: 'f_1',
      uploadUrl: created.uploadUrl,
      publicUrl: created.publicUrl,
      headers: { 'Content-Type': 'image/png' },
      expiresAt: Date.parse(created.expiresAt),
    })
  })

  it('adds the Content-Type the URL is signed with when the server lists no headers', async () => {
    const { fetch } = fakeFetch(() => ok({ ...created, headers: undefined, expiresAt: undefined }))
    const api = createApi({ endpoint: 'https://up.test', credentials: { publishableKey: 'pk' }, fetch })
    const answer = await api.createUpload({ filename: 'a.mp3', contentType: 'audio/mpeg', fileSize: 3 })
    expect(answer.headers).toEqual({ 'Content-Type': 'audio/mpeg' })
    expect(answer.expiresAt).toBeUndefined()
  })

  it('reads the policy without credentials', async () => {
    const { fetch, calls } = fakeFetch(() =>
      ok({
        types: { image: { maxBytes: 5, mimeTypes: ['image/png'] } },
        multipart: { threshold: 9, basePartSize: 5, maxParts: 2 },
      }),
    )
    const api = createApi({ endpoint: 'https://up.test', credentials: { token: 'tok' }, fetch })
    expect(await api.getPolicy()).toEqual({
      types: { image: { maxBytes: 5, mimeTypes: ['image/png'] } },
      multipart: { threshold: 9, basePartSize: 5, maxParts: 2 },
    })
    expect(calls[0]?.url).toBe('https://up.test/api/v1/policy')
    expect(calls[0]?.auth).toBeNull()
  })

  it('confirms an upload at the complete route whose URL is the same for every file', async () => {
    const data = {
      id: 'f/1',
      url: 'https://cdn.test/k.png',
      filename: 'a.png',
      content_type: 'image/png',
      size_bytes: 3,
      created_at: '2030-01-01T00:00:00Z',
      expires_at: '2030-01-08T00:00:00Z',
    }
    const { fetch, calls } = fakeFetch(() => json(200, { code: 200, msg: 'success', success: true, data }))
    const api = createApi({ endpoint: 'https://up.test', credentials: { token: 'tok' }, fetch })
    expect(await api.completeUpload('f/1')).toEqual(data)
    expect(calls[0]?.url).toBe('https://up.test/api/v1/files/complete')
    expect(calls[0]?.init.method).toBe('POST')
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ fileId: 'f/1' })
  })

  it('turns an error answer into its code and msg, without retrying a 4xx', async () => {
    const { fetch, calls } = fakeFetch(() => json(400, { code: 400, msg: 'File too large (max 10MB)' }))
    const api = createApi({
      endpoint: 'https://up.test',
      credentials: { token: 'tok' },
      fetch,
      delays: [1, 1],
    })
    const error = await api
      .createUpload({ filename: 'a.png', contentType: 'image/png', fileSize: 3 })
      .catch((e) => e)
    expect(isApiError(error) && [error.code, error.msg]).toEqual([400, 'File too large (max 10MB)'])
    expect(calls).toHaveLength(1)
  })

  it('retries network failures and server errors, then succeeds', async () => {
    const { fetch, calls } = fakeFetch(
      () => {
        throw new TypeError('Failed to fetch')
      },
      () => new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }),
      () => ok(created),
    )
    const api = createApi({
      endpoint: 'https://up.test',
      credentials: { token: 'tok' },
      fetch,
      delays: [1, 1, 1],
    })
    expect(
      (await api.createUpload({ filename: 'a.png', contentType: 'image/png', fileSize: 3 })).fileId,
    ).toBe('f_1')
    expect(calls).toHaveLength(3)
  })

  it('reports code 0 when the server cannot be reached at all', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('Failed to fetch')
    })
    const api = createApi({ endpoint: 'https://up.test', credentials: { token: 'tok' }, fetch, delays: [] })
    const error = await api.completeUpload('f').catch((e) => e)
    expect(isApiError(error) && error.code).toBe(0)
  })

  it('fetches a token once, and a fresh one after a 401', async () => {
    let n = 0
    const getToken = vi.fn(async () => `t${++n}`)
    const { fetch, calls } = fakeFetch(
      () => ok(created),
      () => json(401, { code: 401, msg: 'Invalid or missing API key' }),
      () => ok(created),
    )
    const api = createApi({ endpoint: 'https://up.test', credentials: { getToken }, fetch, delays: [] })
    await api.createUpload({ filename: 'a.png', contentType: 'image/png', fileSize: 3 })
    await api.createUpload({ filename: 'b.png', contentType: 'image/png', fileSize: 3 })
    expect(calls.map((c) => c.auth)).toEqual(['Bearer t1', 'Bearer t1', 'Bearer t2'])
    expect(getToken).toHaveBeenCalledTimes(2)
  })

  it('refuses an answer that lacks what the contract promises', async () => {
    const { fetch } = fakeFetch(() => ok({ fileId: 'x' }))
    const api = createApi({ endpoint: 'https://up.test', credentials: { token: 'tok' }, fetch, delays: [] })
    await expect(
      api.createUpload({ filename: 'a.png', contentType: 'image/png', fileSize: 3 }),
    ).rejects.toThrow('without fileId, uploadUrl or publicUrl')
  })
})
