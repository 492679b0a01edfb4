import { describe, expect, it } from 'vitest'
import { createApi, isApiError } from './api.js'
import { withBatching } from './batched-api.js'
import { nextTask } from './test-fixtures.js'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const success = (data: unknown) => ({ code: 200, msg: 'success', data })

const created = (name: string) => ({
  fileId: `id-${name}`,
  uploadUrl: `https://store.test/q/${name}?X-Amz-Signature=s`,
  publicUrl: `https://cdn.test/${name}`,
  headers: { 'Content-Type': 'image/png' },
})
const record = (id: string) => ({
  id,
  url: `https://cdn.test/${id}`,
  content_type: 'image/png',
  size_bytes: 3,
})

type Body = { files?: { filename: string }[]; fileIds?: string[]; fileId?: string; filename?: string }

/** The signer, as the batch routes answer (docs/API.md §2.2, §2.3); `answer` may override a request. */
function fakeSigner(answer?: (body: Body, n: number) => Response | undefined) {
  const bodies: Body[] = []
  const fetch = (async (_input: string | URL | Request, init: RequestInit = {}) => {
    const body = JSON.parse(String(init.body)) as Body
    bodies.push(body)
    const special = answer?.(body, bodies.length)
    if (special) return special
    if (body.files) return json(200, success({ files: body.files.map((f) => success(created(f.filename))) }))
    if (body.fileIds) return json(200, success({ files: body.fileIds.map((id) => success(record(id))) }))
    if (body.fileId) return json(200, success(record(body.fileId)))
    return json(200, success(created(body.filename as string)))
  }) as typeof globalThis.fetch
  const api = withBatching(
    createApi({ endpoint: 'https://up.test', credentials: { token: 't' }, fetch, delays: [0, 0] }),
    {
      delays: [0, 0],
    },
  )
  return { api, bodies }
}

const png = (name: string) => ({ filename: name, contentType: 'image/png', fileSize: 3 })

