import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Connect, Plugin } from 'vite'

/** Bodies above this are refused: the demo's form carries a title and a few links, not files. */
const MAX_BODY_BYTES = 1024 * 1024

/**
 * `POST /echo`: the demo form's action. It parses the submission exactly as a backend would
 * (url-encoded or multipart) and answers a small page listing every field that arrived, in order.
 * Served by both `vite` (dev) and `vite preview`.
 */
export function echo(): Plugin {
  const install = (middlewares: Connect.Server) => {
    middlewares.use('/echo', (req, res, next) => {
      if (req.method !== 'POST') return next()
      handle(req, res).catch(next)
    })
  }
  return {
    name: 'dropgate-demo-echo',
    configureServer: (server) => install(server.middlewares),
    configurePreviewServer: (server) => install(server.middlewares),
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const contentType = req.headers['content-type'] ?? ''
  const body = await readBody(req)
  if (body === undefined) return answer(res, 413, page('Too large', `<p>Bodies are limited to 1 MiB.</p>`))
  let fields: [string, FormDataEntryValue][]
  try {
    fields = [
      ...(await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData()),
    ]
  } catch {
    return answer(res, 400, page('Not a form', `<p>Expected a form submission, got ${esc(contentType)}.</p>`))
  }
  const rows = fields.map(
    ([name, value]) => `<tr><th scope="row">${esc(name)}</th><td>${show(value)}</td></tr>`,
  )
  const summary = `${fields.length} field${fields.length === 1 ? '' : 's'} · ${esc(contentType.split(';')[0] ?? '')} · ${body.length} bytes · ${new Date().toISOString().slice(11, 19)} UTC`
  answer(
    res,
    200,
    page(
      'What the form sent',
      `<p class="meta">POST /echo · ${summary}</p>` +
        (rows.length > 0
          ? `<table><thead><tr><th scope="col">field</th><th scope="col">value</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
          : '<p>The form sent no fields.</p>'),
    ),
  )
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.destroy()
        resolve(undefined)
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function show(value: FormDataEntryValue): string {
  if (typeof value !== 'string')
    return `<i>file</i> ${esc(value.name)} (${value.size} bytes, ${esc(value.type)})`
  if (/^https?:\/\//.test(value))
    return `<a href="${esc(value)}" target="_blank" rel="noopener">${esc(value)}</a>`
  return value === '' ? '<i>empty</i>' : esc(value)
}

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function answer(res: ServerResponse, status: number, html: string) {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.end(html)
}

// The page shows inside the demo's result frame; the demo sets data-theme on it to match its own.
const page = (title: string, content: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
  :root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #e3e7ec; --link: #0b5cc4; }
  :root[data-theme="dark"] { color-scheme: dark; --fg: #e6edf3; --muted: #9aa4af; --line: #2c333b; --link: #79b4ff; }
  html, body { margin: 0; background: transparent; }
  body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); padding: 2px; }
  .meta { margin: 0 0 10px; color: var(--muted); font-size: 13px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-top: 1px solid var(--line); }
  thead th { border-top: 0; color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  tbody th { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-weight: 600; white-space: nowrap; width: 1%; }
  td { word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
  a { color: var(--link); }
</style>
</head>
<body>
${content}
</body>
</html>
`
