import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sendChunks } from '@dropgate/testkit'
import { presignPut, SECRET_KEY, startDropgate } from './dropgate.ts'
import { mp4Chunks } from './media.ts'
import { MiB } from './paths.ts'
import { cpuSeconds, type Peer, peakRss } from './processes.ts'
import { formatMiB, formatRate, type PartResult, type Row } from './report.ts'

/**
 * Part 2, streaming memory: `uploads` concurrent uploads of `size` bytes each through Dropgate's
 * multipart mode (POST /api/v1/files, form field `file`; the server streams them into the store),
 * against a raw PUT of the same bytes with the same concurrency to presigned URLs of the same store.
 * Bodies are generated on the fly. The server is fresh for each store, so its VmHWM (peak RSS) is
 * what these uploads cost; on the local store the raw PUTs go through the same server, so they run
 * after the peak is read.
 */

export interface StreamingOptions {
  s3: Record<string, string>
  /** The store's processes, whose CPU time is reported per round (where the time goes). */
  storePids: () => Promise<number[]>
  uploads: number
  size: number
  rounds: number
}

interface Timing {
  seconds: number
  mibPerSec: number
  /** CPU time during the round: the server's, the store's (Swift's processes) and this client's. */
  serverCpuSeconds: number
  storeCpuSeconds: number
  clientCpuSeconds: number
}

interface StoreRun {
  store: 's3' | 'local'
  /** Medians over the rounds. */
  multipart: Timing
  raw: Timing
  rounds: { multipart: Timing; raw: Timing }[]
  idleRss: number
  /** VmHWM after the first multipart round (nothing else ran on the server before it). */
  peakRss: number
  /** Highest VmRSS sampled every 20 ms during every multipart round. */
  sampledPeakRss: number
}

export async function streamingBench(options: StreamingOptions): Promise<PartResult> {
  const runs: StoreRun[] = []
  for (const store of ['s3', 'local'] as const) {
    const server = await startDropgate(`dropgate-streaming-${store}`, {
      DROPGATE_STORAGE: store,
      // The uploads are 100 MiB, the default video cap: room so the cap is not what is measured.
      DROPGATE_MAX_VIDEO_BYTES: String(options.size + MiB),
      ...(store === 's3' ? options.s3 : {}),
    })
    try {
      runs.push(await measureStore(store, server, options))
    } finally {
      await server.stop()
    }
  }
  return {
    part: 'streaming',
    rows: runs.flatMap((run) => rows(run, options)),
    data: { options: { uploads: options.uploads, size: options.size, rounds: options.rounds }, runs },
  }
}

/**
 * Alternating rounds (multipart, raw, multipart, raw, …) so both see the same machine; medians.
 * The server's peak RSS: its VmHWM after the first round (a fresh process that did nothing else),
 * and VmRSS sampled through every multipart round (VmHWM alone would also count the raw rounds,
 * which on the local store go through the same server).
 */
async function measureStore(
  store: StoreRun['store'],
  server: Peer,
  options: StreamingOptions,
): Promise<StoreRun> {
  const { uploads, size } = options
  const total = uploads * size
  const idleRss = await currentRss(server.pid)
  const rounds: StoreRun['rounds'] = []
  let peak = 0
  let sampledPeak = 0

  const round = async (run: () => Promise<unknown>, sample: boolean): Promise<Timing> => {
    const cpuBefore = await cpuSeconds(server.pid)
    const storePids = store === 's3' ? await options.storePids() : []
    const storeBefore = await sumCpu(storePids)
    const clientBefore = process.cpuUsage()
    const sampler = sample
      ? setInterval(() => {
          currentRss(server.pid).then(
            (rss) => {
              sampledPeak = Math.max(sampledPeak, rss)
            },
            () => {},
          )
        }, 20)
      : undefined
    const seconds = await timed(run).finally(() => clearInterval(sampler))
    const client = process.cpuUsage(clientBefore)
    return {
      seconds,
      mibPerSec: total / MiB / seconds,
      serverCpuSeconds: (await cpuSeconds(server.pid)) - cpuBefore,
      storeCpuSeconds: (await sumCpu(storePids)) - storeBefore,
      clientCpuSeconds: (client.user + client.system) / 1e6,
    }
  }

  for (let i = 0; i < options.rounds; i++) {
    const multipart = await round(
      () => Promise.all(Array.from({ length: uploads }, (_, n) => multipartUpload(server.url, size, n))),
      true,
    )
    if (i === 0) peak = await peakRss(server.pid)
    const urls = await Promise.all(Array.from({ length: uploads }, () => presignPut(server.url, size)))
    const raw = await round(
      () =>
        Promise.all(
          urls.map(async ({ uploadUrl, headers }) => {
            const answer = await sendChunks(
              uploadUrl,
              'PUT',
              { ...headers, 'content-length': size },
              mp4Chunks(size),
            )
            if (answer.status !== 200)
              throw new Error(`raw PUT (${store}): ${answer.status} ${answer.body.slice(0, 300)}`)
          }),
        ),
      false,
    )
    rounds.push({ multipart, raw })
    const cpu = (t: Timing) =>
      `CPU s: server ${t.serverCpuSeconds.toFixed(1)}${store === 's3' ? `, Swift ${t.storeCpuSeconds.toFixed(1)}` : ''}, client ${t.clientCpuSeconds.toFixed(1)}`
    console.log(
      `  ${store} round ${i + 1}: multipart ${formatRate(multipart.mibPerSec)} (${multipart.seconds.toFixed(2)} s; ${cpu(multipart)}), ` +
        `raw PUT ${formatRate(raw.mibPerSec)} (${raw.seconds.toFixed(2)} s; ${cpu(raw)})`,
    )
  }
  const run: StoreRun = {
    store,
    multipart: medianTiming(rounds.map((r) => r.multipart)),
    raw: medianTiming(rounds.map((r) => r.raw)),
    rounds,
    idleRss,
    peakRss: peak,
    sampledPeakRss: sampledPeak,
  }
  console.log(
    `  ${store}: server peak RSS ${formatMiB(peak)} after round 1 (VmHWM), ${formatMiB(sampledPeak)} sampled over all multipart rounds; idle ${formatMiB(idleRss)}`,
  )
  return run
}

