import { formatAge } from './duration.js'

/**
 * What `dropgate storage sweep` prints, for either store: one line per leftover as it is handled
 * (a sweep of a large bucket shows progress, and a line already printed survives a later failure),
 * then one summary line with the counts.
 */

/** One leftover: `<subject> (<id>, <since word> <time>, <age> ago)`. */
export interface Leftover {
  subject: string
  /** What else names it (an upload id, the key it was for). */
  id?: string
  since: Date
}

export interface SweepReport {
  /** A leftover past the threshold: removed (or, in a dry run, listed); `note` follows it. */
  done(leftover: Leftover, note?: string): void
  failed(leftover: Leftover, why: string): void
  /** A line about the sweep itself, not one leftover (the listing failed, the sweep stopped). */
  problem(text: string): void
  /** A leftover younger than the threshold, left alone. */
  kept(): void
  summary(): string
  readonly failures: number
}

export function createSweepReport(
  out: { write(text: string): unknown },
  options: {
    dryRun: boolean
    now: number
    olderThan: string
    verb: 'abort' | 'remove'
    /** How a leftover's time is introduced: `started` (S3 Initiated), `last touched` (a file's mtime). */
    since: string
    countKept: boolean
  },
): SweepReport {
  const past = options.verb === 'abort' ? 'aborted' : 'removed'
  const label = options.dryRun ? `would ${options.verb}` : past
  const width = `would ${options.verb}`.length
  const counts = { found: 0, done: 0, failed: 0, kept: 0, problems: 0 }
  const describe = ({ subject, id, since }: Leftover) =>
    `${subject} (${id ? `${id}, ` : ''}${options.since} ${since.toISOString()}, ` +
    `${formatAge(options.now - since.getTime())} ago)`
  return {
    done(leftover, note) {
      counts.found += 1
      if (!options.dryRun) counts.done += 1
      out.write(`  ${label.padEnd(width)}  ${describe(leftover)}${note ? `: ${note}` : ''}\n`)
    },
    failed(leftover, why) {
      counts.found += 1
      counts.failed += 1
      out.write(`  ${'FAIL'.padEnd(width)}  ${describe(leftover)}: ${why}\n`)
    },
    problem(text) {
      counts.problems += 1
      out.write(`  ${'FAIL'.padEnd(width)}  ${text}\n`)
    },
    kept() {
      counts.kept += 1
    },
    summary() {
      const kept = options.countKept ? `; ${counts.kept} younger kept` : ''
      const unfinished = counts.problems > 0 ? ' The sweep did not finish: see FAIL above.' : ''
      return (
        `Found ${counts.found} older than ${options.olderThan}, ${past} ${counts.done}` +
        `${options.dryRun ? ' (dry run)' : ''}, failed ${counts.failed}${kept}.${unfinished}\n`
      )
    },
    get failures() {
      return counts.failed + counts.problems
    },
  }
}
