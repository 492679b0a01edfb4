import autocannon from 'autocannon'
import { SECRET_KEY, startDropgate } from './dropgate.ts'
import { startCompanion } from './peers/companion.ts'
import { cpuSeconds, type Peer, startBenchPeer } from './processes.ts'
import { formatInt, type PartResult, type Row } from './report.ts'

/**
 * Part 1, presign throughput: autocannon on loopback against three servers, one after the other,
 * same connections and duration, each after a warm-up:
 *   (a) a bare Hono route returning text, (b) Dropgate's JSON-mode POST /api/v1/files with a secret
 *   key, validation and a presign on the s3 driver, (c) @uppy/companion's own S3 signing endpoint
 *   GET /s3/params for the same bucket.
 * And for context, with no goal: (f) the floor of any JSON POST on Hono and Node (peers/json-floor.ts:
 * read a small JSON body, answer a JSON object of a presign's size; no authentication, no signing),
 * the most (b) could reach against (a) on this machine.
 * Every answer must be a 200: anything else (or a socket error) fails the part.
 */

export interface PresignOptions {
  connections: number
  seconds: number
  warmupSeconds: number
  /** Measured rounds; each runs every target once. */
  rounds: number
  s3: Record<string, string>
}

export interface Target {
  id: 'a' | 'b' | 'c' | 'f'
  label: string
  start(): Promise<Peer>
  request: { path: string; method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }
}

export interface Measured {
  reqPerSec: number
  p50: number
  p99: number
  /** The server's own CPU time (user + system) per answered request. */
  cpuMicrosPerRequest: number
  requests: number
  non200: number
  errors: number
}

export async function presignBench(options: PresignOptions): Promise<PartResult> {
  const targets: Target[] = [
    {
      id: 'a',
      label: 'bare Hono GET / (text)',
      start: () => startBenchPeer('bare-hono', 'bare-hono.ts'),
      request: { path: '/', method: 'GET' },
    },
    {
      id: 'b',
      label: 'Dropgate POST /api/v1/files (JSON, s3)',
      start: () => startDropgate('dropgate-presign', { DROPGATE_STORAGE: 's3', ...options.s3 }),
      request: {
        path: '/api/v1/files',
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 1_048_576 }),
      },
    },
    {
      id: 'f',
      label: 'Hono JSON POST floor (no auth, no signing)',
      start: () => startBenchPeer('json-floor', 'json-floor.ts'),
      request: {
        path: '/json',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 1_048_576 }),
      },
    },
    {
      id: 'c',
      label: 'Companion GET /s3/params',
      start: () => startCompanion(options.s3),
      request: { path: '/s3/params?filename=clip.mp4&type=video%2Fmp4', method: 'GET' },
    },
  ]

  // All up at once (an idle server costs nothing), then measured in alternating rounds, so a
  // change in the machine's load during the run weighs on every target alike; medians are reported.
  const peers: Partial<Record<Target['id'], Peer>> = {}
  const unavailable: Partial<Record<Target['id'], string>> = {}
  const rounds: Partial<Record<Target['id'], Measured[]>> = {}
  try {
    for (const target of targets) {
      try {
        peers[target.id] = await target.start()
      } catch (error) {
        unavailable[target.id] = (error as Error).message
        console.log(`  (${target.id}) ${target.label}: unavailable: ${(error as Error).message}`)
      }
    }
    const live = targets.filter((target) => peers[target.id])
    for (const target of live)
      await load(peers[target.id] as Peer, target, options.connections, options.warmupSeconds)
    for (let round = 1; round <= options.rounds; round++)
      for (const target of live) {
        const peer = peers[target.id] as Peer
        const result = await load(peer, target, options.connections, options.seconds)
        const list = rounds[target.id] ?? []
        list.push(result)
        rounds[target.id] = list
        console.log(
          `  round ${round} (${target.id}) ${target.label}: ${formatInt(result.reqPerSec)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${formatInt(result.cpuMicrosPerRequest)} µs server CPU per request`,
        )
        if (result.non200 > 0 || result.errors > 0)
          throw new Error(
            `(${target.id}) ${target.label}: ${result.non200} answers other than 200 and ${result.errors} errors (see ${peer.logFile})`,
          )
      }
  } finally {
    for (const peer of Object.values(peers)) await peer?.stop()
  }
  const measured: Partial<Record<Target['id'], Measured>> = {}
  for (const target of targets) {
    const list = rounds[target.id]
    if (list) measured[target.id] = medianOf(list)
  }
  return {
    part: 'presign',
    rows: rows(targets, measured, unavailable),
    data: {
      options: {
        connections: options.connections,
        seconds: options.seconds,
        warmupSeconds: options.warmupSeconds,
        rounds: options.rounds,
      },
      measured,
      rounds,
      unavailable,
    },
  }
}

