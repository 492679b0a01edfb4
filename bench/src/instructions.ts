// `pnpm --dir bench run instructions [-- --requests=N --warmup=N --rounds=N --connections=N
// --baseline=<git rev> --only=a,f,b]`: CPU instructions per request of part 1's servers, counted by
// valgrind's callgrind, which counts the instructions a process runs whatever else the machine does:
// on a shared, loaded VM the req/s of `pnpm bench presign` move by tens of percent from run to run,
// these counts by well under one. Each server runs under callgrind as the bench runs it (same
// command, same environment); a client outside valgrind sends the warm-up (JIT tiers, caches), then
// each round's counters are zeroed, N requests sent, and the counters dumped (`callgrind_control`):
// what the process (all its threads: V8's compiler and GC helpers too) ran for those N answers.
// Dropgate runs on the s3 driver with Swift's settings (scripts/swift-s3.sh env) and no store
// behind them: a presign for a secret key never contacts the store, so nothing else changes.
// With --baseline=<rev>, that revision's server/ (git archive, run against this checkout's
// node_modules and core/) is measured as (b0) beside the working tree's (b).
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freeSwiftPort, swiftS3Env } from '@dropgate/testkit'
import autocannon from 'autocannon'
import { SECRET_KEY, startDropgate } from './dropgate.ts'
import { ROOT, TMP } from './paths.ts'
import { type Peer, startBenchPeer } from './processes.ts'
import { formatInt } from './report.ts'

const run = promisify(execFile)
const args = new Map(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [name, value = ''] = a.slice(2).split('=')
      return [name as string, value] as const
    }),
)
const REQUESTS = Number(args.get('requests') ?? 4000)
const WARMUP = Number(args.get('warmup') ?? 20_000)
const WARMUP_BATCHES = 5
const ROUNDS = Number(args.get('rounds') ?? 3)
// One connection by default: the answers then never share an event-loop turn, so how many do is
// not left to timing (50 connections, as in part 1, batch some, at a lower count per request).
const CONNECTIONS = Number(args.get('connections') ?? 1)
const baseline = args.get('baseline')
const only = args.get('only')?.split(',')
const OUT = join(TMP, 'callgrind')

const presignBody = JSON.stringify({ filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 1_048_576 })

interface Target {
  id: string
  label: string
  start(launcher: string[]): Promise<Peer>
  request: { path: string; method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }
  /**
   * The server's HOST variable: valgrind names its vgdb pipes after $HOST (`…-by-$USER-on-$HOST`),
   * and callgrind_control finds them by its own, so it must see the server's (Dropgate's is set).
   */
  host?: string
}

async function targets(s3: Record<string, string>, baselineServer?: string): Promise<Target[]> {
  const dropgate = (id: string, server?: string): Target => ({
    id,
    label: `Dropgate POST /api/v1/files (JSON, s3)${server ? ` at ${baseline}` : ''}`,
    start: (launcher) =>
      startDropgate(`callgrind-${id}`, { DROPGATE_STORAGE: 's3', ...s3 }, { launcher, server }),
    host: '127.0.0.1', // startDropgate's HOST
    request: {
      path: '/api/v1/files',
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
      body: presignBody,
    },
  })
  const list: Target[] = [
    {
      id: 'a',
      label: 'bare Hono GET / (text)',
      start: (launcher) => startBenchPeer('callgrind-a', 'bare-hono.ts', { launcher }),
      request: { path: '/', method: 'GET' },
    },
    {
      id: 'f',
      label: 'Hono JSON POST floor (no auth, no signing)',
      start: (launcher) => startBenchPeer('callgrind-f', 'json-floor.ts', { launcher }),
      request: {
        path: '/json',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: presignBody,
      },
    },
    ...(baselineServer ? [dropgate('b0', baselineServer)] : []),
    dropgate('b'),
  ]
  return list.filter((t) => !only || only.includes(t.id))
}

/** `amount` requests on `connections` connections; anything but a 200 is an error. */
async function send(peer: Peer, target: Target, amount: number): Promise<void> {
  const result = await autocannon({
    url: peer.url + target.request.path,
    method: target.request.method,
    headers: target.request.headers ?? {},
    ...(target.request.body !== undefined && { body: target.request.body }),
    connections: CONNECTIONS,
    amount,
    timeout: 60,
  })
  const ok = result.statusCodeStats?.['200']?.count ?? 0
  if (ok !== amount || result.errors > 0)
    throw new Error(
      `${target.id}: ${ok} of ${amount} answers were 200, ${result.errors} errors (${peer.logFile})`,
    )
}

