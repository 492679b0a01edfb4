import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { png } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'

/**
 * `@dropgate/server` as an app installs it: `pnpm pack` of the server and of every workspace package
 * it depends on (read from package.json, so a new one is packed too), the tarballs installed with npm
 * into an empty folder outside the repository. There `dropgate serve` runs from dist/ with no tsx
 * installed, and a plain Node ESM script and a TypeScript consumer import the package's entry.
 */
const run = promisify(execFile)
const SERVER_DIR = join(import.meta.dirname, '..', '..')
const KEY = 'package-install-key'
let packDir: string
let appDir: string
let packed: Map<string, Record<string, unknown>>
let server: RunningServer | undefined

/** npm on its own: what pnpm's `npm_*` variables say (lifecycle, pnpm's settings) is not for it. */
const npmEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')))

/** The package in `dir` and every `workspace:` dependency it has at run time, found through its node_modules links. */
async function workspacePackages(
  dir: string,
  found = new Map<string, string>(),
): Promise<Map<string, string>> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
  found.set(manifest.name, dir)
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'])
    for (const [name, spec] of Object.entries<string>(manifest[field] ?? {}))
      if (spec.startsWith('workspace:') && !found.has(name))
        await workspacePackages(await realpath(join(dir, 'node_modules', name)), found)
  return found
}

beforeAll(async () => {
  packDir = await mkdtemp(join(tmpdir(), 'dropgate-pack-'))
  appDir = await mkdtemp(join(tmpdir(), 'dropgate-app-'))
  // pnpm pack runs each package's prepack (the server's: its build) and turns workspace: ranges into versions.
  for (const dir of (await workspacePackages(SERVER_DIR)).values())
    await run('pnpm', ['pack', '--pack-destination', packDir], { cwd: dir, timeout: 120_000 })
  const tarballs = (await readdir(packDir))
    .filter((name) => name.endsWith('.tgz'))
    .map((n) => join(packDir, n))
  await writeFile(
    join(appDir, 'package.json'),
    JSON.stringify({ name: 'host-app', private: true, type: 'module' }),
  )
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], {
    cwd: appDir,
    env: npmEnv(),
    timeout: 150_000,
  })
  packed = new Map()
  for (const name of (await workspacePackages(SERVER_DIR)).keys())
    packed.set(name, JSON.parse(await readFile(join(appDir, 'node_modules', name, 'package.json'), 'utf8')))
}, 300_000)

afterAll(async () => {
  await server?.stop()
  for (const dir of [packDir, appDir]) if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the packed @dropgate/server, installed with npm into an empty folder', () => {
  it('installs no tsx and no workspace: range; its bin and entry are built JavaScript', () => {
    expect(existsSync(join(appDir, 'node_modules', 'tsx'))).toBe(false)
    const manifest = packed.get('@dropgate/server') as {
      bin: Record<string, string>
      exports: Record<string, { types: string; default: string }>
      dependencies: Record<string, string>
    }
    expect(manifest.dependencies).not.toHaveProperty('tsx')
    for (const [name, spec] of Object.entries(manifest.dependencies))
      expect(spec, name).not.toMatch(/^workspace:/)
    const installed = join(appDir, 'node_modules', '@dropgate', 'server')
    for (const file of [manifest.bin.dropgate, manifest.exports['.']?.default, manifest.exports['.']?.types])
      expect(existsSync(join(installed, file as string)), file).toBe(true)
    expect(existsSync(join(installed, 'src'))).toBe(false)
  })

  it('`dropgate serve` listens on 127.0.0.1 with the embedded store: /healthz and a JSON-mode upload', async () => {
    server = await startServer({ DROPGATE_API_KEYS: KEY }, [], {
      bin: join(appDir, 'node_modules', '.bin', 'dropgate'),
    })
    const health = await fetch(`${server.url}/healthz`)
    expect(await health.json()).toMatchObject({ code: 200, data: { status: 'ok', storage: 'local' } })

    const bytes = png(20, 20, 3)
    const headers = { authorization: `Bearer ${KEY}` }
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'p.png', contentType: 'image/png', fileSize: bytes.length }),
    })
    expect(created.status).toBe(200)
    const { data } = await created.json()
    expect(
      (await fetch(data.uploadUrl, { method: 'PUT', headers: data.headers, body: new Uint8Array(bytes) }))
        .status,
    ).toBe(200)
    const completed = await fetch(`${server.url}/api/v1/files/${data.fileId}/complete`, {
      method: 'POST',
      headers,
    })
    expect(completed.status).toBe(200)
    const served = await fetch(data.publicUrl)
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
    await server.stop()
    expect(server.process.signalCode ?? server.process.exitCode).not.toBeNull()
  })

  it('a plain Node ESM script imports createApp, loadConfig, createStorage and serves under a base path', async () => {
    const script = `
      import { configFrom, createApp, createFetchHandler, createStorage, loadConfig, nodeListener } from '@dropgate/server'
      const dataDir = process.argv[2]
      const config = loadConfig({ DROPGATE_DATA_DIR: dataDir, DROPGATE_API_KEYS: 'k', DROPGATE_BASE_PATH: '/uploads' })
      const storage = await createStorage(config)
      const app = createApp({ config, storage, logger: { info() {}, warn() {}, error() {} } })
      const health = await app.request('/uploads/healthz')
      const fromObject = configFrom({ storage: { kind: 'local', dataDir }, apiKeys: ['k'], basePath: '/uploads' })
      console.log(JSON.stringify({
        status: health.status,
        publicBaseUrl: config.publicBaseUrl,
        same: fromObject.publicBaseUrl === config.publicBaseUrl,
        handlers: [typeof createFetchHandler, typeof nodeListener],
      }))
    `
    await writeFile(join(appDir, 'embed.mjs'), script)
    const { stdout } = await run(process.execPath, ['embed.mjs', join(appDir, 'data')], {
      cwd: appDir,
      env: {},
    })
    expect(JSON.parse(stdout)).toEqual({
      status: 200,
      publicBaseUrl: 'http://127.0.0.1:8787/uploads/files',
      same: true,
      handlers: ['function', 'function'],
    })
  })

  it('its types resolve through the exports map for a TypeScript consumer', async () => {
    const consumer = `
      import { type Config, configFrom, createFetchHandler, type Storage } from '@dropgate/server'
      const config: Config = configFrom({ basePath: '/uploads', storage: { kind: 'local' } })
      const handler: (request: Request) => Promise<Response> = createFetchHandler({ config, storage: null as Storage | null })
      // @ts-expect-error: an option of the wrong type (the types are real, not any)
      configFrom({ basePath: 1 })
      export { handler }
    `
    await writeFile(join(appDir, 'consumer.ts'), consumer)
    const tsconfig = {
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2023', 'dom'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['consumer.ts'],
    }
    await writeFile(join(appDir, 'tsconfig.json'), JSON.stringify(tsconfig))
    const tsc = join(SERVER_DIR, 'node_modules', '.bin', 'tsc')
    const result = await run(tsc, ['-p', 'tsconfig.json'], { cwd: appDir }).catch((error) => error)
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('')
  })
})
