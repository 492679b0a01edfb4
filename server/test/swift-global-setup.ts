import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { SWIFT_SCRIPT, swiftS3Env } from '@dropgate/testkit'
import type { TestProject } from 'vitest/node'
import type { SwiftState } from './swift.js'

/**
 * Vitest globalSetup: makes sure the S3 test server (single-node Swift with s3api,
 * scripts/swift-s3.sh) is running before any test file starts, and hands its settings to the tests.
 * `start` is idempotent (a fast no-op when it already runs); installing the packages is CI's job
 * (`scripts/swift-s3.sh install`). Swift is left running afterwards: other runs may be using it,
 * and the next run starts in well under a second. `scripts/swift-s3.sh stop` stops it; `npm test`
 * (scripts/task.mjs) does so when it ends, unless DROPGATE_KEEP_SWIFT=1.
 *
 * When Swift cannot start, this does not throw (that would fail the local-store tests too): it
 * passes the reason on, and every test that needs Swift fails with it (test/swift.ts), never skips.
 */
const run = promisify(execFile)

export default async function setup(project: TestProject) {
  project.provide('swift', await startSwift())
}

async function startSwift(): Promise<SwiftState> {
  try {
    await run('bash', [SWIFT_SCRIPT, 'start'], { timeout: 90_000 })
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
  const env = await swiftS3Env()
  return { ok: true, env }
}
