import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { portIsFree } from './ports.js'

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
  'S3_QUARANTINE_BUCKET',
] as const

/**
 * A free proxy port P for a private Swift whose backends' ports P+10..P+13 are free too. Chosen below
 * the kernel's ephemeral range: Swift takes seconds to bind all five, and a port the OS may hand to
 * any outgoing connection meanwhile (a test's, a server's) was once taken before memcached bound P+13.
 */
export async function freeSwiftPort(): Promise<number> {
  const below = await ephemeralStart()
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * (below - 20_000 - 14))
    const free = await Promise.all([0, 10, 11, 12, 13].map((offset) => portIsFree(port + offset)))
    if (free.every(Boolean)) return port
  }
  throw new Error(`no free port P with P+10..P+13 free for Swift between 20000 and ${below}`)
}

/** The first port the OS hands out to outgoing connections (Linux: ip_local_port_range), or 32768. */
async function ephemeralStart(): Promise<number> {
  try {
    const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    const start = Number(range.trim().split(/\s+/)[0])
    return Number.isInteger(start) && start > 21_000 ? start : 32_768
  } catch {
    return 32_768
  }
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
