import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { freeSwiftPort, STOCK_UPPY, SWIFT_SCRIPT, swiftS3Env } from '@dropgate/testkit'
import { MiB, writeMp4 } from './media.js'
import { answers, freePort, run, type Started, startProcess } from './processes.js'
import { STACK_ENV, type Stack, type Store, type StoreStack, selectedStores } from './stack.js'

// Starts everything the browser tests talk to, on free loopback ports, as an operator would:
//   - per store (local, s3): the real server CLI (`dropgate serve`) with a publishable key bound to
//     the demo's origin and the static page's, and the demo built against that server and served
//     by `vite preview`;
//   - for s3, a private single-node Swift (scripts/swift-s3.sh) on its own ports and folder, whose
//     CORS allow-list names those origins; the shared instance other suites use is never touched;
//   - one static file server for the page with only the script tag and the element.
// Answers the teardown, which stops all of it.

const ROOT = join(import.meta.dirname, '..', '..')
const WORK = join(ROOT, '.tmp', 'e2e')
const SWIFT_DIR = join(WORK, 'swift')
const VITE = join(ROOT, 'demo', 'node_modules', 'vite', 'bin', 'vite.js')
const WIDGET_SCRIPT = join(ROOT, 'widget', 'dist', 'dropgate.iife.js')
// The media reader the script loads on demand, from next to itself (widget/src/media-loader.ts).
const MEDIA_SCRIPT = join(ROOT, 'widget', 'dist', 'dropgate-media.js')
const LOCALE_SCRIPTS = join(ROOT, 'widget', 'dist', 'locales')
// And the resume machinery (widget/src/resume-loader.ts).
const RESUME_SCRIPT = join(ROOT, 'widget', 'dist', 'dropgate-resume.js')
const STATIC_PAGE = join(import.meta.dirname, '..', 'static', 'script-tag-only.html')
const PUBLISHABLE_KEY = 'dg_pk_e2e_browser'
const SECRET_KEY = `dg_sk_e2e_${randomBytes(12).toString('hex')}`

