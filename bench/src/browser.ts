import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { CHROMIUM_LAUNCH, curlPut } from '@dropgate/testkit'
import { type Browser, chromium } from 'playwright-core'
import { PUBLISHABLE_KEY, servePage } from './bench-page.ts'
import { ensureWidgetBuild } from './bundle.ts'
import { xhrParts } from './chromium-xhr.ts'
import { presignPut, SECRET_KEY, startDropgate } from './dropgate.ts'
import { FIREFOX, firefoxAlone, firefoxRows, firefoxWidgetUpload, launchFirefox } from './firefox.ts'
import { mp4File } from './media.ts'
import { checkLinks, type Uploader, uploadInPage } from './page-upload.ts'
import { MiB, TMP } from './paths.ts'
import { flushDisk, type Peer } from './processes.ts'
import { formatRate, type PartResult, type Row } from './report.ts'
import { BATCHES, type LinkRun, linkRows, timeToLink } from './time-to-link.ts'
import { traceRequests } from './trace-requests.ts'

/**
 * Part 4, browser uploads, all in one Chromium. (a) Throughput: a `size`-byte MP4 through the widget
 * on a static page (the script tag and `<dropgate-upload inline>` with a publishable key), which goes
 * multipart (S3 multipart through the signer's /api/v1/uploads routes, parts PUT by the browser
 * straight to the store); timed from the click on Upload to the file's `dropgate:upload` (so it
 * includes signing, every part, CompleteMultipartUpload and the server's check of the object). Peers:
 * `curl -T` of the same file to a presigned PUT URL of the same store (curl's own time_total); stock
 * Uppy (p) (Dashboard + unpatched `@uppy/aws-s3`, `signRequest` mode, bench-page.ts) against the same
 * signer and store, timed the same way to its link (its `complete` answered); and, for context,
 * Chromium alone, no widget, PUTting the same file in the widget's shape (the policy's part size, as
 * many in flight as the widget) to presigned URLs with XMLHttpRequest, from the first byte to the last
 * answer: what any page could reach here. Alternating rounds, medians. (q) Time to link at 100 ms
 * latency: time-to-link.ts.
 */

export interface BrowserOptions {
  s3: Record<string, string>
  pagePort: number
  size: number
  rounds?: number
  /** runs of each (q) batch per uploader */
  linkRuns?: number
}

const CHROMIUM = CHROMIUM_LAUNCH.executablePath
/** Parts of one file the widget sends at once (PART_CONCURRENCY in widget/src/uppy-driver.ts). */
const WIDGET_PARTS_IN_FLIGHT = 4

interface Round {
  widgetSeconds: number
  curlSeconds: number
  xhrSeconds: number
  stockSeconds: number
  /** The same in Firefox (firefox.ts), when it is installed. */
  firefoxWidgetSeconds?: number
  firefoxXhrSeconds?: number
}

