import { describe, expect, it } from 'vitest'
import { answerMayBeLost, httpError, networkError, S3RequestError } from './s3-errors.js'

const resetConnection = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })

describe('answerMayBeLost', () => {
  it('holds for a call that got no answer: a timeout, or a connection reset under it', () => {
    expect(answerMayBeLost(new S3RequestError('timeout', 'POST k', 'no answer within 5 s'))).toBe(true)
    expect(answerMayBeLost(networkError('POST k', resetConnection))).toBe(true)
  })

  it('does not hold for an answer, even an error, nor for errors that are not the store\u2019s', () => {
    expect(answerMayBeLost(httpError('POST k', { status: 503, text: () => '' }))).toBe(false)
    expect(answerMayBeLost(httpError('POST k', { status: 403, text: () => '' }))).toBe(false)
    expect(answerMayBeLost(new Error('timeout'))).toBe(false)
    expect(answerMayBeLost(undefined)).toBe(false)
  })
})
