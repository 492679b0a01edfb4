import type { Page } from 'playwright-core'

/**
 * Which uploader a page holds: ours (`<dropgate-upload>`), ours from another build (BENCH_WIDGET_B,
 * bench-page.ts) or stock Uppy (testkit's `pages/stock-uppy.js`).
 */
export type Uploader = 'widget' | 'stock' | 'widget-b'

export interface PageUpload {
  /** ms from the start (the click on Upload, or the files' arrival in the input) to the last link */
  ms: number
  /**
   * ms from the same start to the answer of the last part PUT (a URL with `partNumber`), from the
   * page's Resource Timing (`responseEnd` is exposed cross-origin): the bytes' share of `ms`; the rest
   * (CompleteMultipartUpload, the signer's check and promotion, the link event) is confirmation.
   * NaN when no part was sent (a single PUT).
   */
  lastPartMs: number
  links: { publicUrl: string; size: number }[]
  failed: unknown[]
}

const EVENTS = {
  widget: { one: 'dropgate:upload', all: 'dropgate:complete' },
  stock: { one: 'stock:upload', all: 'stock:complete' },
} as const

/**
 * Uploads `files` through the page's uploader, as a person does: chooses them in its file input, then
 * clicks its Upload button unless the page uploads as files are added. Timed in the page, from the
 * click (seen first, capturing on the window) or from the input's `change` (a listener on the input
 * itself, added before the uploader's), to the last per-file link event (`dropgate:upload`, or the
 * stock page's own after its `complete` call): what a person waits for.
 */
export async function uploadInPage(
  page: Page,
  uploader: Uploader,
  files: string[],
  click: boolean,
): Promise<PageUpload> {
  const isWidget = uploader !== 'stock'
  const events = EVENTS[isWidget ? 'widget' : 'stock']
  const target = isWidget ? page.locator('dropgate-upload') : page.locator('#uppy')
  const input = target.locator('input[type=file]').first()
  await target.evaluate(
    (el, { one, all, isWidget }) => {
      const w = window as unknown as { bench: { start?: number; last?: number; done: Promise<unknown> } }
      const source: EventTarget = isWidget ? el : window
      const bench: { start?: number; last?: number; done: Promise<unknown> } = {
        done: new Promise((resolve) =>
          source.addEventListener(all, (event) => resolve((event as CustomEvent).detail)),
        ),
      }
      source.addEventListener(one, () => {
        bench.last = performance.now()
      })
      w.bench = bench
      window.addEventListener('click', () => (bench.start ??= performance.now()), { capture: true })
    },
    { ...events, isWidget },
  )
  if (!click)
    await input.evaluate((el) => {
      const w = window as unknown as { bench: { start?: number } }
      el.addEventListener('change', () => (w.bench.start ??= performance.now()))
    })
  await input.setInputFiles(files)
  if (click)
    await (isWidget
      ? target.locator('.uppy-StatusBar-actionBtn--upload')
      : page.locator('.uppy-StatusBar-actionBtn--upload')
    ).click()
  const result = await page.evaluate(async () => {
    const w = window as unknown as { bench: { start?: number; last?: number; done: Promise<unknown> } }
    const detail = (await w.bench.done) as { successful: unknown[]; failed: unknown[] }
    const start = w.bench.start ?? Number.NaN
    const parts = performance
      .getEntriesByType('resource')
      .filter((entry) => /[?&]partNumber=/.test(entry.name) && entry.startTime >= start)
    const lastPart =
      parts.length > 0
        ? Math.max(...parts.map((entry) => (entry as PerformanceResourceTiming).responseEnd))
        : Number.NaN
    return { ms: (w.bench.last ?? Number.NaN) - start, lastPartMs: lastPart - start, detail }
  })
  const links = result.detail.successful as { publicUrl: string; size: number }[]
  return { ms: result.ms, lastPartMs: result.lastPartMs, links, failed: result.detail.failed }
}

/** Throws unless every file came back as a link that serves its whole size. */
export async function checkLinks(upload: PageUpload, sizes: number[], who: string): Promise<void> {
  if (upload.failed.length > 0 || upload.links.length !== sizes.length || Number.isNaN(upload.ms))
    throw new Error(`${who}: the upload did not succeed: ${JSON.stringify(upload).slice(0, 500)}`)
  const want = [...sizes].sort()
  const got = upload.links.map((l) => l.size).sort()
  if (want.join() !== got.join()) throw new Error(`${who}: sizes ${got} where ${want} were sent`)
  for (const link of upload.links) {
    const stored = await fetch(link.publicUrl, { method: 'HEAD' })
    if (stored.status !== 200 || Number(stored.headers.get('content-length')) !== link.size)
      throw new Error(`${who}: ${link.publicUrl} is not served whole: ${stored.status}`)
  }
}
