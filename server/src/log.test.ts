import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createLineBatcher, createLogger, formatLine } from './log.js'

describe('formatLine', () => {
  afterEach(() => vi.useRealTimers())

  const legacy = (level: string, event: string, fields: Record<string, unknown> = {}) =>
    JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })

  test.each<[string, Record<string, unknown> | undefined]>([
    ['no fields', undefined],
    ['empty fields', {}],
    ['the request line', { method: 'POST', path: '/api/v1/files', status: 200, ms: 0 }],
    ['strings to escape', { path: '/a"b\\c\n\u0000é😀\ud800', 'we"ird': 'x' }],
    [
      'numbers, booleans, null',
      { a: 1.5, b: -0, c: Number.NaN, d: Number.POSITIVE_INFINITY, e: true, f: null, g: 2 ** 53, h: -7 },
    ],
    ['undefined, functions and symbols are left out', { a: undefined, b: () => 1, c: Symbol('s'), d: 2 }],
    ['objects and arrays', { swept: { files: 1 }, list: [1, 'a'], when: new Date(0) }],
    ['a field named like a fixed one', { time: 'mine', event: 'other', level: 'debug', x: 1 }],
    ['integer-like names, which objects order first', { b: 1, 10: 'ten', 2: 'two', '01': 'not an index' }],
    ['an error string and stack', { error: 'Error: boom', stack: 'Error: boom\n    at x (y.ts:1:2)' }],
  ])('%s: as JSON.stringify of the spread object', (_name, fields) => {
    vi.useFakeTimers({ now: new Date('2026-01-02T03:04:05.678Z') })
    expect(formatLine('warn', 'some_event', fields)).toBe(legacy('warn', 'some_event', fields))
    expect(() => JSON.parse(formatLine('info', 'e', fields))).not.toThrow()
  })

  test('the time moves on between milliseconds', () => {
    vi.useFakeTimers({ now: 1000 })
    const first = JSON.parse(formatLine('info', 'e')).time
    vi.setSystemTime(1001)
    expect(JSON.parse(formatLine('info', 'e')).time).not.toBe(first)
    expect(JSON.parse(formatLine('info', 'e')).time).toBe(new Date(1001).toISOString())
  })

  test('the time is toISOString of the moment, at every millisecond and across seconds', () => {
    for (const ms of [
      0, 1, 9, 10, 99, 100, 999, 1000, 1001, 59_999, 60_000, 1_767_323_045_678, 1_767_323_046_005,
    ]) {
      vi.useFakeTimers({ now: ms })
      expect(JSON.parse(formatLine('info', 'e')).time).toBe(new Date(ms).toISOString())
      vi.useRealTimers()
    }
  })

  test('a custom write gets each line at once, without a newline', () => {
    const lines: string[] = []
    createLogger((line) => lines.push(line)).error('unhandled', { path: '/x' })
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'error', event: 'unhandled', path: '/x' })
  })
})

describe('createLineBatcher', () => {
  const setup = (maxBytes?: number) => {
    const chunks: string[] = []
    const runs: (() => void)[] = []
    const batch = createLineBatcher((chunk) => chunks.push(chunk), {
      schedule: (run) => runs.push(run),
      maxBytes,
    })
    return { chunks, runs, batch }
  }

  test('writes the lines of one turn together, once, when the turn ends', () => {
    const { chunks, runs, batch } = setup()
    batch.write('a')
    batch.write('b')
    batch.write('c')
    expect(chunks).toEqual([])
    expect(runs).toHaveLength(1) // one flush scheduled for the turn, not one a line
    runs.shift()?.()
    expect(chunks).toEqual(['a\nb\nc\n'])
    batch.write('d')
    expect(runs).toHaveLength(1)
    runs.shift()?.()
    expect(chunks).toEqual(['a\nb\nc\n', 'd\n'])
  })

  test('writes at once when maxBytes are queued', () => {
    const { chunks, runs, batch } = setup(8)
    batch.write('1234')
    batch.write('5678')
    expect(chunks).toEqual(['1234\n5678\n'])
    runs.shift()?.() // the turn's scheduled flush then finds nothing to write
    expect(chunks).toEqual(['1234\n5678\n'])
  })

  test('flush writes what is queued now, and never an empty chunk', () => {
    const { chunks, batch } = setup()
    batch.flush()
    batch.write('x')
    batch.flush()
    batch.flush()
    expect(chunks).toEqual(['x\n'])
  })
})

describe('the default logger, in a process of its own', () => {
  // Each child logs lines and then ends in one of the ways a process ends, within the same turn,
  // so the lines are still queued when it does; every line must reach stderr all the same.
  const run = (ending: string) => {
    const script = `
      import { createLogger } from ${JSON.stringify(join(import.meta.dirname, 'log.ts'))}
      const log = createLogger()
      setTimeout(() => {
        for (let i = 0; i < 3; i++) log.info('line', { i })
        ${ending}
      }, 10)`
    return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 15_000,
    })
  }
  const lines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('{"time"'))

  test.each([
    ['process.exit()', 'process.exit(3)', { status: 3, signal: null }],
    ['an uncaught exception', "throw new Error('boom')", { status: 1, signal: null }],
    // Without its handler SIGTERM would end the process before the queued lines are written.
    [
      'SIGTERM',
      "process.kill(process.pid, 'SIGTERM'); const until = Date.now() + 200; while (Date.now() < until);",
      { status: null, signal: 'SIGTERM' },
    ],
  ])('ended by %s: no line is lost and the process ends as it would have', (_name, ending, expected) => {
    const child = run(ending)
    expect({ status: child.status, signal: child.signal }).toEqual(expected)
    expect(lines(child.stderr).map((line) => JSON.parse(line).i)).toEqual([0, 1, 2])
  })
})
