import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blackHole, closedPort } from '../../../test/black-hole.js'
import { auth, formRequest, jsonRequest, makeApp } from '../../../test/harness.js'
import { png } from '../../../test/media.js'
import { swiftEnv } from '../../../test/swift.js'
import type { S3Settings } from '../../config.js'
import { newFileId, stagedKey } from '../../core/keys.js'
import { asHttpError } from '../../http/storage-error.js'
import type { Logger } from '../../log.js'
import { StorageError } from '../storage-errors.js'
import { createS3Storage, type S3StorageOptions } from './s3.js'

/**
 * A store that is down (connection refused) or hangs (accepts, never answers) gives a 503 with the
 * API's `{code,msg}` body within a bounded time, never a hang or a 500 with internals.
 */
const MiB = 1024 * 1024
const settings = (endpoint: string): S3Settings => ({
  endpoint,
  bucket: 'dropgate',
  region: 'auto',
  accessKeyId: 'test:tester',
  secretAccessKey: 'testing',
})
const key = () => `uploads/someone/${newFileId('png')}`

async function* bytes(size: number, chunk = 256 * 1024) {
  for (let sent = 0; sent < size; sent += chunk) yield Buffer.alloc(Math.min(chunk, size - sent), 1)
}

const CALLS = [
  'head',
  'readRange',
  'delete',
  'list',
  'put (one PutObject)',
  'put (multipart)',
  'createMultipartUpload',
] as const

/** Every store call of the driver, by name. */
function everyCall(
  endpoint: string,
  options: S3StorageOptions,
): Record<(typeof CALLS)[number], () => Promise<unknown>> {
  const storage = createS3Storage(settings(endpoint), 'http://127.0.0.1:1/files', options)
  return {
    head: () => storage.head(key()),
    readRange: () => storage.readRange(key(), 0, 4099),
    delete: () => storage.delete(key()),
    list: async () => {
      for await (const _ of storage.list('uploads/')) break
    },
    'put (one PutObject)': () => storage.put(key(), bytes(300 * 1024), { contentType: 'image/png' }),
    'put (multipart)': () => storage.put(key(), bytes(12 * MiB), { contentType: 'video/mp4' }),
    createMultipartUpload: () => storage.createMultipartUpload(stagedKey(key()), 'video/mp4'),
  }
}

async function expectUnavailable(run: () => Promise<unknown>, withinMs: number) {
  const started = performance.now()
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  )
  const ms = performance.now() - started
  // The driver's own error, which the routes answer as a 503 (http/storage-error.ts).
  expect(error).toBeInstanceOf(StorageError)
  expect(error).toMatchObject({ reason: 'unavailable' })
  expect(asHttpError(error)).toMatchObject({ status: 503, code: 'storage_unavailable' })
  expect(ms).toBeLessThan(withinMs)
  return ms
}

describe('store down: connection refused', () => {
  let endpoint: string
  beforeAll(async () => {
    endpoint = await closedPort()
  })
  for (const name of CALLS) {
    it(`${name} → 503 at once`, async () => {
      await expectUnavailable(everyCall(endpoint, {})[name], 1000)
    })
  }
})

describe('store hangs: accepts connections, never answers', () => {
  const TIMEOUT = 400
  let hole: Awaited<ReturnType<typeof blackHole>>
  let mute: Awaited<ReturnType<typeof blackHole>>
  beforeAll(async () => {
    hole = await blackHole()
    mute = await blackHole({ read: false })
  })
  afterAll(async () => {
    await hole?.close()
    await mute?.close()
  })
  for (const name of CALLS) {
    it(`${name} → 503 within the timeout`, async () => {
      const before = hole.requests()
      const calls = everyCall(hole.url, { timeoutMs: TIMEOUT, idleTimeoutMs: TIMEOUT })
      const ms = await expectUnavailable(calls[name], TIMEOUT + 1000)
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT - 50)
      expect(hole.requests()).toBeGreaterThan(before)
    })
  }

  it('an upload to a store that stops reading stalls out on the idle timeout', async () => {
    // 7 MiB, one PutObject (under the default 8 MiB part): more than loopback socket buffers hold, so
    // the body stops moving; the answer deadline is long and plays no part.
    const storage = createS3Storage(settings(mute.url), 'http://127.0.0.1:1/files', {
      timeoutMs: 60_000,
      idleTimeoutMs: TIMEOUT,
    })
    await expectUnavailable(
      () => storage.put(key(), bytes(7 * MiB), { contentType: 'video/mp4' }),
      TIMEOUT + 3000,
    )
  })
})