function medianOf(list: Measured[]): Measured {
  const median = (pick: (m: Measured) => number) => {
    const sorted = list.map(pick).sort((x, y) => x - y)
    const mid = Math.floor(sorted.length / 2)
    return sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  }
  return {
    reqPerSec: median((m) => m.reqPerSec),
    p50: median((m) => m.p50),
    p99: median((m) => m.p99),
    cpuMicrosPerRequest: median((m) => m.cpuMicrosPerRequest),
    requests: list.reduce((sum, m) => sum + m.requests, 0),
    non200: list.reduce((sum, m) => sum + m.non200, 0),
    errors: list.reduce((sum, m) => sum + m.errors, 0),
  }
}

export async function load(
  peer: Peer,
  target: Target,
  connections: number,
  seconds: number,
): Promise<Measured> {
  const cpuBefore = await cpuSeconds(peer.pid)
  const result = await autocannon({
    url: peer.url + target.request.path,
    method: target.request.method,
    headers: target.request.headers ?? {},
    ...(target.request.body !== undefined && { body: target.request.body }),
    connections,
    duration: seconds,
  })
  const codes = result.statusCodeStats ?? {}
  const ok = codes['200']?.count ?? 0
  const answered = Object.values(codes).reduce((sum, code) => sum + (code?.count ?? 0), 0)
  const cpu = (await cpuSeconds(peer.pid)) - cpuBefore
  return {
    cpuMicrosPerRequest: answered > 0 ? (cpu * 1e6) / answered : 0,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: answered,
    non200: answered - ok,
    errors: result.errors,
  }
}

function describe(m: Measured | undefined, why: string | undefined): string {
  if (!m) return `unavailable${why ? ` (${why.split('\n')[0]})` : ''}`
  return `${formatInt(m.reqPerSec)} req/s (p50 ${m.p50} ms, p99 ${m.p99} ms; ${formatInt(m.cpuMicrosPerRequest)} µs CPU/req)`
}

function rows(
  targets: Target[],
  measured: Partial<Record<Target['id'], Measured>>,
  unavailable: Partial<Record<Target['id'], string>>,
): Row[] {
  const label = (id: Target['id']) => targets.find((t) => t.id === id)?.label ?? id
  const { a, b, c, f } = measured
  const ratio = (x?: Measured, y?: Measured) => (x && y ? x.reqPerSec / y.reqPerSec : null)
  const ab = ratio(b, a)
  const bc = ratio(b, c)
  const fa = ratio(f, a)
  const bf = ratio(b, f)
  return [
    {
      part: '1 presign',
      figure: `(b) ${label('b')}`,
      value: describe(b, unavailable.b),
      peer: `(a) ${label('a')}`,
      peerValue: describe(a, unavailable.a),
      ratio: ab,
      ratioLabel: 'b/a',
      goal: 'b/a ≥ 0.5',
      met: ab === null ? null : ab >= 0.5,
    },
    {
      part: '1 presign',
      figure: `(f) ${label('f')}: the ceiling of b/a`,
      value: describe(f, unavailable.f),
      peer: `(a) ${label('a')}`,
      peerValue: describe(a, unavailable.a),
      ratio: fa,
      ratioLabel: 'f/a',
      goal: '(context)',
      met: null,
    },
    {
      part: '1 presign',
      figure: `(b) ${label('b')}`,
      value: describe(b, unavailable.b),
      peer: `(f) ${label('f')}`,
      peerValue: describe(f, unavailable.f),
      ratio: bf,
      ratioLabel: 'b/f',
      goal: 'b/f ≥ 0.75',
      met: bf === null ? null : bf >= 0.75,
    },
    {
      part: '1 presign',
      figure: `(b) ${label('b')}`,
      value: describe(b, unavailable.b),
      peer: `(c) ${label('c')}`,
      peerValue: describe(c, unavailable.c),
      ratio: bc,
      ratioLabel: 'b/c',
      goal: 'b/c ≥ 30',
      met: bc === null ? null : bc >= 30,
    },
  ]
}
