import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ERROR_TABLE, type ErrorCode } from '@dropgate/core'
import { describe, expect, it } from 'vitest'
import { DropgateError, errors, fail } from './errors.js'

const SRC = import.meta.dirname

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('error table', () => {
  it('is the only source of messages: no DropgateError is built outside errors.ts', () => {
    // Drivers raise their own StorageError (storage/storage-errors.ts), which http/storage-error.ts maps.
    const builders = sourceFiles(SRC)
      .map((path) => relative(SRC, path))
      .filter((path) => path !== 'errors.ts' && path !== 'errors.test.ts')
      .filter((path) => readFileSync(join(SRC, path), 'utf8').includes('new DropgateError('))
    expect(builders).toEqual([])
  })

  it("gives every error its row's status, message and headers", () => {
    const idle = errors.bodyIdle(30_000)
    expect([idle.code, idle.status, idle.message]).toEqual([
      'body_idle',
      408,
      'The request body stalled: nothing arrived for 30 s',
    ])
    expect(idle.headers).toEqual({ Connection: 'close' })
    const limited = fail('rate_limited', { seconds: 4 }, { 'Retry-After': '4' })
    expect([limited.status, limited.message, limited.headers]).toEqual([
      429,
      'Too many requests, retry in 4 s',
      { 'Retry-After': '4' },
    ])
    expect(errors.tooLarge(10 * 1024 * 1024).message).toBe('File too large (max 10MB)')
  })

  it.each(Object.keys(ERROR_TABLE) as ErrorCode[])('raises %s as its row says', (code) => {
    const row = ERROR_TABLE[code]
    const params = Object.fromEntries(('params' in row ? row.params : []).map((name) => [name, 7]))
    const error = fail(code as 'internal', params)
    expect(error).toBeInstanceOf(DropgateError)
    expect(error.status).toBe(row.status)
    expect(error.message).not.toMatch(/\{[a-zA-Z]+\}/)
  })
})
