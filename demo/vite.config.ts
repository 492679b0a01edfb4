import { defineConfig, loadEnv, type Plugin } from 'vite'
import { DEFAULT_ENDPOINT, DEFAULT_PUBLISHABLE_KEY } from './src/settings.js'
import { echo } from './vite/echo.js'
import { widgetScript } from './vite/widget-script.js'

// `pnpm dev` at the repository root runs this beside the server and passes DEMO_PORT and the
// VITE_DROPGATE_* settings. The port is strict: a publishable key is bound to the page's origin.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, import.meta.dirname, 'VITE_')
  const endpoint = env.VITE_DROPGATE_ENDPOINT || DEFAULT_ENDPOINT
  const publishableKey = env.VITE_DROPGATE_PUBLISHABLE_KEY || DEFAULT_PUBLISHABLE_KEY
  const port = Number(process.env.DEMO_PORT || 5173)
  return {
    plugins: [widgetScript(), echo(), embedSettings({ endpoint, publishableKey })],
    server: { port, strictPort: true },
    preview: { port, strictPort: true },
    build: { target: 'es2022' },
  }
})

/** Writes the endpoint and key into index.html's `<dropgate-upload>`, as a site writes its own. */
function embedSettings(settings: { endpoint: string; publishableKey: string }): Plugin {
  const attr = (text: string) => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)
  return {
    name: 'dropgate-demo-embed-settings',
    transformIndexHtml: (html) =>
      html
        .replaceAll('%DROPGATE_ENDPOINT%', attr(settings.endpoint))
        .replaceAll('%DROPGATE_PUBLISHABLE_KEY%', attr(settings.publishableKey)),
  }
}
