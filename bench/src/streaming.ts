import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sendChunks } from '@dropgate/testkit'
import { type PresignedPut, presignPut, SECRET_KEY, startDropgate } from './dropgate.ts'
import { mp4Chunks } from './media.ts'
import { MiB } from './paths.ts'
import { cpuSeconds, flushDisk, type Peer, peakRss, startBenchPeer } from './processes.ts'
import { formatMiB, formatRate, type PartResult, type Row } from './report.ts'

/**
 * Part 2, streaming memory: `uploads` concurrent uploads of `size` bytes each through Dropgate's
 * multipart mode (POST /api/v1/files, form field `file`; the server streams them into the store),
 * against a raw PUT of the same bytes with the same concurrency to presigned URLs of the same store.
 * Bodies are generated on the fly. The server is fresh for each store, so its VmHWM (peak RSS) is
 * what these uploads cost; on the local store the raw PUTs go through the same server, so they run
 * after the peak is read. On s3, a third contender runs beside them for context, with no goal: the
 * same forms through a bare Node relay (peers/relay-floor.ts: busboy, one presigned PUT, no checks),
 * what any Node server in Dropgate's place costs at least on this machine.
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

interface Round {
  multipart: Timing
  raw: Timing
  /** The bare relay's round (s3 only); its `serverCpuSeconds` are the relay's. */
  relay?: Timing
}

interface StoreRun {
  store: 's3' | 'local'
  /** Medians over the measured rounds. */
  multipart: Timing
  raw: Timing
  relay?: Timing
  rounds: Round[]
  idleRss: number
  /** VmHWM after the warm-up's multipart round (nothing else ran on the server before it). */
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
    const relay = store === 's3' ? await startBenchPeer('relay-floor', 'relay-floor.ts') : undefined
    try {
      runs.push(await measureStore(store, server, relay, options))
    } finally {
      await server.stop()
      await relay?.stop()
    }
  }
  return {
    part: 'streaming',
    rows: runs.flatMap((run) => rows(run, options)),
    data: { options: { uploads: options.uploads, size: options.size, rounds: options.rounds }, runs },
  }
}

/**
 * Alternating rounds (multipart, raw, relay, multipart, raw, relay, …) so all see the same machine,
 * after one warm-up round of each (a fresh server's first uploads also pay for compiling its code);
 * medians. The server's peak RSS: its VmHWM after the warm-up's multipart round (a fresh process that
 * did nothing else), and VmRSS sampled through every multipart round (VmHWM alone would also count
 * the raw rounds, which on the local store go through the same server).
 */
