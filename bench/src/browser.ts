import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { CHROMIUM_LAUNCH, curlPut } from '@dropgate/testkit'
import { type Browser, chromium } from 'playwright-core'
import { ensureWidgetBuild } from './bundle.ts'
import { xhrParts } from './chromium-xhr.ts'
import { presignPut, SECRET_KEY, startDropgate } from './dropgate.ts'
import { FIREFOX, firefoxAlone, firefoxRows, firefoxWidgetUpload, launchFirefox } from './firefox.ts'
import { mp4File } from './media.ts'
import { MiB, ROOT, TMP } from './paths.ts'
import { flushDisk, type Peer } from './processes.ts'
import { formatRate, type PartResult, type Row } from './report.ts'
import { traceRequests } from './trace-requests.ts'

/**
 * Part 4, browser upload throughput: Chromium uploads a `size`-byte MP4 through the widget on a static
 * page (the script tag and `<dropgate-upload inline>` with a publishable key), which goes multipart
 * (S3 multipart through the signer's /api/v1/uploads routes, parts PUT by the browser straight to the
 * store); timed from the click on Upload to `dropgate:complete` (so it includes signing, every part,
 * CompleteMultipartUpload and the server's check of the object). The peer is `curl -T` of the same
 * file to a presigned PUT URL of the same store (curl's own time_total). Alternating rounds, medians.
 * For context, with no goal: Chromium alone, no widget, PUTting the same file in the widget's shape
 * (the policy's part size, as many in flight as the widget) to presigned URLs with XMLHttpRequest,
 * timed from the first byte to the last answer: what any page could reach here, the ceiling of
 * ours/curl.
 */

export interface BrowserOptions {
  s3: Record<string, string>
  pagePort: number
  size: number
  rounds?: number
}

const CHROMIUM = CHROMIUM_LAUNCH.executablePath
const PUBLISHABLE_KEY = 'dg_pk_bench'
/** Parts of one file the widget sends at once (PART_CONCURRENCY in widget/src/uppy-driver.ts). */
const WIDGET_PARTS_IN_FLIGHT = 4

