import { describe, expect, it } from 'vitest'
import { ERROR_TABLE } from './error-table.js'
import { codeOfMessage, type ErrorCode, errorMessage, isErrorCode } from './errors.js'

const CODES = Object.keys(ERROR_TABLE) as ErrorCode[]
const sample = (code: ErrorCode) => {
  const row = ERROR_TABLE[code]
  const names: readonly string[] = 'params' in row ? row.params : []
  return errorMessage(code, Object.fromEntries(names.map((name) => [name, `${name}-42`])) as never)
}

describe('error table', () => {
  it('fills parameters and leaves other braces alone', () => {
    expect(errorMessage('file_too_large', { cap: '10MB' })).toBe('File too large (max 10MB)')
    expect(errorMessage('invalid_sign_request', { max: 100 })).toBe(
      'Expected {ticket, uploadId, step: parts|list|complete|abort, partNumbers?: up to 100 part numbers, partNumberMarker?: a part number}',
    )
  })

  it('names in `params` exactly the placeholders of each message', () => {
    for (const code of CODES) {
      const row = ERROR_TABLE[code]
      const names: readonly string[] = 'params' in row ? row.params : []
      for (const name of names) expect(row.message, code).toContain(`{${name}}`)
      expect(sample(code), code).not.toMatch(/\{[a-zA-Z]+\}/)
    }
  })

  it.each(CODES)('reads %s back from its status and message', (code) => {
    expect(codeOfMessage(ERROR_TABLE[code].status, sample(code))).toBe(code)
  })

  it('knows no code for a message or status it has no row for', () => {
    expect(codeOfMessage(400, 'Bad Gateway page from a proxy')).toBe('invalid_fields')
    expect(codeOfMessage(502, 'Bad Gateway')).toBeUndefined()
    expect(codeOfMessage(401, 'Token revoked')).toBeUndefined()
    expect(isErrorCode('token_expired')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
  })
})
