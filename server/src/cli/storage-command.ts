import { type Config, ConfigError, loadConfig } from '../config.js'
import { checkStorage, type Finding, formatFindings, formatLines, heading } from './storage-check.js'
import { setupStorage } from './storage-setup.js'

/**
 * `dropgate storage check|setup`, configured by the environment exactly as the server is. Exit code:
 * 0 when the bucket is ready (warnings allowed), 1 when something must be fixed, 2 for a bad setup
 * of the command itself (invalid or missing variables). Never a stack trace: every failure is a line.
 */
export async function storageCommand(
  which: 'check' | 'setup',
  env: Record<string, string | undefined>,
  out: { write(text: string): unknown },
  err: { write(text: string): unknown },
): Promise<number> {
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
  if (config.storage.kind === 'local') {
    out.write('DROPGATE_STORAGE is local: the embedded store needs no setup, there is nothing to check.\n')
    return 0
  }
  if (config.storage.kind === 'unconfigured') {
    err.write(
      `DROPGATE_STORAGE=s3 needs ${config.storage.missing.join(', ')} (see README: S3, R2 and MinIO).\n`,
    )
    return 2
  }
  out.write(heading(config))
  try {
    if (which === 'setup') {
      out.write('Setup:\n')
      out.write(formatLines(await setupStorage(config)))
      out.write('Check:\n')
    }
    const findings: Finding[] = await checkStorage(config)
    out.write(formatFindings(findings))
    return findings.some((finding) => finding.status === 'fail') ? 1 : 0
  } catch (error) {
    // A bug, not a finding: still one line.
    err.write(`dropgate storage ${which}: unexpected error: ${(error as Error)?.message ?? String(error)}\n`)
    return 1
  }
}
