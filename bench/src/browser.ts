import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { CHROMIUM_LAUNCH } from '@dropgate/testkit'
import { type Browser, chromium } from 'playwright-core'
import { PUBLISHABLE_KEY, servePage } from './bench-page.ts'
import { bigFileRows, type Split, type StoreFigures, widgetBRows } from './browser-rows.ts'
import {
  bigUpload,
  chromiumAlone,
  curlUpload,
  median,
  partUrls,
  policyPartSize,
  type RoundOnStore,
  roundOnStore,
  WIDGET_PARTS_IN_FLIGHT,
  widgetPair,
} from './browser-uploads.ts'
import { ensureWidgetBuild } from './bundle.ts'
import { SECRET_KEY, startDropgate } from './dropgate.ts'
import { FIREFOX, firefoxAlone, firefoxRows, firefoxWidgetUpload, launchFirefox } from './firefox.ts'
import { mp4File } from './media.ts'
import type { Uploader } from './page-upload.ts'
import { MiB, TMP } from './paths.ts'
import { flushDisk, freePort, type Peer } from './processes.ts'
import { formatRate, type PartResult, type Row } from './report.ts'
import { BATCHES, type LinkRuns, linkRows, timeToLink } from './time-to-link.ts'

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
 * answer: what any page could reach here. The widget's and stock Uppy's times are also split into
 * bytes and confirmation (browser-rows.ts). Then the same three on the embedded store (its own server
 * and page origin), which promotes by rename: the browser side apart from Swift's server-side copies.
 * Alternating rounds, medians. (q) Time to link at 100 ms latency: time-to-link.ts.
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

interface Round {
  widgetSeconds: number
  curlSeconds: number
  xhrSeconds: number
  stockSeconds: number
  /** click → the answer of the last part PUT (page-upload.ts) */
  widgetBytesSeconds: number
  stockBytesSeconds: number
  /** BENCH_WIDGET_B's build, in the same round (bench-page.ts) */
  widgetB?: Split
  /** The widget, Chromium alone and stock Uppy on the embedded store. */
  local?: RoundOnStore
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
  const localPagePort = await freePort()
  const localOrigin = `http://127.0.0.1:${localPagePort}`
  let local: Peer | undefined
  let localPage: Server | undefined
  let page: Server | undefined
  let browser: Browser | undefined
  let firefox: Awaited<ReturnType<typeof launchFirefox>> = null
  try {
    page = await servePage(options.pagePort, server.url, process.env.BENCH_WIDGET_B)
    local = await startDropgate('dropgate-browser-local', {
      ...serverEnv(localOrigin),
      DROPGATE_STORAGE: 'local',
    })
    localPage = await servePage(localPagePort, local.url, process.env.BENCH_WIDGET_B)
    const localPartBytes = await policyPartSize(local.url)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_LAUNCH.args],
    })
    // BENCH_LINK_ONLY=1: only (q), the time-to-link rows, for a quick look at them.
    if (process.env.BENCH_LINK_ONLY) {
      const links = await linkRuns(browser, pageOrigin, options.linkRuns ?? 3)
      return { part: 'browser', rows: linkRows(links), data: { links } }
    }
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
      const { widget, widgetB } = await widgetPair(browser, pageOrigin, file, options.size, 's3', i)
      await flushDisk()
      const xhrSeconds = await chromiumAlone(browser, pageOrigin, server.url, file, options.size, partBytes)
      await flushDisk()
      const stock = await bigUpload(browser, pageOrigin, 'stock', file, options.size, 's3')
      const round: Round = {
        widgetSeconds: widget.seconds,
        curlSeconds,
        xhrSeconds,
        stockSeconds: stock.seconds,
        widgetBytesSeconds: widget.bytesSeconds,
        stockBytesSeconds: stock.bytesSeconds,
        widgetB,
      }
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
      round.local = await roundOnStore(browser, localOrigin, local.url, file, options.size, localPartBytes, i)
      rounds.push(round)
      const rate = (seconds = Number.NaN) =>
        `${formatRate(options.size / MiB / seconds)} (${seconds.toFixed(2)} s)`
      const bytes = (s: Split) => `${rate(s.seconds)}, bytes ${s.bytesSeconds.toFixed(2)} s`
      console.log(
        `  round ${i + 1}: widget ${bytes(widget)}, curl -T ${rate(curlSeconds)}, Chromium alone ${rate(xhrSeconds)}, stock Uppy ${bytes(stock)}` +
          (firefox
            ? `, Firefox widget ${rate(round.firefoxWidgetSeconds)}, Firefox alone ${rate(round.firefoxXhrSeconds)}`
            : '') +
          (widgetB ? `, widget B ${bytes(widgetB)}` : '') +
          `\n    embedded store: widget ${bytes(round.local.widget)}${round.local.widgetB ? `, widget B ${bytes(round.local.widgetB)}` : ''}, Chromium alone ${rate(round.local.xhrSeconds)}, stock Uppy ${bytes(round.local.stock)}`,
      )
    }
    const rateOf = (pick: (r: Round) => number) => mib / median(rounds.map(pick))
    const widget = rateOf((r) => r.widgetSeconds)
    const curl = rateOf((r) => r.curlSeconds)
    const xhr = rateOf((r) => r.xhrSeconds)
    const stock = rateOf((r) => r.stockSeconds)
    const medianOf = (pick: (r: Round) => number) => median(rounds.map(pick))
    const s3Figures: StoreFigures = {
      widget: {
        seconds: medianOf((r) => r.widgetSeconds),
        bytesSeconds: medianOf((r) => r.widgetBytesSeconds),
      },
      xhrSeconds: medianOf((r) => r.xhrSeconds),
      stock: { seconds: medianOf((r) => r.stockSeconds), bytesSeconds: medianOf((r) => r.stockBytesSeconds) },
    }
    const onStore = (pick: (r: RoundOnStore) => number) => medianOf((r) => pick(r.local as RoundOnStore))
    const localFigures: StoreFigures = {
      widget: {
        seconds: onStore((r) => r.widget.seconds),
        bytesSeconds: onStore((r) => r.widget.bytesSeconds),
      },
      xhrSeconds: onStore((r) => r.xhrSeconds),
      stock: { seconds: onStore((r) => r.stock.seconds), bytesSeconds: onStore((r) => r.stock.bytesSeconds) },
    }

    const links = await linkRuns(browser, pageOrigin, options.linkRuns ?? 3)

    const shape = `${options.size / partBytes} PUTs of ${partBytes / MiB} MiB, ${WIDGET_PARTS_IN_FLIGHT} at a time`
    const rows: Row[] = [
      ...bigFileRows({
        mib,
        shape,
        curlSeconds: medianOf((r) => r.curlSeconds),
        s3: s3Figures,
        local: localFigures,
      }),
      ...linkRows(links),
    ]
    if (rounds.every((r) => r.widgetB && r.local?.widgetB)) {
      const b = (pick: (r: Round) => Split) => ({
        seconds: medianOf((r) => pick(r).seconds),
        bytesSeconds: medianOf((r) => pick(r).bytesSeconds),
      })
      rows.push(
        ...widgetBRows(
          mib,
          's3 multipart → Swift',
          s3Figures.widget,
          b((r) => r.widgetB as Split),
        ),
        ...widgetBRows(
          mib,
          'embedded store',
          localFigures.widget,
          b((r) => r.local?.widgetB as Split),
        ),
      )
    }
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
        s3: s3Figures,
        local: localFigures,
        links,
        firefoxWidgetMiBps: firefoxRates?.widget,
        firefoxXhrMiBps: firefoxRates?.alone,
      },
    }
  } finally {
    await firefox?.close()
    await browser?.close()
    for (const served of [page, localPage])
      await new Promise((resolve) => (served ? served.close(resolve) : resolve(undefined)))
    await local?.stop()
    await server.stop()
  }
}