function medianTiming(list: Timing[]): Timing {
  const sorted = [...list].sort((a, b) => a.seconds - b.seconds)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length % 2) return sorted[mid] as Timing
  const [a, b] = [sorted[mid - 1] as Timing, sorted[mid] as Timing]
  const seconds = (a.seconds + b.seconds) / 2
  return {
    seconds,
    mibPerSec: (a.mibPerSec * a.seconds) / seconds,
    serverCpuSeconds: (a.serverCpuSeconds + b.serverCpuSeconds) / 2,
    storeCpuSeconds: (a.storeCpuSeconds + b.storeCpuSeconds) / 2,
    clientCpuSeconds: (a.clientCpuSeconds + b.clientCpuSeconds) / 2,
  }
}

async function multipartUpload(server: string, size: number, i: number): Promise<void> {
  const boundary = `----dropgate-bench-${randomBytes(12).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip-${i}.mp4"\r\n` +
      'Content-Type: video/mp4\r\n\r\n',
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  function* body() {
    yield head
    yield* mp4Chunks(size)
    yield tail
  }
  const answer = await sendChunks(
    `${server}/api/v1/files`,
    'POST',
    {
      authorization: `Bearer ${SECRET_KEY}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + size + tail.length,
    },
    body(),
  )
  if (answer.status !== 200)
    throw new Error(`multipart upload: ${answer.status} ${answer.body.slice(0, 300)}`)
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await run()
  return (performance.now() - started) / 1000
}

async function sumCpu(pids: number[]): Promise<number> {
  let total = 0
  for (const pid of pids) total += await cpuSeconds(pid).catch(() => 0)
  return total
}

async function currentRss(pid: number): Promise<number> {
  const match = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) * 1024 : 0
}

function rows(run: StoreRun, options: StreamingOptions): Row[] {
  const what = `${options.uploads}×${options.size / MiB} MiB`
  const storeName = run.store === 's3' ? 's3 driver → Swift' : 'local store'
  const ratio = run.multipart.mibPerSec / run.raw.mibPerSec
  return [
    {
      part: '2 streaming',
      figure: `${what} multipart mode (${storeName}): throughput`,
      value: formatRate(run.multipart.mibPerSec),
      peer: `raw presigned PUT, same bytes, ${options.uploads} at once${run.store === 'local' ? ' (to /store/)' : ' (to Swift)'}`,
      peerValue: formatRate(run.raw.mibPerSec),
      ratio,
      ratioLabel: 'ours/raw',
      goal: '≥ 0.8',
      met: ratio >= 0.8,
    },
    {
      part: '2 streaming',
      figure: `${what} multipart mode (${storeName}): server peak RSS`,
      value: formatMiB(Math.max(run.peakRss, run.sampledPeakRss)),
      peer: 'goal (idle server RSS)',
      peerValue: `200 MiB (idle ${formatMiB(run.idleRss)})`,
      ratio: Math.max(run.peakRss, run.sampledPeakRss) / (200 * MiB),
      ratioLabel: 'peak/200 MiB',
      goal: '≤ 200 MiB',
      met: Math.max(run.peakRss, run.sampledPeakRss) <= 200 * MiB,
    },
  ]
}
