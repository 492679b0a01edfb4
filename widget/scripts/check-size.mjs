#!/usr/bin/env node
// Bundle budget of the script-tag build: at most 100 KB gzip for dist/dropgate.iife.js, which
// carries the widget's JS and all of its CSS (injected into the shadow root at run time), so this
// one number is everything a page downloads up front. KB here is 1,000 bytes, the stricter reading.
// The chunks it loads on demand, dist/dropgate-media.js (when a file needs measuring) and
// dist/dropgate-resume.js (resuming uploads), are reported alongside, with no budget of their own,
// and so is the largest language file of dist/locales/ (each fetched only by a page in that language).
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET = 100_000
const file = fileURLToPath(new URL('../dist/dropgate.iife.js', import.meta.url))

let bytes
try {
  bytes = readFileSync(file)
} catch {
  console.error(`size: ${file} is missing; run \`pnpm --dir widget build\` first`)
  process.exit(1)
}
const gzip = gzipSync(bytes, { level: 9 }).length
const kb = (n) => `${(n / 1000).toFixed(1)} KB`
const line = `size: dist/dropgate.iife.js ${kb(bytes.length)} raw, ${kb(gzip)} gzip (budget ${kb(BUDGET)}, ${((gzip / BUDGET) * 100).toFixed(0)}%)`
if (gzip > BUDGET) {
  console.error(`${line}: OVER BUDGET by ${kb(gzip - BUDGET)}`)
  process.exit(1)
}
console.log(line)
for (const chunk of ['dropgate-media.js', 'dropgate-resume.js']) {
  try {
    const bytes = readFileSync(fileURLToPath(new URL(`../dist/${chunk}`, import.meta.url)))
    console.log(
      `size: dist/${chunk} ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip (loaded on demand)`,
    )
  } catch {
    console.error(`size: dist/${chunk} is missing; run \`pnpm --dir widget build\` first`)
    process.exit(1)
  }
}
try {
  const dir = fileURLToPath(new URL('../dist/locales/', import.meta.url))
  const sizes = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ f, gzip: gzipSync(readFileSync(`${dir}${f}`), { level: 9 }).length }))
    .sort((a, b) => b.gzip - a.gzip)
  const largest = sizes[0]
  console.log(
    `size: dist/locales/ ${sizes.length} files, largest ${largest?.f} ${kb(largest?.gzip ?? 0)} gzip (loaded on demand)`,
  )
} catch {
  console.error('size: dist/locales/ is missing; run `pnpm --dir widget build` first')
  process.exit(1)
}
