import { parseDuration } from './duration.js'

/** `dropgate storage sweep [--older-than <duration>] [--dry-run]`. */
export interface SweepOptions {
  olderThanMs: number
  /** The threshold as given, for the report. */
  olderThan: string
  dryRun: boolean
}

/**
 * A day by default: an upload's ticket lives a day (routes/multipart.ts), so the widget may resume
 * any upload younger than that, and S3 lifecycle rules count whole days (AbortIncompleteMultipartUpload
 * DaysAfterInitiation, which `dropgate storage setup` sets to 1).
 */
export const DEFAULT_OLDER_THAN = '24h'

/** The options, or the reason they are wrong (a usage error, exit 2). */
export function parseSweepOptions(args: readonly string[]): SweepOptions | { error: string } {
  let olderThan = DEFAULT_OLDER_THAN
  let dryRun = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--dry-run') dryRun = true
    else if (arg === '--older-than' || arg.startsWith('--older-than=')) {
      const value = arg === '--older-than' ? args[++i] : arg.slice('--older-than='.length)
      if (value === undefined) return { error: '--older-than needs a duration, e.g. 24h or 90m' }
      olderThan = value
    } else return { error: `unknown option for storage sweep: ${arg}` }
  }
  const olderThanMs = parseDuration(olderThan)
  if (olderThanMs === undefined)
    return {
      error: `--older-than takes a duration above zero such as 24h, 90m or 1d12h (units d, h, m, s), not "${olderThan}"`,
    }
  return { olderThanMs, olderThan, dryRun }
}
