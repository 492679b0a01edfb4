#!/usr/bin/env node
// The demo imports the widget's build (the npm entry and the script-tag file), as a site would.
// On a fresh clone that build does not exist yet: make it once. `pnpm --dir widget build` remakes it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const widget = fileURLToPath(new URL('../../widget/', import.meta.url))
const outputs = ['dist/index.js', 'dist/dropgate.iife.js'].map((file) => `${widget}${file}`)

if (!outputs.every((file) => existsSync(file))) {
  console.log('demo: building the widget first (pnpm --dir widget build)…')
  const result = spawnSync('pnpm', ['--dir', widget, 'build'], { stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status !== 0) process.exit(result.status ?? 1)
}