describe('withBatching', () => {
  it('asks for the URLs of files that ask together in one batch request, each file its own answer', async () => {
    const { api, bodies } = fakeSigner()
    const answers = await Promise.all(['a.png', 'b.png', 'c.png'].map((n) => api.createUpload(png(n))))
    expect(bodies).toEqual([{ files: ['a.png', 'b.png', 'c.png'].map(png) }])
    expect(answers.map((a) => a.fileId)).toEqual(['id-a.png', 'id-b.png', 'id-c.png'])
    expect(answers[1]).toMatchObject({
      uploadUrl: created('b.png').uploadUrl,
      headers: { 'Content-Type': 'image/png' },
    })
  })

  it('sends a lone file in the single form, as before', async () => {
    const { api, bodies } = fakeSigner()
    expect((await api.createUpload(png('a.png'))).fileId).toBe('id-a.png')
    expect((await api.completeUpload('id-a.png')).url).toBe('https://cdn.test/id-a.png')
    expect(bodies).toEqual([png('a.png'), { fileId: 'id-a.png' }])
  })

  it('sends 25 files as a batch of 20 and one of 5', async () => {
    const { api, bodies } = fakeSigner()
    const names = Array.from({ length: 25 }, (_, i) => `p${i}.png`)
    const answers = await Promise.all(names.map((n) => api.createUpload(png(n))))
    expect(bodies.map((b) => b.files?.length)).toEqual([20, 5])
    expect(answers.map((a) => a.fileId)).toEqual(names.map((n) => `id-${n}`))
  })

  it('fails a file refused inside a batch alone, with the server’s code and words', async () => {
    const { api } = fakeSigner((body) =>
      body.files
        ? json(
            200,
            success({
              files: body.files.map((f) =>
                f.filename === 'big.png'
                  ? { code: 403, msg: 'File exceeds the size this credential allows' }
                  : success(created(f.filename)),
              ),
            }),
          )
        : undefined,
    )
    const [a, big, c] = await Promise.all(
      ['a.png', 'big.png', 'c.png'].map((n) => api.createUpload(png(n)).catch((e: unknown) => e)),
    )
    expect(a).toMatchObject({ fileId: 'id-a.png' })
    expect(c).toMatchObject({ fileId: 'id-c.png' })
    expect(isApiError(big) && [big.code, big.msg]).toEqual([
      403,
      'File exceeds the size this credential allows',
    ])
  })

  it('retries a batch request that failed as a whole, then every file gets its answer', async () => {
    const { api, bodies } = fakeSigner((body, n) =>
      body.fileIds && n === 1
        ? json(503, { code: 503, msg: 'Storage is unavailable, try again shortly' })
        : undefined,
    )
    const records = await Promise.all(['x', 'y', 'z'].map((id) => api.completeUpload(id)))
    expect(records.map((r) => r.id)).toEqual(['x', 'y', 'z'])
    // The same batch, sent again: not one request per file.
    expect(bodies).toEqual([{ fileIds: ['x', 'y', 'z'] }, { fileIds: ['x', 'y', 'z'] }])
  })

  it('fails each file of a batch request that keeps failing, after the same retries as one request', async () => {
    let calls = 0
    const fetch = (async () => {
      calls++
      throw new TypeError('Failed to fetch')
    }) as typeof globalThis.fetch
    const api = withBatching(
      createApi({ endpoint: 'https://up.test', credentials: { token: 't' }, fetch, delays: [0, 0] }),
      {
        delays: [0, 0],
      },
    )
    const failures = await Promise.all(
      ['x', 'y'].map((id) => api.completeUpload(id).catch((e: unknown) => e)),
    )
    expect(failures.map((e) => isApiError(e) && e.code)).toEqual([0, 0])
    // One first try and two retries of the one batch request; the files do not retry it again each.
    expect(calls).toBe(3)
  })

  it('asks again for a file whose own entry is a transient failure, the others confirmed at once', async () => {
    const { api, bodies } = fakeSigner((body, n) =>
      body.fileIds && n === 1
        ? json(
            200,
            success({
              files: [
                success(record('x')),
                { code: 503, msg: 'Storage is unavailable, try again shortly' },
                success(record('z')),
              ],
            }),
          )
        : undefined,
    )
    const records = await Promise.all(['x', 'y', 'z'].map((id) => api.completeUpload(id)))
    expect(records.map((r) => r.id)).toEqual(['x', 'y', 'z'])
    expect(bodies).toEqual([{ fileIds: ['x', 'y', 'z'] }, { fileId: 'y' }])
  })

  it('does not ask again for a file refused for good inside a batch', async () => {
    const { api, bodies } = fakeSigner((body) =>
      body.fileIds
        ? json(
            200,
            success({
              files: [
                success(record('x')),
                { code: 400, msg: 'File content does not match its declared type' },
              ],
            }),
          )
        : undefined,
    )
    const [x, y] = await Promise.all(['x', 'y'].map((id) => api.completeUpload(id).catch((e: unknown) => e)))
    expect(x).toMatchObject({ id: 'x' })
    expect(isApiError(y) && y.code).toBe(400)
    expect(bodies).toHaveLength(1)
  })

  it('confirms files whose bytes land while a confirmation is out together, in the next request', async () => {
    let release = () => {}
    const held = new Promise<void>((r) => {
      release = r
    })
    const bodies: Body[] = []
    const fetch = (async (_input: string | URL | Request, init: RequestInit = {}) => {
      const body = JSON.parse(String(init.body)) as Body
      bodies.push(body)
      if (bodies.length === 1) await held
      if (body.fileIds) return json(200, success({ files: body.fileIds.map((id) => success(record(id))) }))
      return json(200, success(record(body.fileId as string)))
    }) as typeof globalThis.fetch
    const api = withBatching(createApi({ endpoint: 'https://up.test', credentials: { token: 't' }, fetch }))
    const first = api.completeUpload('a')
    await nextTask()
    const later = ['b', 'c', 'd'].map((id) => api.completeUpload(id))
    await nextTask()
    expect(bodies).toHaveLength(1)
    release()
    await Promise.all([first, ...later])
    expect(bodies).toEqual([{ fileId: 'a' }, { fileIds: ['b', 'c', 'd'] }])
  })
})
