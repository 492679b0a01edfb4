import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { pngPhoto } from './media.ts'
import { checkLinks, type Uploader, uploadInPage } from './page-upload.ts'
import { TMP } from './paths.ts'
import { profilePage } from './profiling/page-profile.ts'
import type { Row } from './report.ts'

/**
 * Part 4 (q), time to link on a slow network: Chromium's own network emulation (CDP
 * `Network.emulateNetworkConditions`: 100 ms added to every request, uploads held to 50 Mbit/s,
 * downloads as fast as they come) on the page's tab, then photos chosen in the uploader's input of a
 * page that uploads as files are added (`/auto`, `/stock?auto`), once the page's own requests are
 * answered (networkidle: the widget's policy read, preflights, media reader), timed from their arrival in the input
 * to the last per-file link event. Ours against stock Uppy (bench-page.ts) doing the same on the same
 * signer and store. Every HTTP request the tab sends is counted (CDP `Network.requestWillBeSent`),
 * CORS preflights included (Chromium reports each as an `OPTIONS` request of its own).
 */
export const LATENCY_MS = 100
export const UPLOAD_BITS_PER_S = 50_000_000

export interface Batch {
  name: string
  count: number
  size: number
}
export const BATCHES: readonly Batch[] = [
  { name: 'one 1 MB photo', count: 1, size: 1_000_000 },
  { name: '20 photos of 500 KB', count: 20, size: 500_000 },
]

export interface LinkRun {
  seconds: number
  requests: number
  preflights: number
}

/** One batch's runs per uploader (`widget-b` empty unless BENCH_WIDGET_B is set). */
export type LinkRuns = Record<Uploader, LinkRun[]>

const PAGES: Record<Uploader, string> = { widget: '/auto', 'widget-b': '/b/auto', stock: '/stock?auto' }

async function photoFiles(batch: Batch): Promise<string[]> {
  const paths: string[] = []
  for (let i = 0; i < batch.count; i++) {
    const path = join(TMP, `photo-${batch.size}-${i + 1}.png`)
    await writeFile(path, pngPhoto(batch.size))
    paths.push(path)
  }
  return paths
}

async function emulateSlowNetwork(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: -1,
    uploadThroughput: UPLOAD_BITS_PER_S / 8,
  })
  return cdp
}

/** One batch through one uploader, in a fresh context (nothing cached: preflights, connections). */
export async function timeToLink(
  browser: Browser,
  origin: string,
  uploader: Uploader,
  batch: Batch,
): Promise<LinkRun> {
  const files = await photoFiles(batch)
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const cdp = await emulateSlowNetwork(page)
    await page.goto(`${origin}${PAGES[uploader]}`)
    if (uploader === 'stock')
      await page.waitForFunction(() => (window as { stockReady?: boolean }).stockReady)
    else await page.locator('dropgate-upload .uppy-Dashboard').waitFor()
    // And what the page asks as it loads is answered (the widget's policy read, its preflights and
    // media reader; stock Uppy has none): a file added before the policy arrives waits for it, a
    // round trip of the page's load, not of the upload. No request for 500 ms (Playwright's rule).
    await page.waitForLoadState('networkidle')
    // Counted from here: what the upload sends, not the page's own load (script, policy).
    let requests = 0
    let preflights = 0
    // BENCH_TRACE: each request's send and answer times (ms from the first one), to see what is serial.
    const traced = new Map<string, { line: string; sent: number; answered?: number }>()
    let firstSent: number | undefined
    cdp.on('Network.requestWillBeSent', (event) => {
      // The network's own: not the blob: URLs of the Dashboards' thumbnails.
      if (!event.request.url.startsWith('http')) return
      requests++
      if (event.request.method === 'OPTIONS') preflights++
      if (!process.env.BENCH_TRACE) return
      firstSent ??= event.timestamp
      traced.set(event.requestId + event.request.method, {
        line: `${event.type} ${event.request.method} ${event.request.url.slice(0, 90)}`,
        sent: event.timestamp,
      })
    })
    cdp.on('Network.responseReceived', (event) => {
      for (const [id, entry] of traced)
        if (id.startsWith(event.requestId) && entry.answered === undefined) {
          entry.answered = event.timestamp
          break
        }
    })
    // BENCH_PAGE_PROF: the tab's main-thread time over the upload and a CPU profile of it.
    const profile = process.env.BENCH_PAGE_PROF ? await profilePage(page, `link-${uploader}`) : undefined
    const upload = await uploadInPage(page, uploader, files, false)
    if (profile) console.log(`    ${uploader}: ${await profile.stop()}`)
    await checkLinks(
      upload,
      files.map(() => batch.size),
      `${uploader}, ${batch.name}`,
    )
    const ms = (t?: number) => (t === undefined ? '?' : String(Math.round((t - (firstSent ?? 0)) * 1000)))
    for (const { line, sent, answered } of traced.values())
      console.log(`    ${ms(sent).padStart(5)} → ${ms(answered).padStart(5)} ms  ${line}`)
    if (process.env.BENCH_TRACE) {
      // The same requests on the page's clock (Resource Timing, preflights not included), from the
      // files' arrival: what the page did before its first request and after its last answer.
      const timeline = await page.evaluate(() => {
        const start = (window as unknown as { bench: { start: number } }).bench.start
        return performance
          .getEntriesByType('resource')
          .filter((entry) => (entry as PerformanceResourceTiming).responseEnd >= start)
          .map((entry) => {
            const { name, startTime, responseEnd } = entry as PerformanceResourceTiming
            return `${Math.round(startTime - start)} → ${Math.round(responseEnd - start)} ms ${name.slice(0, 70)}`
          })
      })
      for (const line of timeline) console.log(`    page: ${line}`)
      console.log(`    added → link: ${Math.round(upload.ms)} ms`)
    }
    return { seconds: upload.ms / 1000, requests, preflights }
  } finally {
    await context.close()
  }
}

