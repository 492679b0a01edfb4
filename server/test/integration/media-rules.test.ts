import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { DEFAULT_MAX_PIXELS } from '@dropgate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseApiKey } from '../../src/core/api-keys.js'
import { png, pngBomb, wavOf } from '../media-fixtures.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv, swiftStorage } from '../swift.js'

/**
 * Issue 17's acceptance over HTTP against the real server on both stores, with the rules of the
 * README's copy-paste block: what breaks them is refused in multipart mode and at `complete` (on the
 * embedded store already by the upload URL's PUT) and nothing of it stays in the store, quarantine
 * included; what meets them is stored; the policy shows them; the compatible API answers
 * INPUT_VALIDATION_ERROR; the pixel bomb is refused by a server with no rule set.
 */
const RULES = {
  DROPGATE_IMAGE_MIN_SIDE: '128',
  DROPGATE_IMAGE_MAX_ASPECT: '4',
  DROPGATE_MEDIA_MIN_SECONDS: '1',
  DROPGATE_MEDIA_MAX_SECONDS: '600',
}
const stores = [
  ['embedded store', () => ({}), 'local'],
  ['S3 (Swift)', () => ({ DROPGATE_STORAGE: 's3', ...swiftEnv() }), 's3'],
] as const

const refused = [
  ['a 100 × 100 PNG', 'small.png', 'image/png', png(100, 100), 'image_too_small'],
  ['a 1000 × 200 PNG', 'wide.png', 'image/png', png(1000, 200), 'image_aspect'],
  ['a 0.5 s WAV', 'short.wav', 'audio/wav', wavOf(0.5), 'media_too_short'],
  ['a 601 s WAV', 'long.wav', 'audio/wav', wavOf(601), 'media_too_long'],
] as const
const MESSAGES: Record<string, RegExp> = {
  image_too_small: /is 100 × 100 px; at least 128 × 128 px is needed$/,
  image_aspect: /is 1000 × 200 px; its long side may be at most 4 times its short side$/,
  media_too_short: /lasts 0\.5 s; at least 1 s is needed$/,
  media_too_long: /lasts 601 s; at most 600 s is allowed$/,
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)))
}

describe.each(stores)('media rules on the %s', (_, storeEnv, kind) => {
  const KEY = `media-rules-${randomBytes(6).toString('hex')}`
  const owner = parseApiKey(KEY)?.owner as string
  const headers = { authorization: `Bearer ${KEY}` }
  let server: RunningServer
  let baseline: string[] = []

  /** Every object of this test's owner in the store: public and quarantined (S3), or every file on disk. */
  const stored = async (): Promise<string[]> => {
    if (kind === 'local') return (await filesUnder(server.dataDir)).filter((f) => !baseline.includes(f))
    const keys: string[] = []
    for (const prefix of [`uploads/${owner}/`, `quarantine/${owner}/`])
      for await (const object of swiftStorage().list(prefix)) keys.push(object.key)
    return keys
  }

  beforeAll(async () => {
    server = await startServer({ DROPGATE_API_KEYS: KEY, ...RULES, ...storeEnv() })
    if (kind === 'local') baseline = await filesUnder(server.dataDir)
  })
  afterAll(() => server?.stop())

  const form = (bytes: Uint8Array, name: string, type: string, path = '/api/v1/files') => {
    const body = new FormData()
    body.set('file', new Blob([new Uint8Array(bytes)], { type }), name)
    return fetch(`${server.url}${path}`, { method: 'POST', headers, body })
  }
  const presignAndPut = async (bytes: Uint8Array, name: string, type: string) => {
    const res = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: name, contentType: type, fileSize: bytes.length }),
    })
    expect(res.status).toBe(200)
    const data = (await res.json()).data as {
      fileId: string
      uploadUrl: string
      headers: Record<string, string>
    }
    const put = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: data.headers,
      body: new Uint8Array(bytes),
    })
    return { ...data, put }
  }
  const complete = (fileId: string) =>
    fetch(`${server.url}/api/v1/files/${fileId}/complete`, { method: 'POST', headers })

  it('the policy shows the limits', async () => {
    const { data } = await (await fetch(`${server.url}/api/v1/policy`)).json()
    expect(data.media).toEqual({
      image: { minSide: 128, maxAspect: 4, maxPixels: DEFAULT_MAX_PIXELS },
      duration: { minSeconds: 1, maxSeconds: 600 },
    })
  })

  it.each(refused)(
    '%s is refused in multipart mode, and nothing is stored',
    async (_, name, type, bytes, code) => {
      const res = await form(bytes, name, type)
      expect(res.status).toBe(400)
      const { msg } = await res.json()
      expect(msg).toMatch(MESSAGES[code] as RegExp)
      expect(msg.startsWith(name)).toBe(true)
      expect(await stored()).toEqual([])
    },
  )

  it.each(refused)('%s is refused on complete, and nothing is stored', async (_, name, type, bytes, code) => {
    const { fileId, put } = await presignAndPut(bytes, name, type)
    // The embedded store checks as the PUT lands; S3 takes any bytes, into quarantine, until complete.
    expect(put.status).toBe(kind === 'local' ? 400 : 200)
    const res = await complete(fileId)
    if (kind === 'local')
      expect(res.status).toBe(404) // deleted by the PUT's check already
    else {
      expect(res.status).toBe(400)
      expect((await res.json()).msg).toMatch(MESSAGES[code] as RegExp)
    }
    expect(await stored()).toEqual([])
  })

  it.each([
    ['a 256 × 256 PNG', 'ok.png', 'image/png', png(256, 256)],
    ['a 2 s WAV', 'ok.wav', 'audio/wav', wavOf(2)],
  ] as const)('%s passes both ways', async (_, name, type, bytes) => {
    const before = (await stored()).length
    expect((await form(bytes, name, type)).status).toBe(200)
    const { fileId, put } = await presignAndPut(bytes, name, type)
    expect(put.status).toBe(200)
    expect((await complete(fileId)).status).toBe(200)
    expect((await stored()).length).toBeGreaterThan(before)
  })

  it('a compatible API answers INPUT_VALIDATION_ERROR', async () => {
    const res = await form(png(100, 100), 'small.png', 'image/png', '/v1/uploads/images')
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: {
        code: 'INPUT_VALIDATION_ERROR',
        message: 'small.png is 100 × 100 px; at least 128 × 128 px is needed',
      },
    })
  })
})

describe.each(stores)('the pixel guard on the %s, no rule set', (_, storeEnv) => {
  const KEY = `pixel-guard-${randomBytes(6).toString('hex')}`
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ DROPGATE_API_KEYS: KEY, ...storeEnv() })
  })
  afterAll(() => server?.stop())

  it('refuses a 30000 × 30000 px PNG of a few KB without decoding it', async () => {
    const body = new FormData()
    body.set('file', new Blob([new Uint8Array(pngBomb())], { type: 'image/png' }), 'bomb.png')
    const res = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body,
    })
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe(
      `bomb.png is 30000 × 30000 px; at most ${DEFAULT_MAX_PIXELS} pixels are allowed`,
    )
  })
})
