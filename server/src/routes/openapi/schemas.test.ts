import { ERROR_TABLE, isErrorCode, NameAndType, SignStepRequest } from '@dropgate/core'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonRequest, makeApp } from '../../../test/harness.js'
import { type Doc, jsonSchemaValidator, operation, servedDoc } from '../../../test/openapi.js'
import { compatCodeOf } from '../compat/errors.js'
import { UPLOAD_IMAGES_OVERRIDES } from '../compat/upload-images.js'
import { isFileSize } from '../file-fields.js'
import { TokenRequest } from '../tokens.js'
import { FileSize } from './wire-schemas.js'

/**
 * The schemas and error answers of the document against their sources: the wire schemas of
 * @dropgate/core and the routes, the routes' own readers, and the error table.
 */

let t: Awaited<ReturnType<typeof makeApp>>
let doc: Doc
beforeAll(async () => {
  t = await makeApp()
  doc = await servedDoc(t.app)
})
afterAll(() => t.close())

const jsonBodyOf = (method: string, path: string) => {
  const schema = operation(doc, method, path).requestBody?.content['application/json']?.schema
  if (!schema) throw new Error(`${method} ${path} documents no JSON body`)
  return schema as {
    required?: string[]
    properties: Record<string, unknown>
    additionalProperties?: unknown
  }
}
/** The entries of a valibot object that a request must have. */
const requiredOf = (schema: { entries: Record<string, { type: string }> }) =>
  Object.entries(schema.entries)
    .filter(([, entry]) => entry.type !== 'optional')
    .map(([name]) => name)

describe('request bodies, from the wire schemas', () => {
  it('POST /api/v1/files (JSON mode) requires the fields of NameAndType, and takes fileSize; or a batch of files', () => {
    type Body = ReturnType<typeof jsonBodyOf>
    const [single, batch] = (jsonBodyOf('POST', '/api/v1/files') as unknown as { anyOf: Body[] }).anyOf
    const body = single as Body
    expect(body.required).toEqual(requiredOf(NameAndType))
    expect(Object.keys(body.properties)).toEqual([...Object.keys(NameAndType.entries), 'fileSize'])
    expect(batch?.required).toEqual(['files'])
  })

  it('POST /api/v1/uploads requires fileSize as well', () => {
    expect(jsonBodyOf('POST', '/api/v1/uploads').required).toEqual([...requiredOf(NameAndType), 'fileSize'])
  })

  it('POST /api/v1/uploads/{fileId}/sign is SignStepRequest', () => {
    const body = jsonBodyOf('POST', '/api/v1/uploads/{fileId}/sign')
    expect(body.required).toEqual(requiredOf(SignStepRequest))
    expect((body.properties.step as { enum: string[] }).enum).toEqual(['parts', 'list', 'complete', 'abort'])
  })

  it('POST /api/v1/tokens names every field of its reader and refuses any other', () => {
    const body = jsonBodyOf('POST', '/api/v1/tokens')
    expect(Object.keys(body.properties)).toEqual(Object.keys(TokenRequest.entries))
    expect(body.required ?? []).toEqual([])
    expect(body.additionalProperties).toBe(false)
  })

  it('fileSize is what isFileSize takes', () => {
    const samples = [1, 12345, Number.MAX_SAFE_INTEGER, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, '12', null]
    expect(samples.map((size) => v.is(FileSize, size))).toEqual(samples.map(isFileSize))
  })

  it.each([
    ['/v1/files/upload', { filename: 'a.png', content_type: 'image/png', size_bytes: 10 }, true],
    ['/v1/files/upload', { filename: ' ', content_type: 'image/png', size_bytes: 10 }, false],
    ['/v1/files/upload', { filename: 'a.png', content_type: 'image/png', size_bytes: 0 }, false],
    ['/v1/files/upload', { filename: 'a.png', content_type: 'image/png', size_bytes: 104857601 }, false],
    ['/v1/files/upload', { filename: 'a.png', content_type: 'image/png' }, false],
    ['/api/v1/files/upload-url', { filename: 'a.png', contentType: 'image/png', sizeBytes: 10 }, true],
    ['/api/v1/files/upload-url', { filename: 'a.png', content_type: 'image/png', size_bytes: 10 }, false],
    ['/api/v1/files', { filename: 'a.png', contentType: 'image/png', fileSize: null }, true],
    ['/api/v1/files', { filename: 'a.png', contentType: '\t' }, false],
    ['/api/v1/files', { filename: 'a.png', contentType: 'image/png', fileSize: 2.5 }, false],
  ])('POST %s %j: the route and the documented body agree (%s)', async (path, body, valid) => {
    const validate = jsonSchemaValidator().compile(jsonBodyOf('POST', path))
    expect(validate(body)).toBe(valid)
    expect((await t.app.request(path, jsonRequest(body))).status === 200).toBe(valid)
  })
})

