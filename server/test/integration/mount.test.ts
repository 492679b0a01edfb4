import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@dropgate/testkit'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type ConfigOptions,
  configFrom,
  createApp,
  createFetchHandler,
  createStorage,
  nodeListener,
  silentLogger,
} from '../../src/index.js'
import { png } from '../media.js'
import { settingsFrom, swiftEnv } from '../swift.js'

/**
 * The signer embedded under `/uploads` in someone else's server, through the package's entry
 * (src/index.ts), over real HTTP: a host Hono app (`app.route`, or the fetch handler) and a plain
 * `node:http` server (the Node listener). Each runs the JSON-mode flow end to end, and the host's own
 * routes, `/api/v1/policy` at its root among them, stay the host's.
 */
const BASE = '/uploads'
const running: Server[] = []
const folders: string[] = []
afterEach(async () => {
  for (const server of running.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** The signer's config for a host listening at `root`, on a fresh embedded store unless told. */
async function signerConfig(root: string, key: string, options: ConfigOptions = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'dropgate-mount-'))
  folders.push(dataDir)
  return configFrom({
    apiKeys: [key],
    basePath: BASE,
    linkBaseUrl: root,
    storage: { kind: 'local', dataDir },
    ...options,
  })
}

/** A host Hono app with routes of its own, the signer mounted by `mount`, listening on `port`. */
async function hostHono(port: number, mount: (host: Hono) => void): Promise<void> {
  const host = new Hono()
  host.get('/', (c) => c.text('host home'))
  host.get('/api/v1/policy', (c) => c.text('host policy'))
  mount(host)
  const server = serve({ fetch: host.fetch, port, hostname: '127.0.0.1' }) as Server
  running.push(server)
  await once(server, 'listening')
}

async function hostRoutesStillAnswer(root: string): Promise<void> {
  expect(await (await fetch(`${root}/`)).text()).toBe('host home')
  expect(await (await fetch(`${root}/api/v1/policy`)).text()).toBe('host policy')
  const policy = await fetch(`${root}${BASE}/api/v1/policy`)
  expect(policy.status).toBe(200)
  expect(await policy.json()).toMatchObject({ code: 200, msg: 'success' })
}

/**
 * Ask for an upload URL, PUT the bytes to it, complete, read the public link: every URL the signer
 * handed out must lead back through the mount (or to the store's own public URL, on S3).
 */
async function jsonFlow(
  root: string,
  key: string,
  /** URL prefixes; `completedUrl` (what `complete` answers) is the public URL itself unless given. */
  expected: { uploadUrl: string; publicUrl: string; completedUrl?: string },
) {
  const headers = { authorization: `Bearer ${key}` }
  const bytes = png(24, 24, Math.floor(Math.random() * 1000))
  const created = await fetch(`${root}${BASE}/api/v1/files`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ filename: 'cat.png', contentType: 'image/png', fileSize: bytes.length }),
  })
  expect(created.status).toBe(200)
  const { data } = await created.json()
  expect(data.uploadUrl.startsWith(expected.uploadUrl), data.uploadUrl).toBe(true)
  expect(data.publicUrl.startsWith(expected.publicUrl), data.publicUrl).toBe(true)
  const put = await fetch(data.uploadUrl, {
    method: 'PUT',
    headers: data.headers,
    body: new Uint8Array(bytes),
  })
  expect(put.status, await put.clone().text()).toBe(200)
  const completed = await fetch(`${root}${BASE}/api/v1/files/${data.fileId}/complete`, {
    method: 'POST',
    headers,
  })
  expect(completed.status).toBe(200)
  const { url } = (await completed.json()).data
  if (expected.completedUrl === undefined) expect(url).toBe(data.publicUrl)
  else expect(url.startsWith(expected.completedUrl), url).toBe(true)
  const served = await fetch(data.publicUrl)
  expect(served.status).toBe(200)
  expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
  return served
}

