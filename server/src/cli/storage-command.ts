import { type Config, ConfigError, loadConfig } from '../config.js'
import { formatFindings, formatLines, heading } from './check-report.js'
import { sweepLocal } from './local-sweep.js'
import { checkStorage, type Finding } from './storage-check.js'
import { setupStorage } from './storage-setup.js'
import { sweepS3 } from './storage-sweep.js'
import { parseSweepOptions } from './sweep-options.js'

/**
 * `dropgate storage check|setup|sweep`, configured by the environment exactly as the server is. Exit
 * code: 0 when the bucket is ready (warnings allowed) or the sweep removed everything it found, 1
 * when something must be fixed or failed, 2 for a bad setup of the command itself (invalid or
 * missing variables, unknown options). Never a stack trace: every failure is a line.
 */

export interface StorageCommandOptions {
  /** The command's own arguments, after `storage <which>`. */
  args?: readonly string[]
  /** The clock ages are measured against (ms since the epoch). Default Date.now. */
  now?: () => number
  /** Uploads per ListMultipartUploads page (default 1000). */
  uploadsPageSize?: number
}

export async function storageCommand(
  which: 'check' | 'setup' | 'sweep',
  env: Record<string, string | undefined>,
  out: { write(text: string): unknown },
  err: { write(text: string): unknown },
  options: StorageCommandOptions = {},
): Promise<number> {
  const sweep = which === 'sweep' ? parseSweepOptions(options.args ?? []) : undefined
  if (sweep && 'error' in sweep) {
    err.write(`dropgate storage sweep: ${sweep.error}\n`)
    return 2
  }
  let config: Config
  try {
    config = loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) {
      err.write(`${error.message}\n`)
      return 2
    }
    throw error
  }
  const now = (options.now ?? Date.now)()
  if (config.storage.kind === 'local') {
    if (sweep) return sweepLocal(config, sweep, now, out)
    out.write('DROPGATE_STORAGE is local: the embedded store needs no setup, there is nothing to check.\n')
    return 0
  }
  if (config.storage.kind === 'unconfigured') {
    err.write(
      `DROPGATE_STORAGE=s3 needs ${config.storage.missing.join(', ')} (see README: S3, R2 and MinIO).\n`,
    )
    return 2
  }
  const pageSize = options.uploadsPageSize
  try {
    if (sweep) return await sweepS3(config, sweep, { now, ...(pageSize !== undefined && { pageSize }) }, out)
    out.write(heading(config))
    if (which === 'setup') {
      out.write('Setup:\n')
      out.write(formatLines(await setupStorage(config)))
      out.write('Check:\n')
    }
    const findings: Finding[] = await checkStorage(config, {
      now,
      ...(pageSize !== undefined && { uploadsPageSize: pageSize }),
    })
    out.write(formatFindings(findings))
    return findings.some((finding) => finding.status === 'fail') ? 1 : 0
  } catch (error) {
    // A bug, not a finding: still one line.
    err.write(`dropgate storage ${which}: unexpected error: ${(error as Error)?.message ?? String(error)}\n`)
    return 1
  }
}
