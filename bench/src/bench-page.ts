import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { STOCK_UPPY } from '@dropgate/testkit'
import { ROOT } from './paths.ts'

/** The publishable key of the bench's pages (bound to the page origin by browser.ts). */
export const PUBLISHABLE_KEY = 'dg_pk_bench'

/** The stock peer's Uppy (testkit's `STOCK_UPPY`: Uppy's own CDN bundle); `assertStock` checks it once more. */
const STOCK_JS = STOCK_UPPY.js
const STOCK_CSS = STOCK_UPPY.css

/** Fails unless the stock bundle is Uppy's own: aws-s3 6.1.0 and nothing of the Dropgate patch. */
export function assertStock(bundle: string): void {
  if (bundle.includes('partConcurrency') || bundle.includes('Dropgate'))
    throw new Error(
      `${STOCK_JS} carries the Dropgate patch of @uppy/aws-s3: the stock peer must be unpatched`,
    )
  if (!bundle.includes('"6.1.0"')) throw new Error(`${STOCK_JS}: expected @uppy/aws-s3 6.1.0 inside`)
}

const html = (title: string, head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`

/**
 * The static pages of part 4, on their own origin: `/` the script tag and `<dropgate-upload inline>`
 * (clicked to upload), `/auto` the same with `auto-upload multiple` (uploads as files are added),
 * `/xhr` a bare file input for Chromium alone, `/stock` stock Uppy (Dashboard + AwsS3 in
 * `signRequest` mode, testkit's `pages/stock-uppy.js`) against the same signer. The widget's script and the
 * chunks it loads from beside it (the media reader, resume, locales) come from widget/dist, as a page
 * that hosts them would serve them. With `widgetB` (a widget dist folder: BENCH_WIDGET_B), `/b` is the
 * widget page with that build's script and chunks under `/b/` (`/b/auto` as `/auto`): a before/after of a widget change in
 * the same rounds.
 */
export async function servePage(port: number, endpoint: string, widgetB?: string): Promise<Server> {
  const files: Record<string, { type: string; body: Buffer }> = {
    '/uppy.min.js': { type: 'text/javascript', body: await readFile(STOCK_JS) },
    '/uppy.min.css': { type: 'text/css', body: await readFile(STOCK_CSS) },
    '/stock-uppy.js': {
      type: 'text/javascript',
      body: await readFile(STOCK_UPPY.page),
    },
  }
  assertStock((files['/uppy.min.js'] as { body: Buffer }).body.toString('latin1'))
  const element = (attributes: string) =>
    `<dropgate-upload inline ${attributes} endpoint="${endpoint}" publishable-key="${PUBLISHABLE_KEY}"></dropgate-upload>`
  const widgetHead = '<script src="/dropgate.iife.js"></script>'
  const pages: Record<string, string> = {
    '/': html('Dropgate bench', widgetHead, element('')),
    '/b': html('Dropgate bench, build B', '<script src="/b/dropgate.iife.js"></script>', element('')),
    '/auto': html('Dropgate bench, auto-upload', widgetHead, element('auto-upload multiple')),
    '/b/auto': html(
      'Dropgate bench, build B, auto-upload',
      '<script src="/b/dropgate.iife.js"></script>',
      element('auto-upload multiple'),
    ),
    '/xhr': html('Chromium alone', '', '<input type=file>'),
    '/stock': html(
      'Stock Uppy',
      '<link rel="stylesheet" href="/uppy.min.css"><script src="/uppy.min.js"></script>',
      `<div id="uppy" data-endpoint="${endpoint}" data-key="${PUBLISHABLE_KEY}"></div><script type="module" src="/stock-uppy.js"></script>`,
    ),
  }
  const widgetDirs = { a: join(ROOT, 'widget', 'dist'), b: widgetB }
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string
    const file = files[path] ?? (await widgetFile(widgetDirs, path))
    const page = pages[path]
    if (file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length })
      res.end(file.body)
    } else if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(page)
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}

/** `/x.js` or `/locales/x.js` from the widget's dist folder (`/b/…` from build B's), if it is there. */
async function widgetFile(
  dirs: { a: string; b: string | undefined },
  path: string,
): Promise<{ type: string; body: Buffer } | undefined> {
  const match = /^(\/b)?\/((?:locales\/)?[\w.-]+\.js)$/.exec(path)
  const dir = match?.[1] ? dirs.b : dirs.a
  if (!match || !dir) return undefined
  const body = await readFile(join(dir, match[2] as string)).catch(() => undefined)
  return body && { type: 'text/javascript', body }
}
