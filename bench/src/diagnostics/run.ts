// `pnpm --dir bench run diagnose [floor] [store] [chromium]`: measurements that explain the table,
// not part of `pnpm bench`.
//   floor     JSON POST floor of Hono on Node (no auth, no signing) between bare Hono and Dropgate
//   store     PUT throughput to Swift from Node: one 256 MiB PUT vs parts of 8/32 MiB, 1 or 4 at a time
//   chromium  the same from Chromium (XMLHttpRequest, as Uppy sends parts) with a file from disk

import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { CHROMIUM_LAUNCH, sendChunks } from '@dropgate/testkit'
import autocannon from 'autocannon'
import { chromium } from 'playwright-core'
import { xhrParts } from '../chromium-xhr.ts'
import { presignPut, SECRET_KEY, startDropgate } from '../dropgate.ts'
import { mp4Chunks, mp4File } from '../media.ts'
import { LOGS, MiB, TMP } from '../paths.ts'
import { cpuSeconds, freePort, killStarted, type Peer, startBenchPeer } from '../processes.ts'
import { startSwift } from '../swift.ts'

const wanted = process.argv.slice(2)
const runs = (name: string) => wanted.length === 0 || wanted.includes(name)
const SIZE = 256 * MiB
const SHAPES = [
  [256, 1],
  [8, 1],
  [32, 1],
  [8, 4],
  [16, 4],
  [32, 4],
] as const

await mkdir(LOGS, { recursive: true })
const pagePort = await freePort()
const origin = `http://127.0.0.1:${pagePort}`
const swift = await startSwift([origin])
const server = await startDropgate('diagnose', {
  DROPGATE_STORAGE: 's3',
  ...swift.env,
  DROPGATE_MAX_VIDEO_BYTES: String(300 * MiB),
  DROPGATE_ALLOWED_ORIGINS: origin,
})
try {
  if (runs('floor')) await floor(server)
  if (runs('store')) await store(server)
  if (runs('chromium')) await browser(server)
} finally {
  await server.stop()
  await swift.stop()
  killStarted()
}

async function floor(dropgate: Peer) {
  const body = JSON.stringify({ filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 1_048_576 })
  const json = { 'content-type': 'application/json' }
  const bare = await startBenchPeer('bare-hono', 'bare-hono.ts')
  const jsonFloor = await startBenchPeer('json-floor', 'json-floor.ts')
  const targets = [
    { label: 'bare Hono GET / (text)', peer: bare, path: '/', method: 'GET' as const, headers: {} },
    { label: 'Hono JSON POST floor', peer: jsonFloor, path: '/json', method: 'POST' as const, headers: json },
    {
      label: 'Dropgate POST /api/v1/files',
      peer: dropgate,
      path: '/api/v1/files',
      method: 'POST' as const,
      headers: { ...json, authorization: `Bearer ${SECRET_KEY}` },
    },
  ]
  try {
    console.log('\nfloor: -c 50, 3 rounds of 5 s, alternating (req/s, server CPU µs per request)')
    for (let round = 0; round < 4; round++)
      for (const t of targets) {
        const cpu = await cpuSeconds(t.peer.pid)
        const r = await autocannon({
          url: t.peer.url + t.path,
          method: t.method,
          headers: t.headers,
          ...(t.method === 'POST' && { body }),
          connections: 50,
          duration: round === 0 ? 2 : 5,
        })
        if (round === 0) continue // warm-up
        const us = (((await cpuSeconds(t.peer.pid)) - cpu) * 1e6) / r.requests.total
        console.log(
          `  ${t.label.padEnd(30)} ${Math.round(r.requests.average).toString().padStart(6)} req/s  ${us.toFixed(0).padStart(4)} µs/req  non-2xx ${r.non2xx}`,
        )
      }
  } finally {
    await bare.stop()
    await jsonFloor.stop()
  }
}

async function store(dropgate: Peer) {
  console.log('\nstore: 256 MiB to Swift from Node, as presigned PUTs of each part size, n at a time (MiB/s)')
  for (let round = 0; round < 2; round++) {
    const out: string[] = []
    for (const [partMiB, parallel] of SHAPES) {
      const count = 256 / partMiB
      const urls = await Promise.all(
        Array.from({ length: count }, () => presignPut(dropgate.url, partMiB * MiB)),
      )
      const started = performance.now()
      let next = 0
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let i = next++; i < count; i = next++) {
            const { uploadUrl, headers } = urls[i] as (typeof urls)[number]
            const answer = await sendChunks(
              uploadUrl,
              'PUT',
              { ...headers, 'content-length': partMiB * MiB },
              mp4Chunks(partMiB * MiB),
            )
            if (answer.status !== 200) throw new Error(`PUT: ${answer.status}`)
          }
        }),
      )
      out.push(`${partMiB} MiB×${parallel}: ${(256 / ((performance.now() - started) / 1000)).toFixed(0)}`)
    }
    console.log(`  ${out.join(', ')}`)
  }
}

async function browser(dropgate: Peer) {
  const file = join(TMP, `clip-${SIZE / MiB}MiB.mp4`)
  await mp4File(file, SIZE)
  const page = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<!doctype html><input type=file>')
  })
  await new Promise<void>((resolve) => page.listen(pagePort, '127.0.0.1', resolve))
  const chrome = await chromium.launch({
    executablePath: CHROMIUM_LAUNCH.executablePath,
    args: [...CHROMIUM_LAUNCH.args],
  })
  try {
    console.log(
      '\nchromium: 256 MiB from disk to Swift with XMLHttpRequest, as presigned PUTs of each part size, n at a time (MiB/s)',
    )
    for (let round = 0; round < 2; round++) {
      const tab = await (await chrome.newContext()).newPage()
      await tab.goto(origin)
      await tab.locator('input').setInputFiles(file)
      const out: string[] = []
      for (const [partMiB, parallel, progress] of [...SHAPES, [32, 4, true] as const]) {
        const count = 256 / partMiB
        const urls = (
          await Promise.all(Array.from({ length: count }, () => presignPut(dropgate.url, partMiB * MiB)))
        ).map((p) => p.uploadUrl)
        const seconds = await xhrParts(tab, urls, partMiB * MiB, parallel, progress === true)
        out.push(`${partMiB} MiB×${parallel}${progress ? ' +progress' : ''}: ${(256 / seconds).toFixed(0)}`)
      }
      console.log(`  ${out.join(', ')}`)
      await tab.close()
    }
  } finally {
    await chrome.close()
    page.close()
  }
}
