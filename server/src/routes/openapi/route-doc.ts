import type * as v from 'valibot'
import type { ErrorDocs, ResponseObject } from './error-answers.js'
import { jsonSchemaOf, type Schema } from './json-schema.js'

/**
 * What the OpenAPI document says of one route (one method and path): route-table.ts holds one such
 * entry per route the app registers, and document.ts turns them into Operation Objects. Helpers
 * here keep an entry to the facts that differ from route to route.
 */

/** The Bearer credentials of docs/API.md §2.1 and §4, as the document's security schemes name them. */
export type Credential = 'secretKey' | 'uploadToken' | 'publishableKey'

export const ANY_CREDENTIAL: readonly Credential[] = ['secretKey', 'uploadToken', 'publishableKey']
export const OWNER_CREDENTIAL: readonly Credential[] = ['secretKey', 'uploadToken']

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE'

export type Tag = 'native' | 'large files' | 'tokens' | 'links' | 'compatible' | 'embedded store' | 'service'

export interface QueryParam {
  name: string
  description: string
  required?: boolean
  schema?: Schema
}

export interface RouteDoc {
  method: Method
  /** As docs/API.md's route index writes it: `{fileId}`, and `{key}` for a trailing wildcard. */
  path: string
  /** The section of docs/API.md that is the contract of this route, e.g. `§2.2`. */
  section: string
  summary: string
  description?: string
  tag: Tag
  /** Who may call: Bearer credentials, nobody in particular, or a SigV4 presigned URL. */
  auth: readonly Credential[] | 'public' | 'presigned'
  /** Registered only with the embedded store (DROPGATE_STORAGE=local). */
  localOnly?: true
  query?: readonly QueryParam[]
  body?: { description?: string; required?: boolean; content: Record<string, { schema: Schema }> }
  /** Answers other than errors, by HTTP status. */
  answers: Record<string, ResponseObject>
  errors?: ErrorDocs
  /** Error answers that are not of the error table (the embedded store's S3 documents). */
  otherErrors?: Record<string, ResponseObject>
}

/** A JSON request body read with a wire schema. */
export function jsonBody(schema: v.GenericSchema, description?: string): RouteDoc['body'] {
  return {
    required: true,
    ...(description && { description }),
    content: { 'application/json': { schema: jsonSchemaOf(schema) } },
  }
}

/** A multipart/form-data body with the file in field `file` (one file a request, small fields after it). */
export const FILE_FORM = {
  schema: {
    type: 'object',
    properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
    required: ['file'],
  },
}

/** The native success envelope of §2.1 around `data`; `extra` adds fields beside it. */
export function nativeAnswer(description: string, data: Schema, extra: Record<string, Schema> = {}) {
  return jsonAnswer(description, {
    type: 'object',
    properties: { code: { const: 200 }, msg: { const: 'success' }, data, ...extra },
    required: ['code', 'msg', 'data', ...Object.keys(extra)],
  })
}

export function jsonAnswer(description: string, schema: Schema): ResponseObject {
  return { description, content: { 'application/json': { schema } } }
}

/** An answer in S3's XML, as the embedded store's `/store` routes give it (§2.8). */
export function xmlAnswer(description: string, headers: Record<string, string> = {}): ResponseObject {
  return {
    description,
    ...withHeaders(headers),
    content: { 'application/xml': { schema: { type: 'string' } } },
  }
}

/** Header descriptions by name, as a Response Object's `headers`. */
export function withHeaders(headers: Record<string, string>): { headers?: Record<string, unknown> } {
  const names = Object.entries(headers)
  if (names.length === 0) return {}
  return {
    headers: Object.fromEntries(
      names.map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
    ),
  }
}
