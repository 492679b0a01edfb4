import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort, portIsFree } from './ports.js'

const run = promisify(execFile)

/** The S3 test server's script (install, start [dir], stop [dir], env): Swift with its S3 API. */
export const SWIFT_SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'swift-s3.sh')

const VARS = [
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'DROPGATE_PUBLIC_BASE_URL',
] as const

/** A free proxy port P for a private Swift whose backends' ports P+10..P+13 are free too. */
export async function freeSwiftPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort()
    if (port > 65_535 - 13) continue
    const free = await Promise.all([10, 11, 12, 13].map((offset) => portIsFree(port + offset)))
    if (free.every(Boolean)) return port
  }
  throw new Error('no free port P with P+10..P+13 free for Swift')
}

/**
 * What `swift-s3.sh env` prints for the Swift `env` names (SWIFT_PORT): S3_* and
 * DROPGATE_PUBLIC_BASE_URL, evaluated by bash, so the script's own quoting is the only one.
 */
export async function swiftS3Env(env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string>> {
  const { stdout } = await run(
    'bash',
    [
      '-c',
      `eval "$(bash "$0" env)" && for v in ${VARS.join(' ')}; do printf '%s=%s\\0' "$v" "\${!v}"; done`,
      SWIFT_SCRIPT,
    ],
    { env },
  )
  const vars: Record<string, string> = {}
  for (const entry of stdout.split('\0')) {
    const eq = entry.indexOf('=')
    if (eq > 0) vars[entry.slice(0, eq)] = entry.slice(eq + 1)
  }
  return vars
}
