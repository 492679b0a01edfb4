import { createReadStream, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

/** Where the page loads the widget's one-file build from, as a site would from its CDN. */
export const WIDGET_SCRIPT_PATH = '/dropgate.iife.js'
/** The media reader the script loads on demand, from next to itself (widget README "Media rules"). */
export const MEDIA_SCRIPT_PATH = '/dropgate-media.js'
/** The resume machinery the script loads on demand, from next to itself (README "Resuming uploads"). */
export const RESUME_SCRIPT_PATH = '/dropgate-resume.js'

/** The languages the script loads on demand, from next to itself (widget README "Languages"). */
export const LOCALES_PATH = '/locales/'

/**
 * Serves `@dropgate/widget`'s script-tag build (dist/dropgate.iife.js) at `/dropgate.iife.js`, and
 * the media reader and language files it loads from next to itself (dist/dropgate-media.js,
 * dist/locales/<tag>.js): from the widget package in
 * dev, and as files of the demo's own build. The page's `<script src="/dropgate.iife.js">` is then
 * exactly what a site without a bundler writes.
 */
export function widgetScript(): Plugin {
  const script = createRequire(import.meta.url).resolve('@dropgate/widget/iife')
  const locales = join(dirname(script), LOCALES_PATH.slice(1))
  const files: (readonly [string, string])[] = [
    [WIDGET_SCRIPT_PATH, script],
    [MEDIA_SCRIPT_PATH, join(dirname(script), MEDIA_SCRIPT_PATH.slice(1))],
    [RESUME_SCRIPT_PATH, join(dirname(script), RESUME_SCRIPT_PATH.slice(1))],
    ...readdirSync(locales).map((name) => [`${LOCALES_PATH}${name}`, join(locales, name)] as const),
  ]
  return {
    name: 'dropgate-demo-widget-script',
    configureServer(server) {
      for (const [path, file] of files)
        server.middlewares.use(path, (req, res, next) => {
          if (req.method !== 'GET' && req.method !== 'HEAD') return next()
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
          // Rebuilding the widget must show on the next reload.
          res.setHeader('Cache-Control', 'no-cache')
          if (req.method === 'HEAD') return res.end()
          createReadStream(file).on('error', next).pipe(res)
        })
    },
    generateBundle() {
      for (const [path, file] of files)
        this.emitFile({ type: 'asset', fileName: path.slice(1), source: readFileSync(file) })
    },
  }
}
