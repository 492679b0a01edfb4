import { NameAndType, readWire } from '@dropgate/core'
import { errors } from '../errors.js'

/**
 * The fields every upload request names its file with (POST /api/v1/files in JSON mode, POST
 * /api/v1/uploads): `filename` and `contentType`, non-empty strings, else `Missing required fields`.
 */
export function requireNameAndType(body: Record<string, unknown>): { filename: string; contentType: string } {
  const read = readWire(NameAndType, body)
  if (!read.ok) throw errors.missingFields()
  return read.value
}

/** A `fileSize` the API takes: a positive whole number of bytes (a safe integer). */
export function isFileSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}