interface Round {
  widgetSeconds: number
  curlSeconds: number
  xhrSeconds: number
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
  const page = await servePage(options.pagePort, server.url)
  let browser: Browser | undefined
  let firefox: Awaited<ReturnType<typeof launchFirefox>> = null
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_LAUNCH.args],
    })
    firefox = await launchFirefox()
    if (!firefox)
      console.log(`  ${FIREFOX} is missing: no Firefox rows (scripts/install-firefox.sh installs it)`)
    const partBytes = await policyPartSize(server.url)
    const rounds: Round[] = []
    for (let i = 0; i < (options.rounds ?? 3); i++) {
      // Each upload starts with nothing left for the disk to write (the last one's 256 MiB, or the
      // previous part's gigabytes): otherwise whichever runs second shares the disk with writeback.
      await flushDisk()
      const curlSeconds = await curlUpload(server.url, file, options.size)
      await flushDisk()
      const widgetSeconds = await widgetUpload(browser, pageOrigin, file, options.size)
      await flushDisk()
      const xhrSeconds = await chromiumAlone(browser, pageOrigin, server.url, file, options.size, partBytes)
      const round: Round = { widgetSeconds, curlSeconds, xhrSeconds }
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
        `  round ${i + 1}: widget ${rate(widgetSeconds)}, curl -T ${rate(curlSeconds)}, Chromium alone ${rate(xhrSeconds)}` +
          (firefox
            ? `, Firefox widget ${rate(round.firefoxWidgetSeconds)}, Firefox alone ${rate(round.firefoxXhrSeconds)}`
            : ''),
      )
    }
    const widget = options.size / MiB / median(rounds.map((r) => r.widgetSeconds))
    const curl = options.size / MiB / median(rounds.map((r) => r.curlSeconds))
    const xhr = options.size / MiB / median(rounds.map((r) => r.xhrSeconds))
    const ratio = widget / curl
    const shape = `${options.size / partBytes} PUTs of ${partBytes / MiB} MiB, ${WIDGET_PARTS_IN_FLIGHT} at a time`
    const rows: Row[] = [
      {
        part: '4 browser',
        figure: `Chromium, widget, ${options.size / MiB} MiB (s3 multipart → Swift)`,
        value: formatRate(widget),
        peer: 'curl -T to a presigned PUT (Swift)',
        peerValue: formatRate(curl),
        ratio,
        ratioLabel: 'ours/curl',
        goal: '≥ 0.9',
        met: ratio >= 0.9,
      },
      {
        part: '4 browser',
        figure: `Chromium alone, no widget: XMLHttpRequest, ${shape}: the ceiling of ours/curl`,
        value: formatRate(xhr),
        peer: 'curl -T to a presigned PUT (Swift)',
        peerValue: formatRate(curl),
        ratio: xhr / curl,
        ratioLabel: 'alone/curl',
        goal: '(context)',
        met: null,
      },
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
        firefoxWidgetMiBps: firefoxRates?.widget,
        firefoxXhrMiBps: firefoxRates?.alone,
      },
    }
  } finally {
    await firefox?.close()
    await browser?.close()
    await new Promise((resolve) => page.close(resolve))
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

/** The static page: the script tag and the element, nothing else, on its own origin. */
async function servePage(port: number, endpoint: string): Promise<Server> {
  const script = await readFile(join(ROOT, 'widget', 'dist', 'dropgate.iife.js'))
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dropgate bench</title>' +
    '<script src="/dropgate.iife.js"></script></head><body>' +
    `<dropgate-upload inline endpoint="${endpoint}" publishable-key="${PUBLISHABLE_KEY}"></dropgate-upload>` +
    '</body></html>'
  const server = createServer((req, res) => {
    if (req.url === '/dropgate.iife.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'content-length': script.length })
      res.end(script)
    } else if (req.url === '/xhr') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end('<!doctype html><html lang="en"><title>Chromium alone</title><input type=file>')
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(html)
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}

async function widgetUpload(browser: Browser, origin: string, file: string, size: number): Promise<number> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const trace = process.env.BENCH_TRACE ? traceRequests(page) : undefined
    await page.goto(origin)
    const element = page.locator('dropgate-upload')
    await element.evaluate((el) => {
      const w = window as unknown as {
        benchDone: Promise<{ at: number; detail: unknown }>
        benchClick: number
      }
      w.benchDone = new Promise((resolve) =>
        el.addEventListener('dropgate:complete', (event) =>
          resolve({ at: performance.now(), detail: (event as CustomEvent).detail }),
        ),
      )
      // Capturing, on the window: the click is seen before the widget acts on it.
      window.addEventListener('click', () => (w.benchClick ??= performance.now()), { capture: true })
    })
    await element.locator('input[type=file]').first().setInputFiles(file)
    await element.locator('.uppy-StatusBar-actionBtn--upload').click()
    const result = await page.evaluate(async () => {
      const w = window as unknown as {
        benchDone: Promise<{ at: number; detail: unknown }>
        benchClick: number
      }
      const done = await w.benchDone
      return { ms: done.at - w.benchClick, detail: done.detail }
    })
    const detail = result.detail as { successful: { size: number; publicUrl: string }[]; failed: unknown[] }
    if (detail.failed.length > 0 || detail.successful[0]?.size !== size)
      throw new Error(`widget upload did not succeed: ${JSON.stringify(detail)}`)
    const stored = await fetch(detail.successful[0].publicUrl, { method: 'HEAD' })
    if (stored.status !== 200 || Number(stored.headers.get('content-length')) !== size)
      throw new Error(
        `the widget's file is not served whole: ${stored.status} ${stored.headers.get('content-length')}`,
      )
    trace?.print()
    return result.ms / 1000
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
