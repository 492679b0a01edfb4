import { serve } from '@hono/node-server'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp } from '../../../test/harness.js'
import { freePort } from '../../../test/server-process.js'

/**
 * GET /openapi.json from a real Node server (@hono/node-server, as `dropgate serve` runs the app):
 * the bytes a client downloads, with their length, validate as OpenAPI 3.1; HEAD answers none.
 */
describe('GET /openapi.json over Node', () => {
  let base = ''
  let teardown: () => Promise<void>
  beforeAll(async () => {
    const port = await freePort()
    const t = await makeApp({ PORT: String(port), DROPGATE_BASE_PATH: '/media' })
    const server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${port}/media`
    teardown = async () => {
      await new Promise((resolve) => server.close(resolve))
      await t.close()
    }
  })
  afterAll(() => teardown())

  it('serves a valid OpenAPI 3.1 document under the base path, the same bytes each time', async () => {
    const first = await fetch(`${base}/openapi.json`)
    expect(first.status).toBe(200)
    const text = await first.text()
    expect(Number(first.headers.get('content-length'))).toBe(Buffer.byteLength(text))
    const doc = JSON.parse(text)
    expect(await new Validator().validate(doc)).toEqual({ valid: true })
    expect(doc.servers[0].url).toBe('/media')
    expect(await (await fetch(`${base}/openapi.json`)).text()).toBe(text)
  })

  it('answers HEAD without a body', async () => {
    const head = await fetch(`${base}/openapi.json`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await head.text()).toBe('')
  })
})