export async function browserBench(options: BrowserOptions): Promise<PartResult> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium)`)
  await ensureWidgetBuild()
  const file = join(TMP, `clip-${options.size / MiB}MiB.mp4`)
  await mp4File(file, options.size)
  const pageOrigin = `http://127.0.0.1:${options.pagePort}`

  const server = await startServer(options, pageOrigin)
  let page: Server | undefined
  let browser: Browser | undefined
  let firefox: Awaited<ReturnType<typeof launchFirefox>> = null
  try {
    page = await servePage(options.pagePort, server.url)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_LAUNCH.args],
    })
    firefox = await launchFirefox()
    if (!firefox)
      console.log(`  ${FIREFOX} is missing: no Firefox rows (scripts/install-firefox.sh installs it)`)
    const partBytes = await policyPartSize(server.url)
    const rounds: Round[] = []
    const mib = options.size / MiB
    for (let i = 0; i < (options.rounds ?? 3); i++) {
      // Each upload starts with nothing left for the disk to write (the last one's 256 MiB, or the
      // previous part's gigabytes): otherwise whichever runs second shares the disk with writeback.
      await flushDisk()
      const curlSeconds = await curlUpload(server.url, file, options.size)
      await flushDisk()
      const widgetSeconds = await bigUpload(browser, pageOrigin, 'widget', file, options.size)
      await flushDisk()
      const xhrSeconds = await chromiumAlone(browser, pageOrigin, server.url, file, options.size, partBytes)
      await flushDisk()
      const stockSeconds = await bigUpload(browser, pageOrigin, 'stock', file, options.size)
      const round: Round = { widgetSeconds, curlSeconds, xhrSeconds, stockSeconds }
      if (firefox) {
        await flushDisk()
        round.firefoxWidgetSeconds = await firefoxWidgetUpload(firefox, pageOrigin, file, options.size)
        await flushDisk()
        const urls = await partUrls(server.url, options.size, partBytes)
        round.firefoxXhrSeconds = await firefoxAlone(
          firefox,
          pageOrigin,
          urls,
          file,
          partBytes,
          WIDGET_PARTS_IN_FLIGHT,
        )
      }
      rounds.push(round)
      const rate = (seconds = Number.NaN) =>
        `${formatRate(options.size / MiB / seconds)} (${seconds.toFixed(2)} s)`
      console.log(
        `  round ${i + 1}: widget ${rate(widgetSeconds)}, curl -T ${rate(curlSeconds)}, Chromium alone ${rate(xhrSeconds)}, stock Uppy ${rate(stockSeconds)}` +
          (firefox
            ? `, Firefox widget ${rate(round.firefoxWidgetSeconds)}, Firefox alone ${rate(round.firefoxXhrSeconds)}`
            : ''),
      )
    }
    const rateOf = (pick: (r: Round) => number) => mib / median(rounds.map(pick))
    const widget = rateOf((r) => r.widgetSeconds)
    const curl = rateOf((r) => r.curlSeconds)
    const xhr = rateOf((r) => r.xhrSeconds)
    const stock = rateOf((r) => r.stockSeconds)

    const links: Record<string, { widget: LinkRun[]; stock: LinkRun[] }> = {}
    for (const batch of BATCHES) {
      const runs = { widget: [] as LinkRun[], stock: [] as LinkRun[] }
      for (let i = 0; i < (options.linkRuns ?? 3); i++)
        for (const uploader of ['widget', 'stock'] as Uploader[]) {
          const run = await timeToLink(browser, pageOrigin, uploader, batch)
          runs[uploader].push(run)
          console.log(
            `  ${batch.name}, ${uploader}: ${run.seconds.toFixed(2)} s, ${run.requests} requests (${run.preflights} preflights)`,
          )
        }
      links[batch.name] = runs
    }

    const shape = `${options.size / partBytes} PUTs of ${partBytes / MiB} MiB, ${WIDGET_PARTS_IN_FLIGHT} at a time`
    const figure = `Chromium, widget, ${mib} MiB (s3 multipart → Swift)`
    const rows: Row[] = [
      {
        part: '4 browser',
        figure,
        value: formatRate(widget),
        peer: 'curl -T to a presigned PUT (Swift)',
        peerValue: formatRate(curl),
        ratio: widget / curl,
        ratioLabel: 'ours/curl',
        goal: '≥ 0.9',
        met: widget / curl >= 0.9,
      },
      {
        part: '4 browser',
        figure,
        value: formatRate(widget),
        peer: `Chromium alone, no widget: XMLHttpRequest, ${shape}`,
        peerValue: formatRate(xhr),
        ratio: widget / xhr,
        ratioLabel: 'ours/alone',
        goal: '≥ 0.95',
        met: widget / xhr >= 0.95,
      },
      {
        part: '4 browser',
        figure,
        value: formatRate(widget),
        peer: 'stock Uppy: Dashboard + @uppy/aws-s3 6.1.0 (unpatched), signRequest, same signer',
        peerValue: formatRate(stock),
        ratio: widget / stock,
        ratioLabel: 'ours/stock',
        goal: '≥ 1.5',
        met: widget / stock >= 1.5,
      },
      {
        part: '4 browser',
        figure: `Chromium alone: the ceiling of ours/curl`,
        value: formatRate(xhr),
        peer: 'curl -T to a presigned PUT (Swift)',
        peerValue: formatRate(curl),
        ratio: xhr / curl,
        ratioLabel: 'alone/curl',
        goal: '(context)',
        met: null,
      },
      ...linkRows(links),
    ]
    const firefoxRates = firefox && {
      widget: options.size / MiB / median(rounds.map((r) => r.firefoxWidgetSeconds as number)),
      alone: options.size / MiB / median(rounds.map((r) => r.firefoxXhrSeconds as number)),
      curl,
      chromiumWidget: widget,
    }
    if (firefoxRates) rows.push(...firefoxRows(options.size / MiB, shape, firefoxRates))
    return {
      part: 'browser',
      rows,
      data: {
        size: options.size,
        partBytes,
        rounds,
        widgetMiBps: widget,
        curlMiBps: curl,
        xhrMiBps: xhr,
        stockMiBps: stock,
        links,
        firefoxWidgetMiBps: firefoxRates?.widget,
        firefoxXhrMiBps: firefoxRates?.alone,
      },
    }
  } finally {
    await firefox?.close()
    await browser?.close()
    await new Promise((resolve) => (page ? page.close(resolve) : resolve(undefined)))
    await server.stop()
  }
}