/** The real server CLI on `port`, its data in `dataDir`; resolves once it answers /healthz. */
function startServer(name: string, env: NodeJS.ProcessEnv, port: number, dataDir: string): Promise<Started> {
  return startProcess({
    name,
    command: process.execPath,
    args: [join(ROOT, 'server', 'bin', 'dropgate-dev.mjs'), 'serve'],
    cwd: ROOT,
    env: { ...env, PORT: String(port), DROPGATE_DATA_DIR: dataDir },
    logFile: join(WORK, 'logs', `${name.replace(/\W+/g, '-').replace(/-$/, '')}.log`),
    ready: () => answers(`http://127.0.0.1:${port}/healthz`),
  })
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stores = selectedStores()
  const started: Started[] = []
  const serverEnvs: Partial<Record<Store, NodeJS.ProcessEnv>> = {}
  const spares = new Map<
    string,
    { name: string; env: NodeJS.ProcessEnv; port: number; dataDir: string; process?: Started }
  >()
  let staticServer: Server | undefined
  let controlServer: Server | undefined
  let swiftStarted = false

  const teardown = async () => {
    await Promise.all(started.map((process) => process.stop()))
    await Promise.all([...spares.values()].map((spare) => spare.process?.stop()))
    await new Promise((resolve) => (staticServer ? staticServer.close(resolve) : resolve(undefined)))
    await new Promise((resolve) => (controlServer ? controlServer.close(resolve) : resolve(undefined)))
    if (swiftStarted) await stopSwift()
    // Keep the logs for a look after the run; the stored files and the 120 MiB video go.
    await Promise.all(
      ['swift', 'files', 'data-local', 'data-s3', 'spares'].map((dir) =>
        rm(join(WORK, dir), { recursive: true, force: true }),
      ),
    )
  }

  try {
    if (
      !existsSync(WIDGET_SCRIPT) ||
      !existsSync(MEDIA_SCRIPT) ||
      !existsSync(LOCALE_SCRIPTS) ||
      !existsSync(join(ROOT, 'widget', 'dist', 'index.js'))
    )
      throw new Error('the widget is not built: run `pnpm --dir widget build` (e2e `pnpm test` does)')
    // A run that was killed may have left its Swift running in our folder: stop it (it is ours).
    await stopSwift()
    await rm(WORK, { recursive: true, force: true })
    await mkdir(join(WORK, 'logs'), { recursive: true })
    await mkdir(join(WORK, 'files'), { recursive: true })

    const staticPort = await freePort()
    const staticOrigin = `http://127.0.0.1:${staticPort}`
    const ports = Object.fromEntries(
      await Promise.all(
        stores.map(async (store) => [store, { demo: await freePort(), server: await freePort() }]),
      ),
    ) as Record<Store, { demo: number; server: number }>
    const demoOrigin = (store: Store) => `http://127.0.0.1:${ports[store].demo}`

    const bigVideoPath = join(WORK, 'files', 'big-120MiB.mp4')
    const [swiftEnv, bigVideoSha] = await Promise.all([
      stores.includes('s3')
        ? startSwift([demoOrigin('s3'), staticOrigin]).then((env) => {
            swiftStarted = true
            return env
          })
        : undefined,
      writeMp4(bigVideoPath, 120 * MiB),
    ])

    const stacks: Partial<Record<Store, StoreStack>> = {}
    await Promise.all(
      stores.map(async (store) => {
        const server = `http://127.0.0.1:${ports[store].server}`
        const demo = demoOrigin(store)
        const storeEnv: NodeJS.ProcessEnv =
          store === 's3' ? { DROPGATE_STORAGE: 's3', ...swiftEnv } : { DROPGATE_STORAGE: 'local' }
        const serverEnv: NodeJS.ProcessEnv = {
          PATH: process.env.PATH,
          HOST: '127.0.0.1',
          DROPGATE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
          // A secret key, for the tests that mint upload tokens as a site's backend does.
          DROPGATE_API_KEYS: SECRET_KEY,
          DROPGATE_PUBLISHABLE_KEYS: [PUBLISHABLE_KEY, demo, staticOrigin].join('|'),
          DROPGATE_ALLOWED_ORIGINS: [demo, staticOrigin].join(','),
          // Every test comes from one address; the limit itself is the server suite's to test.
          DROPGATE_PUBLISHABLE_RATE_LIMIT: '100000/60',
          // Room for the 120 MiB video of the multipart tests.
          DROPGATE_MAX_VIDEO_BYTES: String(200 * MiB),
          // 8 MiB parts (the default is 32): the 120 MiB video then has 15 of them, enough for the
          // large-file specs to hold one, pause between them and resume without racing.
          DROPGATE_PART_SIZE_MB: '8',
          ...storeEnv,
        }
        serverEnvs[store] = serverEnv
        started.push(
          await startServer(`server (${store})`, serverEnv, ports[store].server, join(WORK, `data-${store}`)),
        )

        // The demo, built against this server as a site would be, then served as static files
        // (plus its /echo endpoint) by `vite preview`.
        const outDir = join(WORK, `demo-${store}`)
        await run(
          process.execPath,
          [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
          {
            cwd: join(ROOT, 'demo'),
            env: {
              ...process.env,
              VITE_DROPGATE_ENDPOINT: server,
              VITE_DROPGATE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
            },
          },
        )
        started.push(
          await startProcess({
            name: `demo (${store})`,
            command: process.execPath,
            args: [
              VITE,
              'preview',
              '--outDir',
              outDir,
              '--host',
              '127.0.0.1',
              '--port',
              String(ports[store].demo),
              '--strictPort',
            ],
            cwd: join(ROOT, 'demo'),
            env: { ...process.env },
            logFile: join(WORK, 'logs', `demo-${store}.log`),
            ready: () => answers(`${demo}/`),
          }),
        )

        stacks[store] = {
          store,
          demo,
          server,
          // Where the browser's upload requests go: on S3 the quarantine bucket (README "What a link serves").
          uploadBase:
            store === 's3'
              ? `${swiftEnv?.S3_ENDPOINT}/${swiftEnv?.S3_QUARANTINE_BUCKET ?? swiftEnv?.S3_BUCKET}/`
              : `${server}/store/`,
          staticPage: `${staticOrigin}/${store}/`,
          stockUppyPage: `${staticOrigin}/stock/${store}/`,
          publishableKey: PUBLISHABLE_KEY,
          secretKey: SECRET_KEY,
        }
      }),
    )

    staticServer = await serveStaticPage(staticPort, stacks)
    const controlPort = await freePort()
    controlServer = await serveControl(controlPort, {
      async create(store) {
        const env = serverEnvs[store]
        if (!env) throw new Error(`no ${store} store in this run`)
        const id = `${store}-${spares.size + 1}`
        const spare = {
          name: `spare server ${id}`,
          env,
          port: await freePort(),
          dataDir: join(WORK, 'spares', id),
        }
        spares.set(id, spare)
        return { id, url: `http://127.0.0.1:${spare.port}` }
      },
      async start(id) {
        const spare = spares.get(id)
        if (!spare) throw new Error(`no spare server ${id}`)
        if (spare.process?.child.exitCode === null && spare.process.child.signalCode === null) return
        spare.process = await startServer(spare.name, spare.env, spare.port, spare.dataDir)
      },
      async kill(id) {
        const child = spares.get(id)?.process?.child
        if (!child || child.exitCode !== null || child.signalCode !== null) return
        const gone = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGKILL')
        await gone
      },
      async stop(id) {
        await spares.get(id)?.process?.stop()
        spares.delete(id)
      },
    })

    const stack: Stack = {
      control: `http://127.0.0.1:${controlPort}`,
      stores: stacks,
      bigVideo: { path: bigVideoPath, size: 120 * MiB, sha256: bigVideoSha },
    }
    process.env[STACK_ENV] = JSON.stringify(stack)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}

/**
 * A plain static file server: `/<store>/` is the page with only the widget's script tag and the
 * element (its endpoint written in, as a site writes its own; `?locale=<tag>` adds the attribute),
 * `/dropgate.iife.js` the widget, `/dropgate-media.js` the media reader and `/locales/<tag>.js` the
 * languages it loads from next to itself; `/stock/<store>/` a page with stock Uppy and no widget.
 */
function serveStaticPage(port: number, stacks: Partial<Record<Store, StoreStack>>): Promise<Server> {
  const template = readFileSync(STATIC_PAGE, 'utf8')
  const script = readFileSync(WIDGET_SCRIPT)
  const media = readFileSync(MEDIA_SCRIPT)
  const resume = readFileSync(RESUME_SCRIPT)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    const store = Object.values(stacks).find((s) => path === `/${s.store}/`)
    const stockStore = Object.values(stacks).find((s) => path === `/stock/${s.store}/`)
    const stockFile = STOCK_FILES[path]
    const locale = /^\/locales\/([\w-]+)\.js$/.exec(path)?.[1]
    if (locale && existsSync(join(LOCALE_SCRIPTS, `${locale}.js`))) {
      res
        .writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' })
        .end(readFileSync(join(LOCALE_SCRIPTS, `${locale}.js`)))
    } else if (path === '/dropgate.iife.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(script)
    } else if (path === '/dropgate-media.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(media)
    } else if (path === '/dropgate-resume.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(resume)
    } else if (stockFile) {
      res.writeHead(200, { 'Content-Type': stockFile.type }).end(readFileSync(stockFile.path))
    } else if (stockStore) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(stockUppyPage(stockStore))
    } else if (store) {
      const html = template
        .replaceAll('%ENDPOINT%', store.server)
        .replaceAll('%PUBLISHABLE_KEY%', store.publishableKey)
        .replace(
          ' inline>',
          ` inline${localeAttribute(url.searchParams.get('locale'))}${acceptAttribute(url.searchParams.get('accept'))}>`,
        )
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html)
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

// Stock Uppy without the widget (testkit's STOCK_UPPY): Uppy's CDN bundle and the page script that
// uploads with it through the signer, as a site that brings its own Uppy would (stock-uppy.spec.ts).
const STOCK_FILES: Record<string, { path: string; type: string }> = {
  '/uppy.min.js': { path: STOCK_UPPY.js, type: 'text/javascript; charset=utf-8' },
  '/uppy.min.css': { path: STOCK_UPPY.css, type: 'text/css; charset=utf-8' },
  '/stock-uppy.js': { path: STOCK_UPPY.page, type: 'text/javascript; charset=utf-8' },
}

const stockUppyPage = (stack: StoreStack) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stock Uppy</title><link rel="stylesheet" href="/uppy.min.css"><script src="/uppy.min.js"></script></head><body><div id="uppy" data-endpoint="${stack.server}" data-key="${stack.publishableKey}"></div><script type="module" src="/stock-uppy.js"></script></body></html>`

const localeAttribute = (tag: string | null) => (tag && /^[A-Za-z-]+$/.test(tag) ? ` locale="${tag}"` : '')
// `?accept=audio/*`: the page's only uploader takes only those types (round-trips.spec.ts).
const acceptAttribute = (types: string | null) =>
  types && /^[a-z]+\/[\w.+*-]+(,[a-z]+\/[\w.+*-]+)*$/.test(types) ? ` accept="${types}"` : ''

interface SpareControl {
  create(store: Store): Promise<{ id: string; url: string }>
  start(id: string): Promise<void>
  kill(id: string): Promise<void>
  stop(id: string): Promise<void>
}

/**
 * The harness's control API, for tests that need a server of their own to crash and restart (the
 * shared ones serve every other test): `POST /spares/<store>` creates one (same settings as that
 * store's server, its own port and data folder) and answers `{id, url}`; `POST /spares/<id>/start`
 * starts it (again), `/kill` kills it at once (SIGKILL, as a crash), `DELETE /spares/<id>` stops it.
 */
function serveControl(port: number, control: SpareControl): Promise<Server> {
  const server = createServer((req, res) => {
    const [, resource, name, action] = new URL(req.url ?? '/', 'http://x').pathname.split('/')
    const answer = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
    const run = async () => {
      if (resource !== 'spares' || !name) return answer(404, { error: 'not found' })
      if (req.method === 'POST' && !action) return answer(200, await control.create(name as Store))
      if (req.method === 'POST' && action === 'start') return answer(200, await control.start(name))
      if (req.method === 'POST' && action === 'kill') return answer(200, await control.kill(name))
      if (req.method === 'DELETE' && !action) return answer(200, await control.stop(name))
      return answer(404, { error: 'not found' })
    }
    run().catch((error: unknown) => answer(500, { error: String(error) }))
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

/** A private Swift on free ports (proxy port P, backends P+10..13), CORS open to `origins`. */
async function startSwift(origins: string[]): Promise<Record<string, string>> {
  const port = await freeSwiftPort()
  const env = { ...process.env, SWIFT_PORT: String(port), S3_CORS_ORIGINS: origins.join(',') }
  try {
    await run('bash', [SWIFT_SCRIPT, 'start', SWIFT_DIR], { env, timeout: 90_000 })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(
      `could not start Swift (scripts/swift-s3.sh start): ${stdout}${stderr}\n` +
        "On a bare machine run 'bash scripts/swift-s3.sh install' first (npm test does).",
    )
  }
  return swiftS3Env({ PATH: process.env.PATH, SWIFT_PORT: String(port) })
}

async function stopSwift(): Promise<void> {
  if (!existsSync(join(SWIFT_DIR, 'run'))) return
  await run('bash', [SWIFT_SCRIPT, 'stop', SWIFT_DIR], { timeout: 60_000 })
}
