import { readdir, readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import { bundleWorker } from '../../server/workers/bundle.ts'
import { startLocalWorkers } from '../../server/workers/local.ts'
import { SECRET_KEY, startDropgate } from './dropgate.ts'
import { load, type Measured, type Target } from './presign.ts'
import type { Peer } from './processes.ts'
import { formatInt, formatKB, type PartResult, type Row } from './report.ts'

/**
 * The Workers entry (server/src/entries/workers.ts): the size of its bundle as `wrangler deploy`
 * uploads it (minified, raw and gzip), and the presign route (JSON-mode POST /api/v1/files, secret
 * key, s3 driver) under workerd (Miniflare 4, the Worker's own socket) beside the Node server on the
 * same route in the same run: requests per second and the server's CPU time per request (workerd's
 * process, which also runs Miniflare's small entry service, idle here).
 */
export interface WorkersOptions {
  connections: number
  seconds: number
  warmupSeconds: number
  s3: Record<string, string>
}

const presign: Target['request'] = {
  path: '/api/v1/files',
  method: 'POST',
  headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
  body: JSON.stringify({ filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 1_048_576 }),
}

/** The workerd process Miniflare started for this run: a child of this process. */
async function workerdPid(): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (comm === 'workerd' && ppid === process.pid) return Number(entry)
  }
  throw new Error('no workerd process under this one')
}

export async function workersBench(options: WorkersOptions): Promise<PartResult> {
  const bundle = await bundleWorker({ minify: true })
  const gzipBytes = gzipSync(bundle.code).byteLength
  console.log(`  Worker bundle: ${formatKB(bundle.bytes)} minified, ${formatKB(gzipBytes)} gzip`)

  const workers = await startLocalWorkers({
    quiet: true,
    vars: { DROPGATE_STORAGE: 's3', DROPGATE_API_KEYS: SECRET_KEY, ...options.s3 },
  })
  let node: Peer | undefined
  const measured: Record<'workerd' | 'node', Measured> = {} as never
  try {
    const pid = await workerdPid()
    node = await startDropgate('dropgate-node-presign', { DROPGATE_STORAGE: 's3', ...options.s3 })
    const url = (workers.urls[0] as URL).origin
    const worker: Peer = { name: 'workerd', url, pid, logFile: '(quiet)', stop: async () => {} }
    const targets: [keyof typeof measured, Peer][] = [
      ['workerd', worker],
      ['node', node],
    ]
    for (const [name, peer] of targets) {
      const target: Target = { id: 'b', label: name, start: async () => peer, request: presign }
      await load(peer, target, options.connections, options.warmupSeconds)
      const result = await load(peer, target, options.connections, options.seconds)
      if (result.non200 > 0 || result.errors > 0)
        throw new Error(`${name}: ${result.non200} answers other than 200 and ${result.errors} errors`)
      measured[name] = result
      console.log(
        `  ${name}: ${formatInt(result.reqPerSec)} req/s, p50 ${result.p50} ms, ${formatInt(result.cpuMicrosPerRequest)} µs server CPU per request`,
      )
    }
  } finally {
    await node?.stop()
    await workers.close()
  }
  const { workerd, node: onNode } = measured
  const rows: Row[] = [
    {
      part: 'workers',
      figure: 'Worker bundle (minified, gzip)',
      value: `${formatKB(bundle.bytes)} / ${formatKB(gzipBytes)}`,
      peer: 'Workers free-plan script limit (3 MB gzip)',
      peerValue: formatKB(3_000_000),
      ratio: gzipBytes / 3_000_000,
      ratioLabel: 'ours / limit',
      goal: 'small (report)',
      met: null,
    },
    {
      part: 'workers',
      figure: 'presign CPU per request under workerd',
      value: `${formatInt(workerd.cpuMicrosPerRequest)} µs (${formatInt(workerd.reqPerSec)} req/s)`,
      peer: 'the Node server, same route',
      peerValue: `${formatInt(onNode.cpuMicrosPerRequest)} µs (${formatInt(onNode.reqPerSec)} req/s)`,
      ratio: workerd.cpuMicrosPerRequest / onNode.cpuMicrosPerRequest,
      ratioLabel: 'workerd / Node CPU',
      goal: 'report',
      met: null,
    },
  ]
  return { part: 'workers', rows, data: { bundleBytes: bundle.bytes, gzipBytes, measured, options } }
}
