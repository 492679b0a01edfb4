import { curlPut } from '@dropgate/testkit'
import type { Browser } from 'playwright-core'
import type { Split } from './browser-rows.ts'
import { xhrParts } from './chromium-xhr.ts'
import { presignPut, SECRET_KEY } from './dropgate.ts'
import { checkLinks, type Uploader, uploadInPage } from './page-upload.ts'
import { flushDisk } from './processes.ts'
import { profilePage } from './profiling/page-profile.ts'
import { traceRequests } from './trace-requests.ts'

/** Part 4's single uploads of the big file (browser.ts runs them in rounds). */

/** Parts of one file the widget sends at once (PART_CONCURRENCY in widget/src/uppy-driver.ts). */
export const WIDGET_PARTS_IN_FLIGHT = 4

export interface RoundOnStore {
  widget: Split
  /** BENCH_WIDGET_B's build, in the same round */
  widgetB?: Split
  xhrSeconds: number
  stock: Split
}

/** The widget, Chromium alone and stock Uppy once each against the signer at `server`, disk flushed before each. */
export async function roundOnStore(
  browser: Browser,
  origin: string,
  server: string,
  file: string,
  size: number,
  partBytes: number,
  round: number,
): Promise<RoundOnStore> {
  const { widget, widgetB } = await widgetPair(browser, origin, file, size, 'local', round)
  await flushDisk()
  const xhrSeconds = await chromiumAlone(browser, origin, server, file, size, partBytes, 'multipart')
  await flushDisk()
  const stock = await bigUpload(browser, origin, 'stock', file, size, 'local')
  return { widget, widgetB, xhrSeconds, stock }
}

/**
 * The widget, and with BENCH_WIDGET_B (another build's widget/dist) that build too, one after the
 * other (B first in odd rounds, so neither always follows the other's writeback); disk flushed before each.
 */
export async function widgetPair(
  browser: Browser,
  origin: string,
  file: string,
  size: number,
  store: string,
  round: number,
): Promise<{ widget: Split; widgetB?: Split }> {
  const order: Uploader[] = !process.env.BENCH_WIDGET_B
    ? ['widget']
    : round % 2
      ? ['widget-b', 'widget']
      : ['widget', 'widget-b']
  const got = new Map<Uploader, Split>()
  for (const uploader of order) {
    await flushDisk()
    got.set(uploader, await bigUpload(browser, origin, uploader, file, size, store))
  }
  return { widget: got.get('widget') as Split, widgetB: got.get('widget-b') }
}

export async function bigUpload(
  browser: Browser,
  origin: string,
  uploader: Uploader,
  file: string,
  size: number,
  store: string,
): Promise<Split> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const trace = process.env.BENCH_TRACE ? traceRequests(page) : undefined
    await page.goto(`${origin}${{ widget: '', 'widget-b': '/b', stock: '/stock' }[uploader]}`)
    if (uploader === 'stock')
      await page.waitForFunction(() => (window as { stockReady?: boolean }).stockReady)
    const profile = process.env.BENCH_PAGE_PROF ? await profilePage(page, `${uploader}-${store}`) : undefined
    const upload = await uploadInPage(page, uploader, [file], true)
    if (profile) console.log(`    ${uploader} on ${store}: ${await profile.stop()}`)
    await checkLinks(upload, [size], uploader)
    trace?.print()
    return { seconds: upload.ms / 1000, bytesSeconds: upload.lastPartMs / 1000 }
  } finally {
    await context.close()
  }
}

/** The policy's part size for large files (the widget cuts them so). */
export async function policyPartSize(server: string): Promise<number> {
  const answer = await fetch(`${server}/api/v1/policy`)
  const policy = (await answer.json()) as { data?: { multipart?: { basePartSize?: number } } }
  const size = policy.data?.multipart?.basePartSize
  if (!answer.ok || typeof size !== 'number') throw new Error(`GET /api/v1/policy: no multipart.basePartSize`)
  return size
}

export async function chromiumAlone(
  browser: Browser,
  origin: string,
  server: string,
  file: string,
  size: number,
  partBytes: number,
  targets: 'objects' | 'multipart' = 'objects',
): Promise<number> {
  const urls = await (targets === 'objects' ? partUrls : multipartPartUrls)(server, size, partBytes)
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
export async function partUrls(server: string, size: number, partBytes: number): Promise<string[]> {
  const puts = await Promise.all(
    Array.from({ length: Math.ceil(size / partBytes) }, (_, i) =>
      presignPut(server, Math.min(partBytes, size - i * partBytes)),
    ),
  )
  return puts.map((put) => put.uploadUrl)
}

export async function curlUpload(server: string, file: string, size: number): Promise<number> {
  const { uploadUrl, headers } = await presignPut(server, size)
  const { status, seconds } = await curlPut(uploadUrl, file, headers)
  if (status !== 200) throw new Error(`curl -T: HTTP ${status}`)
  return seconds
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/**
 * The part URLs of one multipart upload of `size` bytes (created here, never completed): where the
 * embedded store checks every PutObject's first bytes, so slices of a file cannot go up as objects.
 */
export async function multipartPartUrls(server: string, size: number, partBytes: number): Promise<string[]> {
  const call = async (path: string, body: unknown) => {
    const answer = await fetch(`${server}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const json = (await answer.json()) as { data?: unknown; msg?: string }
    if (!answer.ok) throw new Error(`POST ${path}: ${answer.status} ${json.msg ?? ''}`)
    return json.data as Record<string, unknown>
  }
  const upload = (await call('/api/v1/uploads', {
    filename: 'clip.mp4',
    contentType: 'video/mp4',
    fileSize: size,
  })) as {
    fileId: string
    ticket: string
    uploadId: string
  }
  // The server created the upload (docs/API.md §2.5).
  const { uploadId } = upload
  const partNumbers = Array.from({ length: Math.ceil(size / partBytes) }, (_, i) => i + 1)
  const signed = (await call(`/api/v1/uploads/${upload.fileId}/sign`, {
    ticket: upload.ticket,
    uploadId,
    step: 'parts',
    partNumbers,
  })) as { parts: { url: string; headers: Record<string, string> }[] }
  return signed.parts.map((part) => part.url)
}
