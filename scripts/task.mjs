#!/usr/bin/env node
// The README's two commands land here: `npm run dev` / `pnpm dev` and `npm test` / `pnpm test`.
// On a fresh machine with only Node it installs what the task needs first (pnpm, the workspace's
// packages and, for tests, the Debian packages of the S3 test server and the browser), then runs it.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
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

/** The S3 test server (Swift) and Chromium come from Debian's packages; installing them needs root. */
function ensureTestSystemPackages() {
  must('bash', [join(root, 'scripts/swift-s3.sh'), 'install'])
  if (existsSync(join(root, 'scripts/install-chromium.sh')))
    must('bash', [join(root, 'scripts/install-chromium.sh')])
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
      const status = run('pnpm', ['-r', '--workspace-concurrency=1', '--if-present', 'run', 'test'])
      // The suites start the S3 test server and leave it up for the next run; CI has no next run.
      if (process.env.CI) run('bash', [join(root, 'scripts/swift-s3.sh'), 'stop'])
      process.exit(status)
    }
    break
  default:
    console.error('usage: node scripts/task.mjs dev|test')
    process.exit(2)
}
