import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { presignPut, SECRET_KEY, startDropgate } from './dropgate.ts'
import { send } from './http-send.ts'
import { mp4Chunks } from './media.ts'
import { MiB } from './paths.ts'
import { type Peer, peakRss } from './processes.ts'
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
  uploads: number
  size: number
}

interface StoreRun {
  store: 's3' | 'local'
  multipart: { seconds: number; mibPerSec: number; serverCpuSeconds: number }
  raw: { seconds: number; mibPerSec: number; serverCpuSeconds: number }
  idleRss: number
  peakRss: number
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
    data: { options: { uploads: options.uploads, size: options.size }, runs },
  }
}

async function measureStore(
  store: StoreRun['store'],
  server: Peer,
  options: StreamingOptions,
): Promise<StoreRun> {
  const { uploads, size } = options
  const total = uploads * size
  const idleRss = await currentRss(server.pid)

  const cpu0 = await cpuSeconds(server.pid)
  const multipartSeconds = await timed(() =>
    Promise.all(Array.from({ length: uploads }, (_, i) => multipartUpload(server.url, size, i))),
  )
  const peak = await peakRss(server.pid)
  const cpu1 = await cpuSeconds(server.pid)

  const urls = await Promise.all(Array.from({ length: uploads }, () => presignPut(server.url, size)))
  const rawSeconds = await timed(() =>
    Promise.all(
      urls.map(async ({ uploadUrl, headers }) => {
        const answer = await send(uploadUrl, 'PUT', { ...headers, 'content-length': size }, mp4Chunks(size))
        if (answer.status !== 200)
          throw new Error(`raw PUT (${store}): ${answer.status} ${answer.body.slice(0, 300)}`)
      }),
    ),
  )
  const cpu2 = await cpuSeconds(server.pid)
  const run: StoreRun = {
    store,
    multipart: {
      seconds: multipartSeconds,
      mibPerSec: total / MiB / multipartSeconds,
      serverCpuSeconds: cpu1 - cpu0,
    },
    raw: { seconds: rawSeconds, mibPerSec: total / MiB / rawSeconds, serverCpuSeconds: cpu2 - cpu1 },
    idleRss,
    peakRss: peak,
  }
  console.log(
    `  ${store}: multipart ${formatRate(run.multipart.mibPerSec)} (${multipartSeconds.toFixed(2)} s, server CPU ${run.multipart.serverCpuSeconds.toFixed(1)} s), ` +
      `raw PUT ${formatRate(run.raw.mibPerSec)} (${rawSeconds.toFixed(2)} s), server peak RSS ${formatMiB(peak)} (idle ${formatMiB(idleRss)})`,
  )
  return run
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
  const answer = await send(
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

async function currentRss(pid: number): Promise<number> {
  const match = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) * 1024 : 0
}

/** User + system CPU time of a process so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
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
      value: formatMiB(run.peakRss),
      peer: 'goal (idle server RSS)',
      peerValue: `200 MiB (idle ${formatMiB(run.idleRss)})`,
      ratio: run.peakRss / (200 * MiB),
      ratioLabel: 'peak/200 MiB',
      goal: '≤ 200 MiB',
      met: run.peakRss <= 200 * MiB,
    },
  ]
}
