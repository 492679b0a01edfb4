import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routesOf } from '../../../test/api-doc.js'
import { makeApp } from '../../../test/harness.js'
import {
  compareRoutes,
  type Doc,
  jsonSchemaValidator,
  makeS3App,
  operation,
  operationsOf,
  resolved,
  schemasIn,
  servedDoc,
} from '../../../test/openapi.js'
import { openApiDocument } from './document.js'

/**
 * GET /openapi.json through app.request(), on both stores: a valid OpenAPI 3.1 document that lists
 * exactly the routes the app registers, so a route added without its entry in the route table fails
 * here (and one described but gone, too).
 */

let local: Awaited<ReturnType<typeof makeApp>>
let onLocal: Doc
let onS3: Doc
let s3App: Awaited<ReturnType<typeof makeS3App>>
beforeAll(async () => {
  local = await makeApp()
  onLocal = await servedDoc(local.app)
  s3App = await makeS3App()
  onS3 = await servedDoc(s3App)
})
afterAll(() => local.close())

describe('GET /openapi.json', () => {
  it.each([
    ['the embedded store', () => onLocal],
    ['S3', () => onS3],
  ])('validates as OpenAPI 3.1 on %s', async (_, doc) => {
    const validator = new Validator()
    const verdict = await validator.validate(doc())
    expect(verdict.errors).toBeUndefined()
    expect(verdict.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('is public JSON, open to every origin', async () => {
    const res = await local.app.request('/openapi.json', { headers: { origin: 'https://tools.example' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('notices what the validator is there to notice', async () => {
    const broken = structuredClone(onLocal) as Doc & { info?: unknown }
    delete broken.info
    ;(operation(broken, 'GET', '/healthz') as { responses?: unknown }).responses = 'ok'
    expect((await new Validator().validate(broken)).valid).toBe(false)
  })

  it('has schemas that compile as JSON Schema 2020-12, strictly', () => {
    const ajv = jsonSchemaValidator()
    const schemas = schemasIn(onLocal)
    expect(schemas.length).toBeGreaterThan(40)
    const failing = schemas.flatMap(({ where, schema }) => {
      try {
        ajv.compile(resolved(onLocal, schema) as object)
        return []
      } catch (error) {
        return [`${where}: ${(error as Error).message}`]
      }
    })
    expect(failing).toEqual([])
  })
})

describe('the routes of the document', () => {
  it('are exactly the routes of an app on the embedded store', () => {
    expect(compareRoutes(routesOf(local.app), operationsOf(onLocal))).toEqual([])
  })

  it("are exactly the routes of an app on S3, without the embedded store's", () => {
    expect(compareRoutes(routesOf(s3App), operationsOf(onS3))).toEqual([])
    expect(operationsOf(onS3).some((route) => route.includes('/store/'))).toBe(false)
    const localOnly = operationsOf(onLocal).filter((route) => !operationsOf(onS3).includes(route))
    expect(localOnly.sort()).toEqual(
      ['DELETE', 'GET', 'POST', 'PUT']
        .map((m) => `${m} /store/{key}`)
        .concat(['GET /files/{key}', 'HEAD /files/{key}'])
        .sort(),
    )
    for (const route of localOnly) {
      const [method = '', path = ''] = route.split(' ')
      expect(operation(onLocal, method, path)['x-dropgate-store']).toBe('local')
    }
  })

  it('notices a route the app has and the document does not, and the other way round', () => {
    const documented = operationsOf(openApiDocument({ basePath: '', embeddedStore: false }) as Doc)
    const routes = [...routesOf(s3App), 'POST /api/v1/files/batch']
    expect(compareRoutes(routes, [...documented, 'GET /api/v1/gone'])).toEqual([
      'route without an entry in the OpenAPI route table (src/routes/openapi): POST /api/v1/files/batch',
      'route documented but not in the app: GET /api/v1/gone',
    ])
  })

  it('are relative to DROPGATE_BASE_PATH, given as the server URL', async () => {
    const mounted = await makeApp({ DROPGATE_BASE_PATH: '/uploads' })
    try {
      const doc = await servedDoc(mounted.app, '/uploads')
      expect(doc.servers).toEqual([expect.objectContaining({ url: '/uploads' })])
      const appRoutes = routesOf(mounted.app).map((route) => route.replace(' /uploads/', ' /'))
      expect(compareRoutes(appRoutes, operationsOf(doc))).toEqual([])
      expect(onLocal.servers[0]?.url).toBe('/')
    } finally {
      await mounted.close()
    }
  })

  it('name each credential a route takes, as a Bearer scheme, and none for public ones', () => {
    const schemes = (method: string, path: string) =>
      operation(onLocal, method, path).security.flatMap((requirement) => Object.keys(requirement))
    expect(schemes('POST', '/api/v1/files')).toEqual(['secretKey', 'uploadToken', 'publishableKey'])
    expect(schemes('GET', '/api/v1/files/{fileId}')).toEqual(['secretKey', 'uploadToken'])
    expect(schemes('POST', '/api/v1/tokens')).toEqual(['secretKey'])
    expect(schemes('GET', '/api/v1/policy')).toEqual([])
    expect(schemes('PUT', '/store/{key}')).toEqual(['presignedUrl'])
    const bearer = onLocal.components.securitySchemes as Record<string, { type: string; scheme?: string }>
    for (const name of ['secretKey', 'uploadToken', 'publishableKey'])
      expect(bearer[name]).toMatchObject({ type: 'http', scheme: 'bearer' })
  })
})