/** The rows of (q): ours/stock for each batch, medians of `runs` per uploader. */
export function linkRows(results: Record<string, LinkRuns>): Row[] {
  const withB = Object.values(results).some((runs) => runs['widget-b'].length > 0)
  return [...(withB ? widgetBLinkRows(results) : []), ...ourRows(results)]
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** BENCH_WIDGET_B: that build's time to link against this one's, medians of the same rounds. */
function widgetBLinkRows(results: Record<string, LinkRuns>): Row[] {
  return BATCHES.map((batch) => {
    const runs = results[batch.name] as LinkRuns
    const ours = median(runs.widget.map((r) => r.seconds))
    const b = median(runs['widget-b'].map((r) => r.seconds))
    const spread = (xs: LinkRun[]) => xs.map((r) => r.seconds.toFixed(2)).join(', ')
    return {
      part: '4 browser',
      figure: `Chromium, ${LATENCY_MS} ms latency: widget build B (BENCH_WIDGET_B), ${batch.name}, added → last link [${spread(runs['widget-b'])}]`,
      value: `${b.toFixed(2)} s`,
      peer: `this build [${spread(runs.widget)}]`,
      peerValue: `${ours.toFixed(2)} s`,
      ratio: b / ours,
      ratioLabel: 'B/A',
      goal: 'context',
      met: null,
    }
  })
}

function ourRows(results: Record<string, LinkRuns>): Row[] {
  return BATCHES.map((batch) => {
    const runs = results[batch.name] as LinkRuns
    const ours = median(runs.widget.map((r) => r.seconds))
    const stock = median(runs.stock.map((r) => r.seconds))
    const last = (xs: LinkRun[]) => xs[xs.length - 1] as LinkRun
    const count = (r: LinkRun) => `${r.requests} requests (${r.preflights} preflights)`
    const transfer = (batch.count * batch.size * 8) / UPLOAD_BITS_PER_S
    const ratio = ours / stock
    const one = batch.count === 1
    return {
      part: '4 browser',
      figure: `Chromium, ${LATENCY_MS} ms latency, ${UPLOAD_BITS_PER_S / 1e6} Mbit/s up: ${batch.name}, added → last link; ${count(last(runs.widget))}; transfer alone ${transfer.toFixed(2)} s`,
      value: `${ours.toFixed(2)} s`,
      peer: `stock Uppy (Dashboard + @uppy/aws-s3 6.1.0, signRequest), ${count(last(runs.stock))}`,
      peerValue: `${stock.toFixed(2)} s`,
      ratio,
      ratioLabel: 'ours/stock',
      goal: one
        ? `≤ 3 round trips + transfer (${(transfer + (3 * LATENCY_MS) / 1000).toFixed(2)} s)`
        : '≤ 0.6',
      met: one ? ours <= transfer + (3 * LATENCY_MS) / 1000 + 0.05 : ratio <= 0.6,
      ...(one && {
        note: `${((ours - transfer) / (LATENCY_MS / 1000)).toFixed(1)} latencies beyond transfer`,
      }),
    }
  })
}
