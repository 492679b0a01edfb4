import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { TestProject } from 'vitest/node'
import type { SwiftState } from './swift.js'

/**
 * Vitest globalSetup: makes sure the S3 test server (single-node Swift with s3api,
 * scripts/swift-s3.sh) is running before any test file starts, and hands its settings to the tests.
 * `start` is idempotent (a fast no-op when it already runs); installing the packages is CI's job
 * (`scripts/swift-s3.sh install`). Swift is left running afterwards: other runs may be using it,
 * and the next run starts in well under a second. `scripts/swift-s3.sh stop` stops it.
 *
 * When Swift cannot start, this does not throw (that would fail the local-store tests too): it
 * passes the reason on, and every test that needs Swift fails with it (test/swift.ts), never skips.
 */
const run = promisify(execFile)
const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'swift-s3.sh')
const VARS = [
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'DROPGATE_PUBLIC_BASE_URL',
] as const

export default async function setup(project: TestProject) {
  project.provide('swift', await startSwift())
}

async function startSwift(): Promise<SwiftState> {
  try {
    await run('bash', [SCRIPT, 'start'], { timeout: 90_000 })
  } catch (error) {
    const {
      stdout = '',
      stderr = '',
      message,
    } = error as { stdout?: string; stderr?: string; message: string }
    return {
      ok: false,
      error:
        `could not start the S3 test server (scripts/swift-s3.sh start): ${message.split('\n')[0]}\n` +
        `${stdout}${stderr}\nOn a bare machine run 'scripts/swift-s3.sh install' first (CI does).`,
    }
  }
  // The script's own `env` output, evaluated by bash, so its quoting rules are the only ones.
  const { stdout } = await run('bash', [
    '-c',
    `eval "$(bash "$0" env)" && for v in ${VARS.join(' ')}; do printf '%s=%s\\0' "$v" "\${!v}"; done`,
    SCRIPT,
  ])
  const env: Record<string, string> = {}
  for (const entry of stdout.split('\0')) {
    const eq = entry.indexOf('=')
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1)
  }
  return { ok: true, env }
}