/** Dropgate on the s3 driver, checked to sign a multipart upload of this size before any round. */
async function startServer(options: BrowserOptions, pageOrigin: string): Promise<Peer> {
  const env = {
    DROPGATE_ALLOWED_ORIGINS: pageOrigin,
    DROPGATE_PUBLISHABLE_KEYS: `${PUBLISHABLE_KEY}|${pageOrigin}`,
    DROPGATE_PUBLISHABLE_RATE_LIMIT: '100000/60',
    DROPGATE_MAX_VIDEO_BYTES: String(300 * MiB),
  }
  const s3 = await startDropgate('dropgate-browser-s3', { ...env, DROPGATE_STORAGE: 's3', ...options.s3 })
  const probe = await fetch(`${s3.url}/api/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ filename: 'probe.mp4', contentType: 'video/mp4', fileSize: options.size }),
  })
  const answer = await probe.text()
  if (probe.status === 200) return s3
  await s3.stop()
  throw new Error(`POST /api/v1/uploads on s3: ${probe.status} ${answer.slice(0, 300)}`)
}

async function bigUpload(browser: Browser, origin: string, uploader: Uploader, file: string, size: number) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const trace = process.env.BENCH_TRACE ? traceRequests(page) : undefined
    await page.goto(uploader === 'widget' ? origin : `${origin}/stock`)
    if (uploader === 'stock')
      await page.waitForFunction(() => (window as { stockReady?: boolean }).stockReady)
    const upload = await uploadInPage(page, uploader, [file], true)
    await checkLinks(upload, [size], uploader)
    trace?.print()
    return upload.ms / 1000
  } finally {
    await context.close()
  }
}

/** The policy's part size for large files (the widget cuts them so). */
async function policyPartSize(server: string): Promise<number> {
  const answer = await fetch(`${server}/api/v1/policy`)
  const policy = (await answer.json()) as { data?: { multipart?: { basePartSize?: number } } }
  const size = policy.data?.multipart?.basePartSize
  if (!answer.ok || typeof size !== 'number') throw new Error(`GET /api/v1/policy: no multipart.basePartSize`)
  return size
}

async function chromiumAlone(
  browser: Browser,
  origin: string,
  server: string,
  file: string,
  size: number,
  partBytes: number,
): Promise<number> {
  const urls = await partUrls(server, size, partBytes)
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(`${origin}/xhr`)
    await page.locator('input[type=file]').setInputFiles(file)
    return await xhrParts(page, urls, partBytes, WIDGET_PARTS_IN_FLIGHT, true)
  } finally {
    await context.close()
  }
}

/** One presigned PUT per slice of the file, in the widget's part size: a browser alone's targets. */
async function partUrls(server: string, size: number, partBytes: number): Promise<string[]> {
  const puts = await Promise.all(
    Array.from({ length: Math.ceil(size / partBytes) }, (_, i) =>
      presignPut(server, Math.min(partBytes, size - i * partBytes)),
    ),
  )
  return puts.map((put) => put.uploadUrl)
}

async function curlUpload(server: string, file: string, size: number): Promise<number> {
  const { uploadUrl, headers } = await presignPut(server, size)
  const { status, seconds } = await curlPut(uploadUrl, file, headers)
  if (status !== 200) throw new Error(`curl -T: HTTP ${status}`)
  return seconds
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
