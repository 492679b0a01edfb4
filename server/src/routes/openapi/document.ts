import { compatRouteDocs } from './compat-routes.js'
import { errorExamples, errorResponses, NATIVE_ERROR, type ResponseObject } from './error-answers.js'
import { JSON_SCHEMA_DIALECT } from './json-schema.js'
import { nativeRouteDocs } from './native-routes.js'
import type { RouteDoc } from './route-doc.js'
import { storeRouteDocs } from './store-routes.js'

/**
 * The OpenAPI 3.1 document of the signer (served at GET /openapi.json, routes/openapi/handler.ts),
 * built from the route table (native-routes.ts, compat-routes.ts, store-routes.ts) and the wire
 * schemas, converted by valibot's own JSON Schema converter. Plain objects only: no file is read and
 * no Node API used, so any runtime builds it.
 */

export interface DocumentOptions {
  /** DROPGATE_BASE_PATH ('' for the root): the document's server URL, to which every path is relative. */
  basePath: string
  /** Whether the app has the embedded store's routes (DROPGATE_STORAGE=local, node/local-store.ts). */
  embeddedStore: boolean
}

/** Every route the app registers with these options, as the route table describes it. */
export function routeDocs(options: Pick<DocumentOptions, 'embeddedStore'>): RouteDoc[] {
  const all = [...nativeRouteDocs(), ...compatRouteDocs(), ...storeRouteDocs()]
  return all.filter((route) => options.embeddedStore || !route.localOnly)
}

const PATH_PARAMS: Record<string, string> = {
  fileId: 'a file id, `<ms since epoch, base36>-<24 base64url characters>.<ext>` (docs/API.md §2.1)',
  owner: "the file's owner prefix, as the link names it",
  key: 'an object key, `uploads/<owner>/<fileId>`; its slashes are part of the path',
}

const TAGS: Record<RouteDoc['tag'], string> = {
  native: 'The native API (docs/API.md §2)',
  'large files': 'Large files: S3 multipart uploads the signer signs step by step (§2.5)',
  tokens: 'Upload tokens for browsers (§4.1)',
  links: 'Verified links: the public URL of an upload on S3 (§2.7)',
  compatible: 'Three other documented upload APIs, served as they are (§3)',
  'embedded store':
    'The embedded store (DROPGATE_STORAGE=local only, §2.8): listed only when it is the store',
  service: 'The service itself',
}

const BEARER = (description: string) => ({ type: 'http', scheme: 'bearer', description })

const SECURITY_SCHEMES = {
  secretKey: BEARER(
    'A secret API key (DROPGATE_API_KEYS), for servers and scripts; may do everything (§2.1)',
  ),
  uploadToken: BEARER(
    'An upload token `dg_tk_…` minted with POST /api/v1/tokens: scoped, short-lived (§4.1)',
  ),
  publishableKey: BEARER(
    'A publishable key (DROPGATE_PUBLISHABLE_KEYS): only from its origins (`Origin`), rate-limited, may only create and complete uploads (§4.2)',
  ),
  presignedUrl: {
    type: 'apiKey',
    in: 'query',
    name: 'X-Amz-Signature',
    description: 'A SigV4 presigned URL the signer handed out, with its `X-Amz-*` query parameters (§2.8)',
  },
}

export function openApiDocument(options: DocumentOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routeDocs(options)) {
    paths[route.path] ??= {}
    ;(paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route)
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    info: {
      title: 'Dropgate',
      version: 'v1',
      summary:
        'A self-hosted upload signer: upload URLs for S3-compatible stores, checked uploads, public links',
      description:
        "docs/API.md in Dropgate's repository is the wire contract; this document is generated from the server's route table and wire schemas, and a test holds the two together. CORS (§2.11): `/api/*`, `/v1/*`, `/store/*` and `/healthz` answer every `OPTIONS` from an allowed origin, a preflight or a page's own, with `204`, no body and `Access-Control-Max-Age: 7200` (the browser keeps the preflight 2 hours; the widget sends one `OPTIONS` to `/api/v1/files` and `/api/v1/files/complete` as it mounts, and again on pointer, focus or drag after 1 h 55 min, so that a drop pays no preflight there).",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: options.basePath || '/',
        description: 'DROPGATE_BASE_PATH, relative to where this document is served: every path is under it',
      },
    ],
    tags: Object.entries(TAGS)
      .filter(([name]) => options.embeddedStore || name !== 'embedded store')
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: { ErrorAnswer: NATIVE_ERROR },
      examples: errorExamples(),
    },
  }
}

function operation(route: RouteDoc): Record<string, unknown> {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => ({
    name,
    in: 'path',
    required: true,
    description: PATH_PARAMS[name] ?? name,
    schema: { type: 'string' },
  }))
  const query = (route.query ?? []).map((param) => ({
    name: param.name,
    in: 'query',
    required: param.required ?? false,
    description: param.description,
    schema: param.schema ?? { type: 'string' },
  }))
  const parameters = [...pathParams, ...query]
  return {
    operationId: operationId(route),
    summary: route.summary,
    description: `${route.description ? `${route.description} ` : ''}docs/API.md ${route.section}.`,
    tags: [route.tag],
    security: securityOf(route.auth),
    ...(parameters.length > 0 && { parameters }),
    ...(route.body && { requestBody: route.body }),
    responses: merged(
      route.answers,
      route.otherErrors ?? {},
      route.errors ? errorResponses(route.errors) : {},
    ),
    'x-dropgate-section': route.section,
    'x-dropgate-store': route.localOnly ? 'local' : 'any',
  }
}

function securityOf(auth: RouteDoc['auth']): Record<string, string[]>[] {
  if (auth === 'public') return []
  if (auth === 'presigned') return [{ presignedUrl: [] }]
  return auth.map((credential) => ({ [credential]: [] }))
}

/** `POST /api/v1/files/{fileId}/complete` → `postApiV1FilesFileIdComplete`. */
function operationId(route: RouteDoc): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return [route.method.toLowerCase(), ...words.map((word) => word[0]?.toUpperCase() + word.slice(1))].join('')
}

/**
 * Response Objects by status, from several sources; two for one status (an S3 XML document and a
 * native JSON error, both 400 on /store) become one, with both descriptions and both media types.
 */
function merged(...sources: Record<string, ResponseObject>[]): Record<string, ResponseObject> {
  const out: Record<string, ResponseObject> = {}
  for (const source of sources)
    for (const [status, answer] of Object.entries(source)) {
      const before = out[status]
      out[status] = before
        ? {
            ...before,
            ...answer,
            description: `${before.description}\n\n${answer.description}`,
            content: { ...(before.content as object), ...(answer.content as object) },
          }
        : answer
    }
  // Statuses are three digits: compared as text they sort as numbers (and need no ICU collator).
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