describe('the signer mounted under /uploads', () => {
  it('in a host Hono app (app.route): JSON mode, a compatible API, and the host`s own routes', async () => {
    const port = await freePort()
    const root = `http://127.0.0.1:${port}`
    const key = 'mount-hono-key'
    const config = await signerConfig(root, key)
    const signer = createApp({ config, storage: await createStorage(config), logger: silentLogger })
    await hostHono(port, (host) => host.route('/', signer))

    await jsonFlow(root, key, { uploadUrl: `${root}${BASE}/store/`, publicUrl: `${root}${BASE}/files/` })
    const compat = await fetch(`${root}${BASE}/api/v1/files/upload-url`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', sizeBytes: 10 }),
    })
    expect(compat.status).toBe(200)
    expect((await compat.json()).data.upload_url.startsWith(`${root}${BASE}/store/`)).toBe(true)
    await hostRoutesStillAnswer(root)
  })

  it('in a host Hono app through the fetch handler, whose unknown paths answer the signer`s 404', async () => {
    const port = await freePort()
    const root = `http://127.0.0.1:${port}`
    const key = 'mount-fetch-key'
    const config = await signerConfig(root, key)
    const handler = createFetchHandler({ config, storage: await createStorage(config), logger: silentLogger })
    await hostHono(port, (host) => host.all(`${BASE}/*`, (c) => handler(c.req.raw)))

    await jsonFlow(root, key, { uploadUrl: `${root}${BASE}/store/`, publicUrl: `${root}${BASE}/files/` })
    const missing = await fetch(`${root}${BASE}/nothing-here`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 404 })
    await hostRoutesStillAnswer(root)
  })

  it('in a plain node:http server (the Node listener): JSON mode and a streamed multipart upload', async () => {
    const port = await freePort()
    const root = `http://127.0.0.1:${port}`
    const key = 'mount-node-key'
    const config = await signerConfig(root, key)
    const listener = nodeListener(
      createApp({ config, storage: await createStorage(config), logger: silentLogger }),
    )
    const server = createServer({ requestTimeout: 0 }, (request, response) => {
      if (request.url?.startsWith(`${BASE}/`)) return void listener(request, response)
      response.writeHead(200, { 'content-type': 'text/plain' }).end('host home')
    })
    running.push(server)
    server.listen(port, '127.0.0.1')
    await once(server, 'listening')

    await jsonFlow(root, key, { uploadUrl: `${root}${BASE}/store/`, publicUrl: `${root}${BASE}/files/` })
    const bytes = png(16, 16, 7)
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'dog.png')
    const streamed = await fetch(`${root}${BASE}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: form,
    })
    expect(streamed.status).toBe(200)
    const { publicUrl } = (await streamed.json()).data
    expect(publicUrl.startsWith(`${root}${BASE}/files/`)).toBe(true)
    expect(Buffer.from(await (await fetch(publicUrl)).arrayBuffer()).equals(bytes)).toBe(true)
    expect(await (await fetch(`${root}/api/v1/policy`)).text()).toBe('host home')
  })

  it('in a host Hono app on S3 (Swift): the link is a verified link through the mount', async () => {
    const env = swiftEnv()
    const port = await freePort()
    const root = `http://127.0.0.1:${port}`
    const key = `mount-s3-${randomBytes(8).toString('hex')}` // an owner no earlier run used
    const config = await signerConfig(root, key, {
      storage: { kind: 's3', ...settingsFrom(env) },
      publicBaseUrl: env.DROPGATE_PUBLIC_BASE_URL,
    })
    const signer = createApp({ config, storage: await createStorage(config), logger: silentLogger })
    await hostHono(port, (host) => host.route('/', signer))

    // complete promoted the upload, so it answers the object's own URL; the link handed out first
    // still leads there, through the mount.
    const served = await jsonFlow(root, key, {
      uploadUrl: `${env.S3_ENDPOINT}/`,
      publicUrl: `${root}${BASE}/l/`,
      completedUrl: `${env.DROPGATE_PUBLIC_BASE_URL}/uploads/`,
    })
    expect(served.redirected).toBe(true)
    expect(served.url.startsWith(`${env.DROPGATE_PUBLIC_BASE_URL}/uploads/`)).toBe(true)
    await hostRoutesStillAnswer(root)
  })
})
