import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { type Logger, silentLogger } from '../src/log.js'
import { createNodeApp } from '../src/node/node-app.js'
import { createStorage } from '../src/storage/create-storage.js'
import type { Storage } from '../src/storage/storage.js'

export const KEY = 'test-key-one'
export const OTHER_KEY = 'test-key-two'

/** A real app on a real local store in a fresh temp folder; `close()` removes the folder. */
export async function makeApp(env: Record<string, string> = {}, logger: Logger = silentLogger) {
  const dataDir = await mkdtemp(join(tmpdir(), 'dropgate-test-'))
  const config = loadConfig({
    DROPGATE_API_KEYS: `${KEY},${OTHER_KEY}`,
    DROPGATE_DATA_DIR: dataDir,
    ...env,
  })
  const storage = await createStorage(config, logger)
  const app = createNodeApp({ config, storage, logger })
  /** Every object in the store, straight from the driver: what a test expects to be gone is gone. */
  const stored = async () => (storage ? collect(storage.list('')) : [])
  return { app, config, storage, dataDir, stored, close: () => rm(dataDir, { recursive: true, force: true }) }
}

export function auth(key = KEY): Record<string, string> {
  return { authorization: `Bearer ${key}` }
}

export function jsonRequest(body: unknown, key = KEY): RequestInit {
  return {
    method: 'POST',
    headers: { ...auth(key), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}

export function formRequest(
  file: { bytes: Uint8Array; name: string; type?: string } | null,
  key = KEY,
  field = 'file',
): RequestInit {
  const form = new FormData()
  if (file)
    form.set(
      field,
      new Blob([new Uint8Array(file.bytes)], file.type === undefined ? {} : { type: file.type }),
      file.name,
    )
  else form.set('note', 'no file here')
  return { method: 'POST', headers: auth(key), body: form }
}

export async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = []
  for await (const item of iterable) items.push(item)
  return items
}

/** The PUT a client makes to an upload URL; Content-Length is explicit as an HTTP client would send it. */
export function putBytes(
  app: { request: (url: string, init: RequestInit) => Response | Promise<Response> },
  upload: { uploadUrl: string; headers: Record<string, string> },
  bytes: Uint8Array,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(upload.uploadUrl, {
      method: 'PUT',
      headers: { ...upload.headers, 'content-length': String(bytes.length), ...extraHeaders },
      body: new Uint8Array(bytes),
    }),
  )
}

/**
 * Writes `bytes` straight into the store behind an upload URL, past the route that checks them: an
 * object as it can reach an S3 bucket (any PUT of the URL; the store checks nothing), to test what
 * `complete` does with it on the embedded store, whose own upload route refuses such bodies.
 */
export async function placeObject(
  storage: Storage | null,
  uploadUrl: string,
  bytes: Uint8Array,
  contentType: string,
): Promise<void> {
  if (!storage) throw new Error('no storage')
  const path = new URL(uploadUrl).pathname
  const key = path
    .slice(path.indexOf('/store/') + '/store/'.length)
    .split('/')
    .map(decodeURIComponent)
    .join('/')
  async function* body() {
    yield bytes
  }
  await storage.put(key, body(), { contentType })
}
