import { ERROR_TABLE, type ErrorCode } from '@dropgate/core'
import { type CompatOverrides, compatCodeOf } from '../compat/errors.js'
import type { Schema } from './json-schema.js'

/**
 * The error answers of one operation, from the codes it may answer: grouped by HTTP status, each
 * status one Response Object whose description names its codes and messages (docs/API.md §2.12)
 * and whose `x-dropgate-errors` lists them, for tools and for the test that holds them to the table.
 */

/** Which envelope carries the error: native §2.1, or one of the compatible APIs' (§3.4). */
export type ErrorShape = 'native' | 'compat' | 'compat-success'

export interface ErrorDocs {
  shape: ErrorShape
  codes: readonly ErrorCode[]
  /** An adapter's exceptions to the table (routes/compat: §3.3 answers 413 FILE_TOO_LARGE). */
  overrides?: CompatOverrides
}

export type ResponseObject = Record<string, unknown>

/** The native error envelope, a component every native operation refers to. */
export const NATIVE_ERROR: Schema = {
  type: 'object',
  description: 'docs/API.md §2.1: `code` repeats the HTTP status; `msg` is a message of §2.12',
  properties: { code: { type: 'integer' }, msg: { type: 'string' } },
  required: ['code', 'msg'],
}

/** One example per code of the table, a component the native error answers refer to. */
export function errorExamples(): Record<string, { summary: string; value: unknown }> {
  return Object.fromEntries(
    Object.entries(ERROR_TABLE).map(([code, row]) => [
      code,
      { summary: code, value: { code: row.status, msg: row.message } },
    ]),
  )
}

interface Answered {
  code: ErrorCode
  status: number
  compat: string
}

export function errorResponses(docs: ErrorDocs): Record<string, ResponseObject> {
  const byStatus = new Map<number, Answered[]>()
  for (const code of docs.codes) {
    const override = docs.shape === 'native' ? undefined : docs.overrides?.[code]
    const status = override?.status ?? ERROR_TABLE[code].status
    const answered = { code, status, compat: override?.code ?? compatCodeOf(code) }
    byStatus.set(status, [...(byStatus.get(status) ?? []), answered])
  }
  const sorted = [...byStatus.entries()].sort(([a], [b]) => a - b)
  return Object.fromEntries(
    sorted.map(([status, answered]) => [String(status), response(docs.shape, answered)]),
  )
}

function response(shape: ErrorShape, answered: Answered[]): ResponseObject {
  const lines = answered.map(({ code, compat }) => {
    const named = shape === 'native' ? `\`${code}\`` : `\`${compat}\` (\`${code}\`)`
    return `- ${named}: ${ERROR_TABLE[code].message}`
  })
  const retries = answered.some(
    ({ code }) => code === 'rate_limited' || 'Retry-After' in (headersOf(code) ?? {}),
  )
  return {
    description: lines.join('\n'),
    'x-dropgate-errors': answered.map(({ code }) => code),
    ...(retries && {
      headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
    }),
    content: { 'application/json': content(shape, answered) },
  }
}

function headersOf(code: ErrorCode): Readonly<Record<string, string>> | undefined {
  const row = ERROR_TABLE[code]
  return 'headers' in row ? row.headers : undefined
}

function content(shape: ErrorShape, answered: Answered[]): Record<string, unknown> {
  if (shape === 'native')
    return {
      schema: { $ref: '#/components/schemas/ErrorAnswer' },
      examples: Object.fromEntries(
        answered.map(({ code }) => [code, { $ref: `#/components/examples/${code}` }]),
      ),
    }
  const error = {
    type: 'object',
    properties: {
      code: { enum: [...new Set(answered.map(({ compat }) => compat))] },
      message: { type: 'string' },
    },
    required: ['code', 'message'],
  }
  const envelope: Schema =
    shape === 'compat'
      ? { type: 'object', properties: { error }, required: ['error'] }
      : {
          type: 'object',
          properties: { success: { const: false }, error },
          required: ['success', 'error'],
        }
  return { schema: envelope }
}
