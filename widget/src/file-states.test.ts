import { describe, expect, it, vi } from 'vitest'
import { createFileStates } from './file-states.js'

const file = { id: 'f1', name: 'a.png', size: 3, type: 'image/png' }
const result = {
  fileId: 's1',
  publicUrl: 'https://files.test/a.png',
  name: 'a.png',
  type: 'image/png',
  size: 3,
}
const failure = (stage: 'upload' | 'confirm', retryable = true) => ({
  cause: 'server' as const,
  retryable,
  code: 503,
  raw: 'Storage is unavailable',
  stage,
  message: 'a.png could not be uploaded',
})

describe('file states', () => {
  it('has a result only once confirmed; stored is still pending', () => {
    const changed = vi.fn()
    const states = createFileStates(changed)
    states.add(file)
    states.set('f1', 'ready')
    states.set('f1', 'uploading')
    states.set('f1', 'stored')
    expect(states.results()).toEqual([])
    expect(states.pending()).toHaveLength(1)
    states.confirm('f1', result)
    expect(states.results()).toEqual([result])
    expect(states.pending()).toEqual([])
    expect(changed).toHaveBeenCalledTimes(5)
  })

  it('a failed confirmation retries to stored (confirm again), a failed upload to ready', () => {
    const states = createFileStates()
    states.add(file)
    states.fail('f1', failure('confirm'))
    expect(states.failed()).toHaveLength(1)
    expect(states.results()).toEqual([])
    expect(states.retry('f1')).toBe('stored')
    expect(states.get('f1')?.failure).toBeUndefined()
    states.fail('f1', failure('upload'))
    expect(states.retry('f1')).toBe('ready')
  })

  it('forgets a removed file, and so its result', () => {
    const states = createFileStates()
    states.add(file)
    states.confirm('f1', result)
    expect(states.remove('f1')?.result).toEqual(result)
    expect(states.results()).toEqual([])
    states.set('f1', 'ready')
    expect(states.get('f1')).toBeUndefined()
  })
})