/** (q): each batch through the widget and stock Uppy, alternating, `runs` times each. */
async function linkRuns(
  browser: Browser,
  pageOrigin: string,
  runs: number,
): Promise<Record<string, LinkRuns>> {
  const links: Record<string, LinkRuns> = {}
  // BENCH_WIDGET_B: that build too, in the same rounds (its B/A rows).
  const uploaders: Uploader[] = process.env.BENCH_WIDGET_B
    ? ['widget', 'widget-b', 'stock']
    : ['widget', 'stock']
  for (const batch of BATCHES) {
    const each: LinkRuns = { widget: [], stock: [], 'widget-b': [] }
    for (let i = 0; i < runs; i++)
      for (const uploader of uploaders) {
        const run = await timeToLink(browser, pageOrigin, uploader, batch)
        each[uploader].push(run)
        console.log(
          `  ${batch.name}, ${uploader}: ${run.seconds.toFixed(2)} s, ${run.requests} requests (${run.preflights} preflights)`,
        )
      }
    links[batch.name] = each
  }

  return links
}

/** Dropgate on the s3 driver, checked to sign a multipart upload of this size before any round. */
async function startServer(options: BrowserOptions, pageOrigin: string): Promise<Peer> {
  const s3 = await startDropgate('dropgate-browser-s3', {
    ...serverEnv(pageOrigin),
    DROPGATE_STORAGE: 's3',
    ...options.s3,
  })
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

/** A signer for the page at `pageOrigin`, its publishable key bound to that origin. */
function serverEnv(pageOrigin: string): Record<string, string> {
  return {
    DROPGATE_ALLOWED_ORIGINS: pageOrigin,
    DROPGATE_PUBLISHABLE_KEYS: `${PUBLISHABLE_KEY}|${pageOrigin}`,
    DROPGATE_PUBLISHABLE_RATE_LIMIT: '100000/60',
    DROPGATE_MAX_VIDEO_BYTES: String(300 * MiB),
  }
}
