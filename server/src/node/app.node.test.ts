import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auth, KEY, makeApp } from '../../test/harness.js'
import { freePort } from '../../test/server-process.js'
import { createLogger } from '../log.js'

/**
 * The app behind @hono/node-server, as `dropgate serve` runs it: what app.request cannot show, since
 * the hot path reads Node's own request and response there (node/body-stream.ts nodeIo: JSON bodies, Vary).
 */
describe('app over Node', () => {
  const lines: string[] = []
  let base = ''
  let teardown: () => Promise<void>
  const ORIGIN = 'https://shop.example'

  beforeAll(async () => {
    const port = await freePort()
    const t = await makeApp(
      { PORT: String(port), DROPGATE_ALLOWED_ORIGINS: ORIGIN },
      createLogger((line) => lines.push(line)),
    )
    const server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${port}`
    teardown = async () => {
      await new Promise((resolve) => server.close(resolve))
      await t.close()
    }
  })
  afterAll(() => teardown())

  const presign = (headers: Record<string, string> = {}, body: unknown = {}) =>
    fetch(`${base}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        filename: 'clip.mp4',
        contentType: 'video/mp4',
        fileSize: 1024,
        ...(body as object),
      }),
    })

  it('presigns from a JSON body, with Vary: Origin and a JSON answer of exact length', async () => {
    const res = await presign()
    expect(res.status).toBe(200)
    expect(res.headers.get('vary')).toBe('Origin')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const text = await res.text()
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text))
    const { data } = JSON.parse(text)
    expect(data).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'video/mp4' } })
    expect(data.uploadUrl).toContain('/store/uploads/')
  })

  it('keeps Vary: Origin on refusals, and answers them in the JSON error shape', async () => {
    const wrongKey = await presign({ authorization: 'Bearer nope' })
    expect(wrongKey.status).toBe(401)
    expect(wrongKey.headers.get('vary')).toBe('Origin')
    const badSize = await presign({}, { fileSize: -1 })
    expect(badSize.status).toBe(400)
    expect(await badSize.json()).toMatchObject({ code: 400 })
    const tooLarge = await fetch(`${base}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(70_000) }),
    })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.headers.get('vary')).toBe('Origin')
  })

  it('answers a request with an allowed Origin with CORS headers', async () => {
    const res = await presign({ origin: ORIGIN })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(res.headers.get('vary')).toContain('Origin')
  })

  it('logs one line a request, without the key', async () => {
    lines.length = 0
    await (await presign()).text()
    const logged = lines.map((line) => JSON.parse(line))
    expect(logged).toEqual([
      expect.objectContaining({ event: 'request', method: 'POST', path: '/api/v1/files', status: 200 }),
    ])
    expect(lines.join('')).not.toContain(KEY)
  })
})