/** `callgrind_control <option> <pid>`, with the server's HOST (Target.host). */
async function control(target: Target, peer: Peer, option: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (target.host === undefined) delete env.HOST
  else env.HOST = target.host
  await run('callgrind_control', [option, String(peer.pid)], { timeout: 600_000, env })
}

/** Instructions since the last zero, from the dump `callgrind_control` makes now. */
async function dumpedInstructions(target: Target, peer: Peer, outBase: string): Promise<number> {
  const before = new Set(readdirSync(OUT))
  await control(target, peer, '--dump')
  const name = `${outBase}.${peer.pid}`
  const dump = readdirSync(OUT).find((f) => f.startsWith(`${name}.`) && !before.has(f))
  if (!dump) throw new Error(`no callgrind dump for ${name} in ${OUT}`)
  const text = readFileSync(join(OUT, dump), 'utf8')
  // The sum of every cost line, which is what the profile's functions add up to.
  const totals = /^totals:\s+(\d+)/m.exec(text)
  if (!totals) throw new Error(`no totals line in ${dump}`)
  return Number(totals[1])
}

async function measure(target: Target): Promise<number[]> {
  const outBase = `callgrind-${target.id}`
  const launcher = [
    'valgrind',
    '--tool=callgrind',
    '--fair-sched=yes',
    // The warm-up runs uninstrumented (several times faster under valgrind); counting starts after it.
    '--instr-atstart=no',
    `--callgrind-out-file=${join(OUT, `${outBase}.%p`)}`,
  ]
  const peer = await target.start(launcher)
  try {
    // In batches, each on connections of its own: a connection's first close and the next one's
    // open reach code the first batch never ran, and V8 deoptimizes and recompiles around them for
    // the next two or three batches (--trace-deopt); a single long warm-up leaves that to round 1.
    for (let batch = 0; batch < WARMUP_BATCHES; batch++) await send(peer, target, WARMUP / WARMUP_BATCHES)
    await control(target, peer, '--instr=on')
    const perRequest: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      await control(target, peer, '--zero')
      await send(peer, target, REQUESTS)
      const count = (await dumpedInstructions(target, peer, outBase)) / REQUESTS
      perRequest.push(count)
      console.log(`  round ${round} (${target.id}) ${target.label}: ${formatInt(count)} instructions/request`)
    }
    return perRequest
  } finally {
    await peer.stop()
  }
}

/** That revision's server/ in bench/.tmp, running on this checkout's node_modules. */
function extractBaseline(rev: string): string {
  const dir = join(TMP, `baseline-${rev.replace(/[^A-Za-z0-9._-]/g, '_')}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const tar = execFileSync('git', ['-C', ROOT, 'archive', rev, 'server'], { maxBuffer: 1 << 30 })
  execFileSync('tar', ['-x', '-C', dir], { input: tar })
  symlinkSync(join(ROOT, 'server', 'node_modules'), join(dir, 'server', 'node_modules'))
  return join(dir, 'server', 'bin', 'dropgate-dev.mjs')
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

async function main() {
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  // Swift's settings, on a port where nothing listens.
  const s3 = await swiftS3Env({ ...process.env, SWIFT_PORT: String(await freeSwiftPort()) })
  const list = await targets(s3, baseline ? extractBaseline(baseline) : undefined)
  console.log(
    `callgrind: ${WARMUP} warm-up requests, then ${ROUNDS} rounds of ${REQUESTS} on ${CONNECTIONS} connection(s)`,
  )
  const counts = new Map<string, number>()
  for (const target of list) counts.set(target.id, median(await measure(target)))
  console.log('')
  for (const target of list)
    console.log(
      `(${target.id}) ${target.label}: ${formatInt(counts.get(target.id) as number)} instructions/request`,
    )
  const ratio = (x: string, y: string) => {
    const [p, q] = [counts.get(x), counts.get(y)]
    if (p === undefined || q === undefined) return
    // Fewer instructions is faster: the rate ratio x/y is the inverse of the count ratio.
    console.log(
      `${x}/${y} = ${(q / p).toFixed(3)} (as a rate; ${formatInt(p - q)} instructions/request more)`,
    )
  }
  ratio('b', 'f')
  ratio('b', 'a')
  ratio('f', 'a')
  ratio('b', 'b0')
}

await main()