async function measureStore(
  store: StoreRun['store'],
  server: Peer,
  relay: Peer | undefined,
  options: StreamingOptions,
): Promise<StoreRun> {
  const { uploads, size } = options
  const total = uploads * size
  const idleRss = await currentRss(server.pid)
  const rounds: StoreRun['rounds'] = []
  let peak = 0
  let sampledPeak = 0

  const round = async (run: () => Promise<unknown>, sample: boolean, pid = server.pid): Promise<Timing> => {
    const cpuBefore = await cpuSeconds(pid)
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
      serverCpuSeconds: (await cpuSeconds(pid)) - cpuBefore,
      storeCpuSeconds: (await sumCpu(storePids)) - storeBefore,
      clientCpuSeconds: (client.user + client.system) / 1e6,
    }
  }

  const presigned = () => Promise.all(Array.from({ length: uploads }, () => presignPut(server.url, size)))
  // Round 0 is the warm-up, not counted.
  for (let i = 0; i <= options.rounds; i++) {
    const stored: string[] = []
    const multipart = await round(
      () =>
        Promise.all(
          Array.from({ length: uploads }, async (_, n) => {
            stored.push(await multipartUpload(server.url, size, n))
          }),
        ),
      true,
    )
    if (i === 0) peak = await peakRss(server.pid)
    const urls = await presigned()
    stored.push(...urls.map((put) => put.fileId))
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
    let relayed: Timing | undefined
    if (relay) {
      const relayUrls = await presigned()
      stored.push(...relayUrls.map((put) => put.fileId))
      relayed = await round(
        () => Promise.all(relayUrls.map((put, n) => multipartUpload(relay.url, size, n, put))),
        false,
        relay.pid,
      )
    }
    await forget(server.url, stored)
    if (i > 0) rounds.push({ multipart, raw, ...(relayed && { relay: relayed }) })
    const cpu = (t: Timing, server = 'server') =>
      `CPU s: ${server} ${t.serverCpuSeconds.toFixed(1)}${store === 's3' ? `, Swift ${t.storeCpuSeconds.toFixed(1)}` : ''}, client ${t.clientCpuSeconds.toFixed(1)}`
    const line = (label: string, t: Timing, server?: string) =>
      `${label} ${formatRate(t.mibPerSec)} (${t.seconds.toFixed(2)} s; ${cpu(t, server)})`
    console.log(
      `  ${store} ${i === 0 ? 'warm-up' : `round ${i}`}: ${line('multipart', multipart)}, ${line('raw PUT', raw)}` +
        (relayed ? `, ${line('bare relay', relayed, 'relay')}` : ''),
    )
  }
  const run: StoreRun = {
    store,
    multipart: medianTiming(rounds.map((r) => r.multipart)),
    raw: medianTiming(rounds.map((r) => r.raw)),
    ...(relay && { relay: medianTiming(rounds.flatMap((r) => (r.relay ? [r.relay] : []))) }),
    rounds,
    idleRss,
    peakRss: peak,
    sampledPeakRss: sampledPeak,
  }
  console.log(
    `  ${store}: server peak RSS ${formatMiB(peak)} after the warm-up (VmHWM), ${formatMiB(sampledPeak)} sampled over all multipart rounds; idle ${formatMiB(idleRss)}`,
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

/** One form upload to Dropgate (with the secret key), or to the bare relay with the PUT it is to make. */
async function multipartUpload(server: string, size: number, i: number, put?: PresignedPut): Promise<string> {
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
      ...(put
        ? {
            'x-put-url': put.uploadUrl,
            'x-put-headers': JSON.stringify({ ...put.headers, 'content-length': String(size) }),
          }
        : { authorization: `Bearer ${SECRET_KEY}` }),
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + size + tail.length,
    },
    body(),
  )
  if (answer.status !== 200)
    throw new Error(`multipart upload: ${answer.status} ${answer.body.slice(0, 300)}`)
  return put?.fileId ?? (JSON.parse(answer.body) as { data: { fileId: string } }).data.fileId
}

/**
 * Deletes a round's files through Dropgate's API, then waits for the disk to take what the page cache
 * still holds: the store's footprint stays one round's (not gigabytes per run), and no round, nor the
 * next part, runs while the kernel is still writing the previous one out.
 */
async function forget(server: string, fileIds: readonly string[]): Promise<void> {
  for (const fileId of fileIds) {
    const answer = await fetch(`${server}/api/v1/files/${encodeURIComponent(fileId)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${SECRET_KEY}` },
    })
    await answer.arrayBuffer()
    if (answer.status !== 200) throw new Error(`DELETE ${fileId}: ${answer.status}`)
  }
  await flushDisk()
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
  const relay = run.relay
  const context: Row[] = relay
    ? [
        {
          part: '2 streaming',
          figure: `${what} multipart mode (${storeName}): throughput, beside the floor of any Node server`,
          value: formatRate(run.multipart.mibPerSec),
          peer: 'bare Node relay: busboy → one presigned PUT, no checks (same forms)',
          peerValue: formatRate(relay.mibPerSec),
          ratio: run.multipart.mibPerSec / relay.mibPerSec,
          ratioLabel: 'ours/relay',
          goal: '(context)',
          met: null,
        },
      ]
    : []
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
    ...context,
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
