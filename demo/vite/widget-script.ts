import { createReadStream, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Plugin } from 'vite'

/** Where the page loads the widget's one-file build from, as a site would from its CDN. */
export const WIDGET_SCRIPT_PATH = '/dropgate.iife.js'

/**
 * Serves `@dropgate/widget`'s script-tag build (dist/dropgate.iife.js) at `/dropgate.iife.js`:
 * from the widget package in dev, and as a file of the demo's own build. The page's
 * `<script src="/dropgate.iife.js">` is then exactly what a site without a bundler writes.
 */
export function widgetScript(): Plugin {
  const file = createRequire(import.meta.url).resolve('@dropgate/widget/iife')
  return {
    name: 'dropgate-demo-widget-script',
    configureServer(server) {
      server.middlewares.use(WIDGET_SCRIPT_PATH, (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next()
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
        // Rebuilding the widget must show on the next reload.
        res.setHeader('Cache-Control', 'no-cache')
        if (req.method === 'HEAD') return res.end()
        createReadStream(file).on('error', next).pipe(res)
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WIDGET_SCRIPT_PATH.slice(1), source: readFileSync(file) })
    },
  }
}
