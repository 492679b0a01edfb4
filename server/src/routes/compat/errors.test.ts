import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { errors, fail } from '../../errors.js'
import { createLogger } from '../../log.js'
import { compatErrorHandler, invalidFields, toCompatError } from './errors.js'

describe('toCompatError', () => {
  it.each([
    [errors.missingFields(), 400, 'INPUT_VALIDATION_ERROR'],
    [errors.invalidJson(), 400, 'INPUT_VALIDATION_ERROR'],
    [errors.typeNotAllowed(), 400, 'INPUT_VALIDATION_ERROR'],
    [errors.tooLarge(10 * 1024 * 1024), 400, 'INPUT_VALIDATION_ERROR'],
    [errors.contentMismatch(), 400, 'INPUT_VALIDATION_ERROR'],
    [errors.noFile(), 400, 'INPUT_VALIDATION_ERROR'],
    [invalidFields(['a is required', 'b is required']), 400, 'INPUT_VALIDATION_ERROR'],
    [errors.unauthorized(), 401, 'AUTHENTICATION_ERROR'],
    [fail('invalid_token'), 401, 'AUTHENTICATION_ERROR'],
    [fail('token_expired'), 401, 'AUTHENTICATION_ERROR'],
    [fail('origin_not_allowed'), 403, 'PERMISSION_ERROR'],
    [fail('too_many_files', { maxFiles: 2 }), 403, 'PERMISSION_ERROR'],
    [fail('json_body_required'), 400, 'INPUT_VALIDATION_ERROR'],
    [fail('image_type_not_allowed'), 400, 'INPUT_VALIDATION_ERROR'],
    [errors.fileNotFound(), 404, 'FILE_NOT_FOUND'],
    [fail('rate_limited', { seconds: 3 }), 429, 'RATE_LIMIT_ERROR'],
    [errors.storageNotConfigured(), 500, 'STORAGE_NOT_CONFIGURED'],
    [errors.storageUnavailable(), 503, 'STORAGE_UNAVAILABLE'],
    [errors.internal(), 500, 'INTERNAL_ERROR'],
  ])('maps %s by its machine name', (error, status, code) => {
    expect(toCompatError(error)).toEqual({ status, code, message: error.message })
  })

  it('passes a code it does not know through upper-cased, with its own status', () => {
    const error = fail('range_not_satisfiable')
    expect(toCompatError(error)).toEqual({
      status: 416,
      code: 'RANGE_NOT_SATISFIABLE',
      message: 'Requested range not satisfiable',
    })
  })

  it('lets an adapter override one code', () => {
    const overrides = { file_too_large: { status: 413, code: 'FILE_TOO_LARGE' } } as const
    expect(toCompatError(errors.tooLarge(1024 * 1024), overrides)).toEqual({
      status: 413,
      code: 'FILE_TOO_LARGE',
      message: 'File too large (max 1MB)',
    })
    expect(toCompatError(errors.noFile(), overrides).code).toBe('INPUT_VALIDATION_ERROR')
  })
})

describe('compatErrorHandler', () => {
  function appThrowing(error: unknown, lines: string[] = []) {
    const app = new Hono()
    app.get('/boom', () => {
      throw error
    })
    app.onError(
      compatErrorHandler({
        logger: createLogger((line) => lines.push(line)),
        envelope: (body) => ({ ok: false, error: body }),
      }),
    )
    return app
  }

  it("renders a DropgateError in the adapter's envelope with its headers", async () => {
    const app = appThrowing(fail('rate_limited', { seconds: 7 }, { 'Retry-After': '7' }))
    const res = await app.request('/boom')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('7')
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'RATE_LIMIT_ERROR', message: 'Too many requests, retry in 7 s' },
    })
  })

  it('turns anything else into a generic 500, logged by path only', async () => {
    const lines: string[] = []
    const app = appThrowing(new Error('disk on fire at /var/secret'), lines)
    const res = await app.request('/boom?X-Amz-Signature=abc', {
      headers: { authorization: 'Bearer sk_live' },
    })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'INTERNAL_ERROR', message: 'Internal server error' },
    })
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'error',
      event: 'unhandled',
      path: '/boom',
    })
    expect(lines[0]).not.toContain('sk_live')
    expect(lines[0]).not.toContain('X-Amz-Signature')
  })
})
