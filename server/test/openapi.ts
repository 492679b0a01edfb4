import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { silentLogger } from '../src/log.js'
import { createStorage } from '../src/storage/create-storage.js'

/**
 * Reading the served OpenAPI document in tests (routes/openapi/*.test.ts, api-doc.test.ts): its
 * operations as `METHOD /path` pairs, the schema of one answer with its `$ref`s resolved, and a
 * JSON Schema 2020-12 validator (ajv, strict) to hold real answers to it.
 */

export type Doc = {
  paths: Record<string, Record<string, Operation>>
  components: Record<string, Record<string, unknown>>
  servers: { url: string }[]
}
export type Operation = {
  security: Record<string, string[]>[]
  responses: Record<string, { content?: Record<string, { schema: unknown }>; 'x-dropgate-errors'?: string[] }>
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }
  'x-dropgate-section': string
  'x-dropgate-store': 'any' | 'local'
}

/** An app on S3 (a store that is never called here), without the embedded store's routes. */
export const S3_ENV = {
  DROPGATE_STORAGE: 's3',
  S3_ENDPOINT: 'http://127.0.0.1:9',
  S3_BUCKET: 'api-doc',
  S3_REGION: 'auto',
  S3_ACCESS_KEY_ID: 'id',
  S3_SECRET_ACCESS_KEY: 'secret',
  S3_QUARANTINE_BUCKET: 'api-doc-quarantine',
  DROPGATE_PUBLIC_BASE_URL: 'http://public.example',
}

export async function makeS3App(env: Record<string, string> = {}) {
  const config = loadConfig({ ...S3_ENV, ...env })
  const storage = await createStorage(config, silentLogger)
  return createApp({ config, storage, logger: silentLogger })
}

/** The document an app serves. */
export async function servedDoc(
  app: { request: (path: string) => Response | Promise<Response> },
  base = '',
): Promise<Doc> {
  const res = await app.request(`${base}/openapi.json`)
  if (res.status !== 200) throw new Error(`GET ${base}/openapi.json answered ${res.status}`)
  return (await res.json()) as Doc
}

export function operationsOf(doc: Doc): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  )
}

export function operation(doc: Doc, method: string, path: string): Operation {
  const found = doc.paths[path]?.[method.toLowerCase()]
  if (!found) throw new Error(`the document has no ${method} ${path}`)
  return found
}

/** `node` with every local `$ref` (`#/components/...`) replaced by what it names. */
export function resolved(doc: Doc, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => resolved(doc, item))
  if (node === null || typeof node !== 'object') return node
  const ref = (node as { $ref?: unknown }).$ref
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], doc)
    if (target === undefined) throw new Error(`unresolved ${ref}`)
    return resolved(doc, target)
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolved(doc, value)]))
}

/** The JSON schema of `method path`'s answer `status` (application/json). */
export function answerSchema(doc: Doc, method: string, path: string, status: number): object {
  const schema = operation(doc, method, path).responses[String(status)]?.content?.['application/json']?.schema
  if (!schema) throw new Error(`${method} ${path} documents no JSON answer ${status}`)
  return resolved(doc, schema) as object
}

/** Strict, every error at once, formats checked: a schema the document gets wrong fails to compile. */
export function jsonSchemaValidator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats.default(ajv)
  return ajv
}

/** Every Schema Object in the document (request bodies, answers, components), with where it is. */
export function schemasIn(doc: Doc): { where: string; schema: unknown }[] {
  const found: { where: string; schema: unknown }[] = []
  const walk = (node: unknown, where: string) => {
    if (node === null || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema') found.push({ where: `${where}/schema`, schema: value })
      else walk(value, `${where}/${key}`)
    }
  }
  walk(doc.paths, '#/paths')
  for (const [name, schema] of Object.entries(doc.components.schemas ?? {}))
    found.push({ where: `#/components/schemas/${name}`, schema })
  return found
}

/** The app's routes against the document's operations, both ways, saying where to add what is missing. */
export function compareRoutes(appRoutes: Iterable<string>, documented: Iterable<string>): string[] {
  const have = new Set(appRoutes)
  const doc = new Set(documented)
  return [
    ...[...have]
      .filter((route) => !doc.has(route))
      .map((route) => `route without an entry in the OpenAPI route table (src/routes/openapi): ${route}`),
    ...[...doc]
      .filter((route) => !have.has(route))
      .map((route) => `route documented but not in the app: ${route}`),
  ]
}
