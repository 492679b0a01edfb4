#!/usr/bin/env node
// `pnpm dev`: the signer on the embedded store, with a dev API key and token secret it makes once
// and prints, a dev publishable key bound to the demo's origins, and the demo page beside it once
// the demo package exists. Ctrl-C stops everything.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = join(root, '.dropgate')
mkdirSync(dataDir, { recursive: true })

/** A secret made on first run and kept in .dropgate/ (git-ignored), readable by its owner only. */
function devSecret(name, make) {
  const file = join(dataDir, name)
  if (!existsSync(file)) writeFileSync(file, `${make()}\n`, { mode: 0o600 })
  return readFileSync(file, 'utf8').trim()
}
const devKey = devSecret('dev-api-key', () => `dg_sk_dev_${randomBytes(24).toString('base64url')}`)
const tokenSecret = devSecret('dev-token-secret', () => randomBytes(32).toString('base64url'))

/** Public by design: bound to the demo's origins, so the demo uploads with no set-up. */
const DEV_PUBLISHABLE_KEY = 'dg_pk_dev_demo'
const host = process.env.HOST ?? '127.0.0.1'
const port = process.env.PORT ?? '8787'
const demoPort = process.env.DEMO_PORT ?? '5173'
const demoOrigins = [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`]
const base = `http://${host}:${port}`

const env = {
  ...process.env,
  PORT: port,
  HOST: host,
  DEMO_PORT: demoPort,
  DROPGATE_DATA_DIR: process.env.DROPGATE_DATA_DIR ?? dataDir,
  // The dev key is configured as its digest only, the way production should configure keys.
  DROPGATE_API_KEYS:
    process.env.DROPGATE_API_KEYS ?? `sha256:${createHash('sha256').update(devKey).digest('hex')}`,
  DROPGATE_TOKEN_SECRET: process.env.DROPGATE_TOKEN_SECRET ?? tokenSecret,
  DROPGATE_PUBLISHABLE_KEYS:
    process.env.DROPGATE_PUBLISHABLE_KEYS ?? [DEV_PUBLISHABLE_KEY, ...demoOrigins].join('|'),
  DROPGATE_ALLOWED_ORIGINS: process.env.DROPGATE_ALLOWED_ORIGINS ?? demoOrigins.join(','),
  // Read by the demo page (Vite exposes VITE_* to it): where the signer is, and the public key to use.
  VITE_DROPGATE_ENDPOINT: base,
  VITE_DROPGATE_PUBLISHABLE_KEY: DEV_PUBLISHABLE_KEY,
}

// Each child leads its own process group, so stopping it stops what it started too (pnpm does not
// pass signals on to vite).
const options = { env, stdio: 'inherit', detached: true }
const children = [spawn(process.execPath, [join(root, 'server/bin/dropgate-dev.mjs'), 'serve'], options)]
if (existsSync(join(root, 'demo/package.json')))
  children.push(spawn('pnpm', ['--dir', join(root, 'demo'), 'dev'], options))

console.log(`
Dropgate dev server: ${base} (embedded store in ${env.DROPGATE_DATA_DIR})
Dev API key (secret, local use only): ${devKey}
Dev publishable key (public, for ${demoOrigins.join(' and ')}): ${DEV_PUBLISHABLE_KEY}

Try it:
  curl -s -X POST ${base}/api/v1/files -H "Authorization: Bearer ${devKey}" -F file=@photo.png
`)

const stop = () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children)
  child.on('exit', (code) => {
    stop()
    process.exitCode = code ?? 0
  })
