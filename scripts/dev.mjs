#!/usr/bin/env node
// `pnpm dev`: the signer on the embedded store, with a dev API key it makes once and prints,
// and the demo page beside it once the demo package exists. Ctrl-C stops everything.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = join(root, '.dropgate')
const keyFile = join(dataDir, 'dev-api-key')
mkdirSync(dataDir, { recursive: true })
if (!existsSync(keyFile))
  writeFileSync(keyFile, `dg_sk_dev_${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 })
const devKey = readFileSync(keyFile, 'utf8').trim()

const port = process.env.PORT ?? '8787'
const host = process.env.HOST ?? '127.0.0.1'
const env = {
  ...process.env,
  PORT: port,
  HOST: host,
  DROPGATE_DATA_DIR: process.env.DROPGATE_DATA_DIR ?? dataDir,
  // The dev key is stored as its digest only, the way production should configure keys.
  DROPGATE_API_KEYS:
    process.env.DROPGATE_API_KEYS ?? `sha256:${createHash('sha256').update(devKey).digest('hex')}`,
}

const children = [
  spawn(process.execPath, [join(root, 'server/bin/dropgate.mjs'), 'serve'], { env, stdio: 'inherit' }),
]
if (existsSync(join(root, 'demo/package.json')))
  children.push(spawn('pnpm', ['--dir', join(root, 'demo'), 'dev'], { env, stdio: 'inherit' }))

const base = `http://${host}:${port}`
console.log(`
Dropgate dev server: ${base} (embedded store in ${env.DROPGATE_DATA_DIR})
Dev API key (for local use only): ${devKey}

Try it:
  curl -s -X POST ${base}/api/v1/files -H "Authorization: Bearer ${devKey}" -F file=@photo.png
`)

const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children)
  child.on('exit', (code) => {
    stop()
    process.exitCode = code ?? 0
  })
