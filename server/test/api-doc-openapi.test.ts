import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compareSets, tableAfter } from './api-doc.js'
import { makeApp } from './harness.js'
import { operation, operationsOf, servedDoc } from './openapi.js'

/**
 * docs/API.md's route index against the OpenAPI document the server serves (GET /openapi.json, §2.9):
 * the same method and path pairs, and for each the same credentials, store and section. Beside
 * api-doc.test.ts, which holds the same index to the app's registered routes.
 */

const repo = fileURLToPath(new URL('../../', import.meta.url))
const doc = readFileSync(join(repo, 'docs/API.md'), 'utf8')
const routeRows = () => tableAfter(doc, 'Route index', ['method', 'path', 'auth', 'store', 'section'])

/** The route index's `auth` cell as the OpenAPI document's security schemes name it. */
function schemesOf(auth: string): string[] {
  const named: Record<string, string[]> = {
    public: [],
    'any credential': ['secretKey', 'uploadToken', 'publishableKey'],
    'secret key': ['secretKey'],
    'upload token': ['uploadToken'],
    'presigned URL': ['presignedUrl'],
  }
  return auth
    .replace(/\s*\(.*\)$/, '')
    .split(', ')
    .flatMap((name) => named[name] ?? [`unknown credential "${name}"`])
}

describe('docs/API.md route index, against GET /openapi.json', () => {
  it('lists exactly the operations of the document, with their credentials, store and section', async () => {
    const local = await makeApp()
    try {
      const served = await servedDoc(local.app)
      const rows = routeRows()
      expect(
        compareSets(
          'route',
          operationsOf(served),
          rows.map((row) => `${row.method} ${row.path}`),
        ),
      ).toEqual([])
      const disagreeing = rows.flatMap((row) => {
        const op = operation(served, row.method ?? '', row.path ?? '')
        const schemes = op.security.flatMap((requirement) => Object.keys(requirement))
        const facts = [
          [schemes.join(', '), schemesOf(row.auth ?? '').join(', ')],
          [op['x-dropgate-store'], row.store],
          [op['x-dropgate-section'], row.section],
        ]
        return facts
          .filter(([inDocument, inIndex]) => inDocument !== inIndex)
          .map(
            ([inDocument, inIndex]) => `${row.method} ${row.path}: document ${inDocument}, index ${inIndex}`,
          )
      })
      expect(disagreeing).toEqual([])
    } finally {
      await local.close()
    }
  })

  it('reads credentials as the document names them', () => {
    expect(schemesOf("any credential (the ticket's owner)")).toEqual([
      'secretKey',
      'uploadToken',
      'publishableKey',
    ])
    expect(schemesOf('secret key, upload token')).toEqual(['secretKey', 'uploadToken'])
    expect(schemesOf('public (the link is the capability)')).toEqual([])
    expect(schemesOf('a secret handshake')).toEqual(['unknown credential "a secret handshake"'])
  })
})
