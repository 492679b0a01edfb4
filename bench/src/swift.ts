import { execFile } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT, TMP } from './paths.ts'
import { portIsFree } from './processes.ts'

const run = promisify(execFile)
const SCRIPT = join(ROOT, 'scripts', 'swift-s3.sh')
const DIR = join(TMP, 'swift')
const VARS = [
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'DROPGATE_PUBLIC_BASE_URL',
]

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
  await run('bash', [SCRIPT, 'install'], { timeout: 600_000 })
  await rm(DIR, { recursive: true, force: true })
  const port = await freeSwiftPort()
  const env = { ...process.env, SWIFT_PORT: String(port), S3_CORS_ORIGINS: origins.join(',') }
  try {
    await run('bash', [SCRIPT, 'start', DIR], { env, timeout: 90_000 })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`could not start Swift (scripts/swift-s3.sh start):\n${stdout}${stderr}`)
  }
  // The script's own `env` output, evaluated by bash, so its quoting rules are the only ones.
  const { stdout } = await run(
    'bash',
    [
      '-c',
      `eval "$(bash "$0" env)" && for v in ${VARS.join(' ')}; do printf '%s=%s\\0' "$v" "\${!v}"; done`,
      SCRIPT,
    ],
    { env },
  )
  const vars: Record<string, string> = {}
  for (const entry of stdout.split('\0')) {
    const eq = entry.indexOf('=')
    if (eq > 0) vars[entry.slice(0, eq)] = entry.slice(eq + 1)
  }
  return {
    env: vars,
    async pids() {
      const found: number[] = []
      for (const name of ['proxy', 'object', 'container', 'account'])
        found.push(Number(await readFile(join(DIR, 'run', `${name}.pid`), 'utf8').catch(() => 'NaN')))
      return found.filter((pid) => Number.isInteger(pid))
    },
    async stop() {
      await run('bash', [SCRIPT, 'stop', DIR], { timeout: 60_000 }).catch(() => {})
      await rm(DIR, { recursive: true, force: true })
    },
  }
}

/** Swift needs its proxy port P and P+10..P+13 (backends, memcached). */
async function freeSwiftPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000)
    const ports = [port, port + 10, port + 11, port + 12, port + 13]
    if ((await Promise.all(ports.map(portIsFree))).every(Boolean)) return port
  }
  throw new Error('no free ports for Swift')
}
