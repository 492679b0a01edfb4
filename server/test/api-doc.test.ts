import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CreateFileAnswer,
  CreateMultipartAnswer,
  ERROR_TABLE,
  isErrorCode,
  NameAndType,
  PolicyAnswer,
  SignStepRequest,
} from '@dropgate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { DropgateError } from '../src/errors.js'
import { silentLogger } from '../src/log.js'
import { toCompatError } from '../src/routes/compat/errors.js'
import { createStorage } from '../src/storage/create-storage.js'
import {
  compareErrors,
  compareSets,
  dropgateErrorsIn,
  envReads,
  type Row,
  routesOf,
  type ServerError,
  s3ErrorsIn,
  tableAfter,
} from './api-doc.js'
import { makeApp } from './harness.js'

/**
 * docs/API.md is the wire contract: its route index, error table and configuration table are checked
 * here against the server itself, so that neither can change without the other.
 */

const repo = fileURLToPath(new URL('../../', import.meta.url))
const doc = readFileSync(join(repo, 'docs/API.md'), 'utf8')

const ROUTE_COLUMNS = ['method', 'path', 'auth', 'store', 'section'] as const
const ERROR_COLUMNS = ['code', 'HTTP', 'message', 'compatible', 'when'] as const
const CONFIG_COLUMNS = ['variable', 'default', 'meaning'] as const

const routeRows = () => tableAfter(doc, 'Route index', ROUTE_COLUMNS)
const errorRows = () => tableAfter(doc, '2.12 Errors', ERROR_COLUMNS)
const configRows = () => tableAfter(doc, '1. Configuration', CONFIG_COLUMNS)
const documentedRoutes = (rows: Row[]) => rows.map((row) => `${row.method} ${row.path}`)

const S3_ENV = {
  DROPGATE_STORAGE: 's3',
  S3_ENDPOINT: 'http://127.0.0.1:9',
  S3_BUCKET: 'api-doc',
  S3_REGION: 'auto',
  S3_ACCESS_KEY_ID: 'id',
  S3_SECRET_ACCESS_KEY: 'secret',
  S3_QUARANTINE_BUCKET: 'api-doc-quarantine',
  DROPGATE_PUBLIC_BASE_URL: 'http://public.example',
}

/** Every row of the error table (@dropgate/core), its message as the template the doc must spell. */
function tableErrors(): ServerError[] {
  return Object.entries(ERROR_TABLE).map(([code, row]) => ({
    code,
    status: row.status,
    message: row.message,
    exact: true,
  }))
}

/** An error of `code` with sample parameters, for reading its compatible code; an unknown code fails. */
function compatProbe(code: string): DropgateError {
  if (!isErrorCode(code)) throw new Error(`not a code of the error table: ${code}`)
  const row = ERROR_TABLE[code]
  const params = Object.fromEntries(('params' in row ? row.params : []).map((name) => [name, 1]))
  return new DropgateError(code, params)
}

/** The errors still raised outside the table (none once every message comes from it). */
function errorsOutsideTable(): ServerError[] {
  return sourceFiles(['errors.ts']).flatMap(dropgateErrorsIn)
}

/** The text of every server source file but tests and the `except`ed (paths under server/src). */
function sourceFiles(except: string[] = []): string[] {
  const src = join(repo, 'server/src')
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !except.includes(file))
    .map((file) => readFileSync(join(src, file), 'utf8'))
}

describe('docs/API.md route index', () => {
  let local: Awaited<ReturnType<typeof makeApp>>
  beforeAll(async () => {
    local = await makeApp()
  })
  afterAll(() => local.close())

  it('lists exactly the routes of an app on the embedded store', () => {
    expect(compareSets('route', routesOf(local.app), documentedRoutes(routeRows()))).toEqual([])
  })

  it('lists exactly the routes of an app on S3, marking the others local', async () => {
    const config = loadConfig(S3_ENV)
    const app = createApp({
      config,
      storage: await createStorage(config, silentLogger),
      logger: silentLogger,
    })
    const onEveryStore = routeRows().filter((row) => row.store === 'any')
    expect(compareSets('route', routesOf(app), documentedRoutes(onEveryStore))).toEqual([])
    expect(new Set(routeRows().map((row) => row.store))).toEqual(new Set(['any', 'local']))
  })

  it('points every route at a section the doc has', () => {
    const missing = routeRows().filter((row) => !hasSection(row.section ?? ''))
    expect(missing.map((row) => `${row.method} ${row.path} → ${row.section}`)).toEqual([])
  })
})

