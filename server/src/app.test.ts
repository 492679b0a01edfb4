import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formRequest, jsonRequest, KEY, makeApp, putBytes } from '../test/harness.js'
import { png } from '../test/media.js'
import { createLogger } from './log.js'

let t: Awaited<ReturnType<typeof makeApp>>
const lines: string[] = []
beforeEach(async () => {
  lines.length = 0
  t = await makeApp(
    {},
    createLogger((line) => lines.push(line)),
  )
})
afterEach(() => t.close())

describe('app', () => {
  it('answers /healthz', async () => {
    const res = await t.app.request('/healthz')
    expect(await res.json()).toEqual({ code: 200, msg: 'success', data: { status: 'ok', storage: 'local' } })
  })

  it('publishes the policy in force without a key', async () => {
    const capped = await makeApp({ DROPGATE_MAX_IMAGE_BYTES: '12345' })
    try {
      const { data } = await (await capped.app.request('/api/v1/policy')).json()
      expect(data.types.image.maxBytes).toBe(12345)
      expect(data.types.video.maxBytes).toBe(100 * 1024 * 1024)
      expect(data.types.image.mimeTypes).toContain('image/png')
      expect(data.types.image.mimeTypes).not.toContain('image/svg+xml')
      expect(data.types.audio.extensions).toContain('mp3')
      expect(data).toMatchObject({ uploadUrlTtl: 600, fileTtl: 604800 })
    } finally {
      await capped.close()
    }
  })

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await t.app.request('/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ code: 404, msg: 'Not found' })
  })

  it('answers CORS preflights for allowed origins only, exposing ETag', async () => {
    const preflight = (origin: string, path: string) =>
      t.app.request(path, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      })
    const ok = await preflight('http://localhost:5173', '/store/uploads/x')
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(ok.headers.get('access-control-allow-methods')).toContain('PUT')
    const api = await preflight('http://localhost:5173', '/api/v1/files')
    expect(api.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    // Kept by the browser for 2 hours (Chromium's cap): the widget's mount-time preflights hold until a drop.
    for (const answer of [ok, api]) expect(answer.headers.get('access-control-max-age')).toBe('7200')
    const evil = await preflight('https://evil.example', '/api/v1/files')
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    // An OPTIONS request of the page's own (no Access-Control-Request-Method, as the widget sends
    // to clear its routes' preflights) is answered the same way, with nothing of the route run.
    const own = await t.app.request('/api/v1/files/complete', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173' },
    })
    expect(own.status).toBe(204)
    expect(own.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(await own.text()).toBe('')

    const res = await t.app.request('/api/v1/policy', { headers: { origin: 'http://localhost:5173' } })
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag')
  })

  it('never writes a key, a signature or a client filename into a log line', async () => {
    const created = await t.app.request(
      '/api/v1/files',
      jsonRequest({ filename: 'secret-name.png', contentType: 'image/png', fileSize: png().length }),
    )
    const { data } = await created.json()
    await putBytes(t.app, data, png())
    await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: png(), name: 'other-secret.png', type: 'image/png' }),
    )
    await t.app.request('/api/v1/files', jsonRequest({}, 'wrong-key-value'))
    const signature = new URL(data.uploadUrl).searchParams.get('X-Amz-Signature') as string
    expect(lines.length).toBeGreaterThanOrEqual(4)
    const all = lines.join('\n')
    for (const secret of [KEY, 'wrong-key-value', signature, 'secret-name', 'other-secret'])
      expect(all).not.toContain(secret)
  })
})
