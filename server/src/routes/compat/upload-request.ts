import { normalizeContentType } from '@dropgate/core'
import type { Context } from 'hono'
import { fail } from '../../errors.js'
import { isFileSize } from '../file-fields.js'
import { readJsonBody } from '../json.js'
import { invalidFields } from './errors.js'

/**
 * The JSON body of the two compatible "give me an upload URL" requests (docs/API.md §3, first and second
 * API): the same three facts under each API's own field names. All three are required (a length bound
 * into the URL's signature is what makes the store itself enforce the cap), unknown fields are
 * ignored as their originals' clients may send more, and one message names every problem at once.
 */

export interface UploadRequest {
  filename: string
  contentType: string
  size: number
}

export interface UploadRequestFields {
  filename: string
  contentType: string
  size: string
  /** The API's own ceiling on the size field, on top of the server's per-type caps. */
  maxSize?: number
  /** How long the body may stall (config.timeouts.bodyIdleMs). */
  idleMs: number
}

export async function readUploadRequest(c: Context, fields: UploadRequestFields): Promise<UploadRequest> {
  // Only JSON: what every client of these APIs sends, and a browser cannot send it cross-site unasked.
  if (normalizeContentType(c.req.header('content-type') ?? '') !== 'application/json')
    throw fail('json_body_required')
  const body = await readJsonBody(c, fields.idleMs)
  const problems: string[] = []
  const text = (name: string): string => {
    const value = body[name]
    if (value === undefined || value === null) problems.push(`${name} is required`)
    else if (typeof value !== 'string' || value.trim() === '')
      problems.push(`${name} must be a non-empty string`)
    else return value
    return ''
  }
  const filename = text(fields.filename)
  const contentType = text(fields.contentType)
  const size = body[fields.size]
  if (size === undefined || size === null) problems.push(`${fields.size} is required`)
  else if (!isFileSize(size)) problems.push(`${fields.size} must be a positive whole number of bytes`)
  else if (fields.maxSize !== undefined && size > fields.maxSize)
    problems.push(`${fields.size} must be at most ${fields.maxSize} (${fields.maxSize / 1024 / 1024} MiB)`)
  if (problems.length > 0) throw invalidFields(problems)
  return { filename, contentType, size: size as number }
}