/** Every error answer whose codes, statuses or envelopes disagree with the error table. */
function errorProblems(document: Doc): string[] {
  const problems: string[] = []
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, op] of Object.entries(item))
      for (const [status, answer] of Object.entries(op.responses)) {
        const where = `${method.toUpperCase()} ${path} ${status}`
        for (const code of answer['x-dropgate-errors'] ?? []) {
          if (!isErrorCode(code)) {
            problems.push(`${where}: ${code} is not in the error table`)
            continue
          }
          const override = path === '/v1/uploads/images' ? UPLOAD_IMAGES_OVERRIDES[code] : undefined
          const expected = override?.status ?? ERROR_TABLE[code].status
          if (String(expected) !== status) problems.push(`${where}: ${code} is answered ${expected}`)
          const json = answer.content?.['application/json'] as { examples?: object; schema: object }
          const compat = (
            json.schema as { properties?: { error?: { properties: { code: { enum: string[] } } } } }
          ).properties?.error?.properties.code.enum
          if (compat && !compat.includes(override?.code ?? compatCodeOf(code)))
            problems.push(`${where}: ${code} is not among its compatible codes ${compat.join(', ')}`)
          if (!compat && !(json.examples && code in json.examples))
            problems.push(`${where}: ${code} has no example`)
        }
      }
  return problems
}

describe('error answers, from the error table', () => {
  it('list codes of the table, each under its own status, in each API envelope', () => {
    expect(errorProblems(doc)).toEqual([])
  })

  it('every operation lists its errors, and the native examples are the table', () => {
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item))
        expect(
          Object.values(op.responses).some((answer) => answer['x-dropgate-errors']?.includes('internal')),
        ).toBe(true)
    const examples = doc.components.examples as Record<string, { value: unknown }>
    expect(Object.keys(examples).sort()).toEqual(Object.keys(ERROR_TABLE).sort())
    expect(examples.file_not_found?.value).toEqual({ code: 404, msg: 'File not found' })
  })

  it('notices a code that is not in the table, or under another status', () => {
    const wrong = structuredClone(doc)
    const answers = operation(wrong, 'POST', '/api/v1/tokens').responses
    answers['400']?.['x-dropgate-errors']?.push('token_gone_fishing', 'unauthorized')
    expect(errorProblems(wrong)).toEqual([
      'POST /api/v1/tokens 400: token_gone_fishing is not in the error table',
      'POST /api/v1/tokens 400: unauthorized is answered 401',
      'POST /api/v1/tokens 400: unauthorized has no example',
    ])
  })

  it('documents §3.3 over its cap as 413 FILE_TOO_LARGE, the one exception of §3.4', () => {
    const answers = operation(doc, 'POST', '/v1/uploads/images').responses
    expect(answers['413']?.['x-dropgate-errors']).toContain('file_too_large')
    expect(answers['400']?.['x-dropgate-errors']).not.toContain('file_too_large')
    expect(operation(doc, 'POST', '/v1/files/upload').responses['400']?.['x-dropgate-errors']).toContain(
      'file_too_large',
    )
  })
})
