import { execFile } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freeSwiftPort, SWIFT_SCRIPT, swiftS3Env } from '@dropgate/testkit'
import { TMP } from './paths.ts'

const run = promisify(execFile)
const DIR = join(TMP, 'swift')

export interface SwiftStore {
  /** S3_* and DROPGATE_PUBLIC_BASE_URL, as `scripts/swift-s3.sh env` prints them. */
  readonly env: Record<string, string>
  /** Process ids of the proxy, object, container and account servers (to read their CPU time). */
  pids(): Promise<number[]>
  stop(): Promise<void>
}

/**
 * A private single-node Swift (scripts/swift-s3.sh) in bench/.tmp/swift on free ports, its CORS
 * allow-list naming `origins`, started empty and deleted afterwards: a run writes gigabytes, and the
 * shared instance the test suites use is never loaded or touched.
 */
export async function startSwift(origins: readonly string[]): Promise<SwiftStore> {
  await run('bash', [SWIFT_SCRIPT, 'install'], { timeout: 600_000 })
  await rm(DIR, { recursive: true, force: true })
  const port = await freeSwiftPort()
  const env = { ...process.env, SWIFT_PORT: String(port), S3_CORS_ORIGINS: origins.join(',') }
  try {
    await run('bash', [SWIFT_SCRIPT, 'start', DIR], { env, timeout: 90_000 })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`could not start Swift (scripts/swift-s3.sh start):\n${stdout}${stderr}`)
  }
  const vars = await swiftS3Env(env)
  return {
    env: vars,
    async pids() {
      const found: number[] = []
      for (const name of ['proxy', 'object', 'container', 'account'])
        found.push(Number(await readFile(join(DIR, 'run', `${name}.pid`), 'utf8').catch(() => 'NaN')))
      return found.filter((pid) => Number.isInteger(pid))
    },
    async stop() {
      await run('bash', [SWIFT_SCRIPT, 'stop', DIR], { timeout: 60_000 }).catch(() => {})
      await rm(DIR, { recursive: true, force: true })
    },
  }
}
