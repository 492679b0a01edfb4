import { describe, expect, it } from 'vitest'
import { formatAge, parseDuration } from './duration.js'
import { parseSweepOptions } from './sweep-options.js'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

describe('parseDuration', () => {
  it('reads whole amounts of d, h, m, s, largest first', () => {
    expect(parseDuration('24h')).toBe(DAY)
    expect(parseDuration('90m')).toBe(90 * MIN)
    expect(parseDuration('45s')).toBe(45_000)
    expect(parseDuration('2d')).toBe(2 * DAY)
    expect(parseDuration('1d12h')).toBe(36 * HOUR)
    expect(parseDuration('2h30m')).toBe(150 * MIN)
    expect(parseDuration('1d2h3m4s')).toBe(DAY + 2 * HOUR + 3 * MIN + 4000)
    expect(parseDuration('036h')).toBe(36 * HOUR)
  })

  it('refuses bare numbers, zero, other units, fractions, signs, spaces and units out of order', () => {
    for (const text of [
      '',
      '24',
      '0h',
      '0d0h',
      '1w',
      '1.5h',
      '-1h',
      '+1h',
      '1 h',
      ' 1h',
      '1h ',
      'h',
      '1H',
      '30m1h',
      '1h1h',
      '1d1d',
      'PT1H',
      '24hours',
    ])
      expect(parseDuration(text), text).toBeUndefined()
  })

  it('refuses what a millisecond count cannot hold exactly', () => {
    expect(parseDuration('99999999999999999d')).toBeUndefined()
    expect(parseDuration('104249991d')).toBe(104_249_991 * DAY) // still a safe integer
  })
})

describe('formatAge', () => {
  it('names the two largest units, rounded down', () => {
    expect(formatAge(2 * DAY + 3 * HOUR + 59 * MIN)).toBe('2d 3h')
    expect(formatAge(DAY + 5 * MIN)).toBe('1d 0h')
    expect(formatAge(90 * MIN)).toBe('1h 30m')
    expect(formatAge(59_999)).toBe('59s')
    expect(formatAge(61_500)).toBe('1m 1s')
    expect(formatAge(999)).toBe('0s')
    // A store whose clock runs ahead of ours reports an upload from the future.
    expect(formatAge(-5000)).toBe('0s')
  })
})

describe('parseSweepOptions', () => {
  it('defaults to 24h, for real', () => {
    expect(parseSweepOptions([])).toEqual({ olderThanMs: DAY, olderThan: '24h', dryRun: false })
  })

  it('takes --older-than as a separate or =-joined value, and --dry-run, in any order', () => {
    expect(parseSweepOptions(['--older-than', '90m', '--dry-run'])).toEqual({
      olderThanMs: 90 * MIN,
      olderThan: '90m',
      dryRun: true,
    })
    expect(parseSweepOptions(['--dry-run', '--older-than=2d'])).toEqual({
      olderThanMs: 2 * DAY,
      olderThan: '2d',
      dryRun: true,
    })
  })

  it('says what is wrong with a bad duration, a missing one, or an unknown option', () => {
    expect(parseSweepOptions(['--older-than', '24'])).toEqual({
      error: expect.stringContaining('--older-than takes a duration above zero such as 24h, 90m or 1d12h'),
    })
    expect(parseSweepOptions(['--older-than', '0m'])).toEqual({ error: expect.stringContaining('not "0m"') })
    expect(parseSweepOptions(['--older-than'])).toEqual({
      error: '--older-than needs a duration, e.g. 24h or 90m',
    })
    expect(parseSweepOptions(['--dryrun'])).toEqual({ error: 'unknown option for storage sweep: --dryrun' })
    expect(parseSweepOptions(['24h'])).toEqual({ error: 'unknown option for storage sweep: 24h' })
  })
})