describe('docs/API.md error table', () => {
  it('has a row for every error the server answers, and only those', () => {
    expect(compareErrors(errorRows(), [...tableErrors(), ...errorsOutsideTable()])).toEqual([])
  })

  it("names each error's code in the compatible APIs as they answer it", () => {
    const wrong = errorRows()
      .map((row) => ({ row, compat: toCompatError(compatProbe(row.code ?? '')).code }))
      .filter(({ row, compat }) => compat !== row.compatible)
      .map(({ row, compat }) => `${row.code}: documented ${row.compatible}, answered ${compat}`)
    expect(wrong).toEqual([])
  })

  it('notices a message that drifted, a row too many and an error not documented', () => {
    const rows = errorRows()
    const drifted = rows.map((row) =>
      row.code === 'file_not_found' ? { ...row, message: 'No such file' } : row,
    )
    expect(compareErrors(drifted, tableErrors())).toContain(
      'error not in docs/API.md: file_not_found 404 "File not found"',
    )
    const invented = [
      ...rows,
      { code: 'gone_fishing', HTTP: '418', message: 'Out', compatible: '', when: '' },
    ]
    expect(compareErrors(invented, tableErrors())).toContain(
      'error documented but not in the server: gone_fishing 418 "Out"',
    )
    const wrongStatus = rows.map((row) => (row.code === 'storage_full' ? { ...row, HTTP: '503' } : row))
    expect(compareErrors(wrongStatus, tableErrors()).length).toBeGreaterThan(0)
    // A placeholder stands for a value, not for any text: the words around it still count.
    const reworded = rows.map((row) =>
      row.code === 'file_too_large' ? { ...row, message: 'Too large (max {cap})' } : row,
    )
    expect(compareErrors(reworded, tableErrors()).length).toBeGreaterThan(0)
  })

  it('reads the messages of errors raised outside the table, templates included', () => {
    const source = `throw new DropgateError('too_many', 403, \`At most \${claims.maxFiles} files\`)
      const a = () => new DropgateError('plain', 400, 'Plain words')
      new DropgateError('computed', 400, problems.join('; '))`
    expect(dropgateErrorsIn(source)).toEqual([
      { code: 'too_many', status: 403, message: 'At most {} files', template: true },
      { code: 'plain', status: 400, message: 'Plain words', template: false },
      { code: 'computed', status: 400, message: null, template: false },
    ])
  })
})

/** The field names a doc table lists in its first column (`a`, or `a.b`, `a.c` in one cell). */
function documentedFields(heading: string, columns: readonly string[], nth: number): string[] {
  return tableAfter(doc, heading, columns, nth).flatMap(
    (row) => (row.field ?? '').match(/[A-Za-z][\w.]*/g) ?? [],
  )
}

/** The entries of a wire schema (@dropgate/core), `nested` ones by their dotted paths. */
function schemaFields(schema: { entries: Record<string, unknown> }, nested: string[] = []): string[] {
  return Object.entries(schema.entries).flatMap(([name, entry]) =>
    nested.includes(name)
      ? Object.keys((entry as { entries: object }).entries).map((key) => `${name}.${key}`)
      : [name],
  )
}

describe('docs/API.md field tables, against the wire schemas widget and server share', () => {
  const FIELD = ['field', ''] as const
  it.each([
    // fileSize is read on its own (its rules differ by route), beside the schema of the name fields.
    ['2.2 POST /api/v1/files', 0, ['field', 'type', ''], [...schemaFields(NameAndType), 'fileSize']],
    ['2.2 POST /api/v1/files', 1, FIELD, schemaFields(CreateFileAnswer)],
    ['2.5 Large files', 0, FIELD, schemaFields(CreateMultipartAnswer)],
    ['2.5 Large files', 1, FIELD, schemaFields(SignStepRequest)],
    ['2.6 GET /api/v1/policy', 0, FIELD, schemaFields(PolicyAnswer, ['types'])],
  ] as const)('§%s, table %i: the fields of its schema', (heading, nth, columns, fields) => {
    expect(compareSets('field', new Set(fields), documentedFields(heading, columns, nth))).toEqual([])
  })

  it('notices a field the schema has and the doc does not', () => {
    const documented = documentedFields('2.6 GET /api/v1/policy', FIELD, 0).filter(
      (name) => name !== 'fileTtl',
    )
    expect(compareSets('field', new Set(schemaFields(PolicyAnswer, ['types'])), documented)).toEqual([
      'field not in docs/API.md: fileTtl',
    ])
  })
})

describe("docs/API.md table of the embedded store's S3 errors", () => {
  it('has a row for every S3 error document the embedded store answers, and only those', () => {
    const rows = tableAfter(doc, '2.8 The embedded store', ['HTTP', 'S3 code', 'message', 'when'], 1)
    const asErrors = rows.map((row) => ({ ...row, code: row['S3 code'] ?? '' }))
    expect(compareErrors(asErrors, sourceFiles().flatMap(s3ErrorsIn))).toEqual([])
  })
})

describe('docs/API.md configuration table', () => {
  it('lists exactly the environment names loadConfig reads', () => {
    const reads = new Set([...envReads(loadConfig, {}), ...envReads(loadConfig, S3_ENV)])
    const documented = configRows().map((row) => row.variable ?? '')
    expect(compareSets('setting', reads, documented)).toEqual([])
  })

  it('notices a setting read but not documented', () => {
    const reads = envReads((env) => [env.PORT, env.DROPGATE_NEW_THING], {})
    expect(compareSets('setting', reads, ['PORT'])).toEqual([
      'setting not in docs/API.md: DROPGATE_NEW_THING',
    ])
  })
})

describe('citations of docs/API.md in the code', () => {
  it('name sections the doc has', () => {
    const cited = citations(['server/src', 'server/test', 'widget/src', 'e2e'])
    expect(cited.length).toBeGreaterThan(20)
    expect(cited.filter(({ section }) => !hasSection(section))).toEqual([])
  })
})

/** `§2.3` names `### 2.3 …`, `§2` names `## 2. …`. */
function hasSection(section: string): boolean {
  const number = /^§(\d+(?:\.\d+)?)$/.exec(section)?.[1]
  if (!number) return false
  const heading = number.includes('.') ? `### ${number} ` : `## ${number}. `
  return doc.split('\n').some((line) => line.startsWith(heading))
}

function citations(folders: string[]): { file: string; section: string }[] {
  const found: { file: string; section: string }[] = []
  for (const folder of folders) {
    const root = join(repo, folder)
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (file.includes('node_modules') || !/\.(ts|tsx)$/.test(file)) continue
      const text = readFileSync(join(root, file), 'utf8')
      for (const match of text.matchAll(/docs\/API\.md (§\d+(?:\.\d+)?)/g))
        found.push({ file: `${folder}/${file}`, section: match[1] as string })
    }
  }
  return found
}
