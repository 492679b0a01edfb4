#!/usr/bin/env node
// The README's two commands land here: `npm run dev` / `pnpm dev` and `npm test` / `pnpm test`.
// On a fresh machine with only Node it installs what the task needs first (pnpm, the workspace's
// packages and, for tests, the Debian packages of the S3 test server and the browser), then runs it.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const PNPM = '10.34.9'
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const task = process.argv[2]

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

function must(command, args) {
  const status = run(command, args)
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status})`)
    process.exit(status)
  }
}

function hasPnpm() {
  try {
    return (
      execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim().split('.')[0] === PNPM.split('.')[0]
    )
  } catch {
    return false
  }
}

function ensureDependencies() {
  if (!hasPnpm()) {
    console.log(`Installing pnpm ${PNPM} (npm i -g)…`)
    must('npm', ['install', '--global', `pnpm@${PNPM}`])
  }
  const marker = join(root, 'node_modules', '.modules.yaml')
  const lock = join(root, 'pnpm-lock.yaml')
  const stale = !existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs
  if (stale || process.env.CI) must('pnpm', ['install', '--frozen-lockfile'])
}

/**
 * The S3 test server (Swift), Chromium, Firefox ESR and redis-server (the shared rate-limit tests)
 * come from Debian's packages; installing them needs root. A failed install stops the run.
 */
function ensureTestSystemPackages() {
  must('bash', [join(root, 'scripts/swift-s3.sh'), 'install'])
  for (const browser of ['install-chromium.sh', 'install-firefox.sh'])
    if (existsSync(join(root, 'scripts', browser))) must('bash', [join(root, 'scripts', browser)])
  must('bash', [join(root, 'scripts/install-redis.sh')])
}

/**
 * The suites start Swift (the server suite's shared one, e2e's and the outage tests' private ones)
 * and the shared one stays up after them, so that the next run's `start` is instant. `npm test`
 * leaves nothing running, so it stops every one afterwards, failed runs included, unless
 * DROPGATE_KEEP_SWIFT=1 keeps the shared one warm. The private ones are stopped by their own suites;
 * stopping them again here only matters when a suite was killed before its teardown.
 * Returns false when one would not stop.
 */
function stopTestSwifts() {
  const tmp = join(root, '.tmp')
  const dirs = [join(tmp, 'e2e', 'swift')]
  if (existsSync(tmp))
    for (const name of readdirSync(tmp)) if (name.startsWith('swift-throwaway-')) dirs.push(join(tmp, name))
  if (['1', 'true'].includes(process.env.DROPGATE_KEEP_SWIFT ?? ''))
    console.log('DROPGATE_KEEP_SWIFT: the S3 test server stays up (`bash scripts/swift-s3.sh stop` stops it)')
  else dirs.unshift(join(tmp, 'swift'))
  let stopped = true
  for (const dir of dirs) {
    // `stop` removes the pid files of what it stopped: without one, nothing of that folder runs.
    const runDir = join(dir, 'run')
    if (!existsSync(runDir) || !readdirSync(runDir).some((name) => name.endsWith('.pid'))) continue
    if (run('bash', [join(root, 'scripts/swift-s3.sh'), 'stop', dir]) !== 0) stopped = false
  }
  return stopped
}

/** Whether nothing listens on 127.0.0.1:`port` (a listen that succeeds is closed at once). */
const portFree = (port) =>
  new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })

/**
 * The shared S3 test server's proxy port: SWIFT_PORT when set, none (the running one's) when this
 * checkout's is up, else the first of 8080, 8180, …
 * whose proxy and backend ports (PORT, PORT+10..13, scripts/swift-s3.sh) are all free, so a Swift
 * another checkout (or a developer) left running on the default ports does not fail this run.
 */
async function sharedSwiftPort() {
  if (process.env.SWIFT_PORT) return process.env.SWIFT_PORT
  // One already running from this checkout (DROPGATE_KEEP_SWIFT, or a run killed before its stop)
  // is used where it is: swift-s3.sh takes its recorded port when SWIFT_PORT is unset.
  const runDir = join(root, '.tmp', 'swift', 'run')
  if (existsSync(join(runDir, 'port')) && readdirSync(runDir).some((name) => name.endsWith('.pid')))
    return undefined
  for (let port = 8080; port < 9000; port += 100) {
    const ports = [port, port + 10, port + 11, port + 12, port + 13]
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return String(port)
  }
  return '8080'
}

switch (task) {
  case 'dev':
    ensureDependencies()
    process.exit(run(process.execPath, [join(root, 'scripts/dev.mjs')]))
    break
  case 'test':
    ensureDependencies()
    ensureTestSystemPackages()
    {
      // Ctrl-C reaches the suites too (one process group) and ends them; this process outlives it
      // (spawnSync returns once they are gone) so that Swift is still stopped.
      process.on('SIGINT', () => {})
      const port = await sharedSwiftPort()
      const env = port ? { ...process.env, SWIFT_PORT: port } : process.env
      const status = run('pnpm', ['-r', '--workspace-concurrency=1', '--if-present', 'run', 'test'], { env })
      if (!stopTestSwifts()) {
        console.error('\nthe S3 test server did not stop (see above): `bash scripts/swift-s3.sh stop`')
        process.exit(status || 1)
      }
      process.exit(status)
    }
    break
  default:
    console.error('usage: node scripts/task.mjs dev|test')
    process.exit(2)
}
