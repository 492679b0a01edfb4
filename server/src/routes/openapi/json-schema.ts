import { type JsonSchema, toJsonSchema } from '@valibot/to-json-schema'
import type * as v from 'valibot'

/** A JSON Schema object as it sits in the document (OpenAPI 3.1 schemas are JSON Schema 2020-12). */
export type Schema = Record<string, unknown>

/**
 * A wire schema (valibot) as OpenAPI 3.1's Schema Object, by valibot's own converter. Conversion
 * throws on a rule JSON Schema cannot state (a custom `check`), so a schema can never be documented
 * looser than it is read without someone choosing to; `$schema` is dropped, since the document
 * already says its dialect (`jsonSchemaDialect`).
 */
export function jsonSchemaOf(schema: v.GenericSchema): Schema {
  const { $schema: _dialect, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12' }) as JsonSchema &
    Schema
  return rest
}

/** The dialect of every schema jsonSchemaOf makes, for the document's `jsonSchemaDialect`. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'
