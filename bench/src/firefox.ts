import { existsSync } from 'node:fs'
import puppeteer, { type Browser, type ElementHandle } from 'puppeteer-core'
import { xhrParts } from './chromium-xhr.ts'
import { formatRate, type Row } from './report.ts'

/**
 * Part 4's Firefox rows: Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core, uploads
 * the same file in the same run as Chromium: through the widget on the same static page (timed from
 * the click on Upload to `dropgate:complete`), and alone with XMLHttpRequest in the widget's shape
 * (same part size, same parts in flight), the same measurements as Chromium's.
 */

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'

/** Firefox, or null when it is not installed (the Chromium rows still run; the report says so). */
export async function launchFirefox(): Promise<Browser | null> {
  if (!existsSync(FIREFOX)) return null
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocolTimeout: 300_000,
  })
}

export async function firefoxWidgetUpload(
  browser: Browser,
  origin: string,
  file: string,
  size: number,
): Promise<number> {
  const context = await browser.createBrowserContext()
  try {
    const page = await context.newPage()
    await page.goto(origin)
    await page.evaluate(() => {
      const w = window as unknown as {
        benchDone: Promise<{ at: number; detail: unknown }>
        benchClick: number
      }
      const el = document.querySelector('dropgate-upload') as HTMLElement
      w.benchDone = new Promise((resolve) =>
        el.addEventListener('dropgate:complete', (event) =>
          resolve({ at: performance.now(), detail: (event as CustomEvent).detail }),
        ),
      )
      // Capturing, on the window: the click is seen before the widget acts on it.
      window.addEventListener('click', () => (w.benchClick ??= performance.now()), { capture: true })
    })
    const input = (await page.waitForSelector(
      'dropgate-upload >>> input[type=file]',
    )) as ElementHandle<HTMLInputElement>
    await input.uploadFile(file)
    const upload = await page.waitForSelector('dropgate-upload >>> .uppy-StatusBar-actionBtn--upload', {
      visible: true,
    })
    await upload?.click()
    const result = await page.evaluate(async () => {
      const w = window as unknown as {
        benchDone: Promise<{ at: number; detail: unknown }>
        benchClick: number
      }
      const done = await w.benchDone
      return { ms: done.at - w.benchClick, detail: done.detail }
    })
    const detail = result.detail as { successful: { size: number }[]; failed: unknown[] }
    if (detail.failed.length > 0 || detail.successful[0]?.size !== size)
      throw new Error(`Firefox widget upload did not succeed: ${JSON.stringify(detail)}`)
    return result.ms / 1000
  } finally {
    await context.close()
  }
}

/** Firefox alone: the file PUT to `urls` in `partBytes` slices with XMLHttpRequest, `parallel` at a time. */
export async function firefoxAlone(
  browser: Browser,
  origin: string,
  urls: readonly string[],
  file: string,
  partBytes: number,
  parallel: number,
): Promise<number> {
  const context = await browser.createBrowserContext()
  try {
    const page = await context.newPage()
    await page.goto(`${origin}/xhr`)
    const input = (await page.waitForSelector('input[type=file]')) as ElementHandle<HTMLInputElement>
    await input.uploadFile(file)
    return await xhrParts(page, urls, partBytes, parallel, true)
  } finally {
    await context.close()
  }
}

/** The Firefox rows beside Chromium's: the widget against Firefox alone, Firefox alone against curl. */
export function firefoxRows(
  sizeMiB: number,
  shape: string,
  rates: { widget: number; alone: number; curl: number; chromiumWidget: number },
): Row[] {
  return [
    {
      part: '4 browser',
      figure: `Firefox ESR, widget, ${sizeMiB} MiB (s3 multipart → Swift)`,
      value: formatRate(rates.widget),
      peer: `Firefox alone (XMLHttpRequest, same shape); Chromium's widget ${formatRate(rates.chromiumWidget)}`,
      peerValue: formatRate(rates.alone),
      ratio: rates.widget / rates.alone,
      ratioLabel: 'widget/alone',
      goal: '(context)',
      met: null,
      note: `ours/curl = ${(rates.widget / rates.curl).toFixed(2)}`,
    },
    {
      part: '4 browser',
      figure: `Firefox ESR alone, no widget: XMLHttpRequest, ${shape}`,
      value: formatRate(rates.alone),
      peer: 'curl -T to a presigned PUT (Swift)',
      peerValue: formatRate(rates.curl),
      ratio: rates.alone / rates.curl,
      ratioLabel: 'alone/curl',
      goal: '(context)',
      met: null,
    },
  ]
}