describe('through the app', () => {
  it('answers 503 {code,msg} on every storage route; presigning still works; the log says why', async () => {
    const endpoint = await closedPort()
    const lines: { event: string; fields: Record<string, unknown> }[] = []
    const logger: Logger = {
      info() {},
      warn: (event, fields = {}) => lines.push({ event, fields }),
      error: (event, fields = {}) => lines.push({ event, fields }),
    }
    const { app, close } = await makeApp(
      {
        DROPGATE_STORAGE: 's3',
        S3_ENDPOINT: endpoint,
        S3_BUCKET: 'dropgate',
        S3_ACCESS_KEY_ID: 'test:tester',
        S3_SECRET_ACCESS_KEY: 'testing',
        DROPGATE_PUBLIC_BASE_URL: 'http://127.0.0.1:1/public',
      },
      logger,
    )
    try {
      const created = await app.request(
        '/api/v1/files',
        jsonRequest({ filename: 'a.png', contentType: 'image/png', fileSize: 10 }),
      )
      expect(created.status).toBe(200)
      const { data } = await created.json()
      expect(data.uploadUrl.startsWith(`${endpoint}/dropgate/quarantine/`)).toBe(true)

      const unavailable = { code: 503, msg: 'Storage is unavailable, try again shortly' }
      const requests: [string, RequestInit][] = [
        [`/api/v1/files/${data.fileId}/complete`, { method: 'POST', headers: auth() }],
        [`/api/v1/files/${data.fileId}`, { headers: auth() }],
        [`/api/v1/files/${data.fileId}`, { method: 'DELETE', headers: auth() }],
        ['/api/v1/files', formRequest({ bytes: png(), name: 'a.png', type: 'image/png' })],
      ]
      for (const [path, init] of requests) {
        const res = await app.request(path, init)
        expect({ path, status: res.status, body: await res.json() }).toEqual({
          path,
          status: 503,
          body: unavailable,
        })
      }
      expect(lines.filter((line) => line.event === 'storage_unavailable').length).toBeGreaterThanOrEqual(4)
      expect(String(lines[0]?.fields.reason)).toMatch(/connection refused/)
      expect(lines.some((line) => line.event === 'unhandled')).toBe(false)
    } finally {
      await close()
    }
  })

  it('a store that refuses our credentials is a logged 500, not an outage', async () => {
    const env = swiftEnv()
    const lines: string[] = []
    const logger: Logger = {
      info() {},
      warn: (e) => lines.push(e),
      error: (e, f) => lines.push(`${e} ${f?.error}`),
    }
    const { app, close } = await makeApp(
      {
        DROPGATE_STORAGE: 's3',
        S3_ENDPOINT: env.S3_ENDPOINT as string,
        S3_BUCKET: env.S3_BUCKET as string,
        S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID as string,
        S3_SECRET_ACCESS_KEY: 'not-the-secret',
        DROPGATE_PUBLIC_BASE_URL: env.DROPGATE_PUBLIC_BASE_URL as string,
      },
      logger,
    )
    try {
      const res = await app.request(`/api/v1/files/${newFileId('png')}`, { headers: auth() })
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({ code: 500, msg: 'Internal server error' })
      expect(lines.join('\n')).toMatch(
        /unhandled S3RequestError: S3 HEAD \/dropgate\/uploads\/\S+: 403 Forbidden/,
      )
    } finally {
      await close()
    }
  })
})
