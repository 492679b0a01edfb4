import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { auth, formRequest, jsonRequest, KEY, makeApp, OTHER_KEY, putBytes } from '../../test/harness.js'
import { png, wav } from '../../test/media.js'
import { createLogger } from '../log.js'

const PK = 'dg_pk_test_demo'
const ORIGIN = 'http://shop.example.com'
const lines: string[] = []
let t: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  lines.length = 0
  t = await makeApp(
    {
      DROPGATE_PUBLISHABLE_KEYS: `${PK}|${ORIGIN}|http://localhost:3000`,
      DROPGATE_PUBLISHABLE_RATE_LIMIT: '5/60',
      DROPGATE_TOKEN_SECRET: 'x'.repeat(40),
    },
    createLogger((line) => lines.push(line)),
  )
})
afterEach(() => t.close())

async function mint(body: Record<string, unknown> = {}, key = KEY) {
  const res = await t.app.request('/api/v1/tokens', jsonRequest(body, key))
  return { res, body: await res.json() }
}

async function token(body: Record<string, unknown> = {}): Promise<string> {
  const { res, body: json } = await mint(body)
  expect(res.status).toBe(200)
  return json.data.token
}

const create = (credential: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.request('/api/v1/files', {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

const image = (size = png().length, filename = 'a.png') => ({
  filename,
  contentType: 'image/png',
  fileSize: size,
})

describe('POST /api/v1/tokens', () => {
  it('mints a token that expires in 15 minutes by default', async () => {
    const { res, body } = await mint()
    expect(res.status).toBe(200)
    expect(body).toMatchObject({ code: 200, msg: 'success' })
    expect(body.data.token).toMatch(/^dg_tk_/)
    const ttl = Date.parse(body.data.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(890_000)
    expect(ttl).toBeLessThanOrEqual(900_000)
  })

  it('honours ttl up to 24 hours and no further', async () => {
    const { body } = await mint({ ttl: 86_400 })
    expect(Date.parse(body.data.expiresAt) - Date.now()).toBeGreaterThan(86_390_000)
    const { res, body: refused } = await mint({ ttl: 86_401 })
    expect(res.status).toBe(400)
    expect(refused.msg).toBe('ttl must be a whole number of seconds from 1 to 86400')
  })

  it.each([
    [{ types: ['text/*'] }, 'Type "text/*" is not allowed by this server'],
    [{ types: ['image/svg+xml'] }, 'Type "image/svg+xml" is not allowed by this server'],
    [{ types: ['image/*'], maxFileSize: 10 * 1024 * 1024 + 1 }, 'File too large (max 10MB)'],
    [{ maxFileSize: 100 * 1024 * 1024 + 1 }, 'File too large (max 100MB)'],
    [{ types: [] }, 'types must be a non-empty list of media types such as "image/*" or "video/mp4"'],
    [{ maxFiles: 0 }, 'maxFiles must be a whole number from 1 to 1000'],
    [{ subject: '../etc' }, 'subject must be 1 to 64 letters, digits, _ or -'],
    [{ admin: true }, 'Unknown field in token request'],
  ])('refuses a scope wider than the policy or malformed: %j', async (request, msg) => {
    const { res, body } = await mint(request)
    expect(res.status).toBe(400)
    expect(body).toEqual({ code: 400, msg })
  })

  it('is for secret keys only', async () => {
    const tk = await token()
    const withToken = await t.app.request('/api/v1/tokens', jsonRequest({}, tk))
    expect(withToken.status).toBe(403)
    expect((await withToken.json()).msg).toBe('This route needs a secret API key')
    const withPk = await t.app.request('/api/v1/tokens', {
      ...jsonRequest({}, PK),
      headers: { ...auth(PK), 'content-type': 'application/json', origin: ORIGIN },
    })
    expect(withPk.status).toBe(403)
    expect((await t.app.request('/api/v1/tokens', jsonRequest({}, 'nope'))).status).toBe(401)
  })
})

describe('upload tokens on the upload routes', () => {
  it('upload, complete and read back within scope', async () => {
    const tk = await token({ types: ['image/*'], maxFileSize: 1000, subject: 'user-42' })
    const res = await create(tk, image())
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data.publicUrl).toMatch(/\/uploads\/key-[0-9a-f]{16}\.user-42\//)
    expect((await putBytes(t.app, data, png())).status).toBe(200)
    const done = await t.app.request(`/api/v1/files/${data.fileId}/complete`, {
      method: 'POST',
      headers: auth(tk),
    })
    expect(done.status).toBe(200)
    expect((await t.app.request(`/api/v1/files/${data.fileId}`, { headers: auth(tk) })).status).toBe(200)
  })

  it('answer 403 with a clear message outside the scope', async () => {
    const tk = await token({ types: ['image/*'], maxFileSize: 1000 })
    const video = await create(tk, { filename: 'a.mp4', contentType: 'video/mp4', fileSize: 10 })
    expect(video.status).toBe(403)
    expect((await video.json()).msg).toBe('This credential may not upload video/mp4 files')
    const big = await create(tk, image(1001))
    expect(big.status).toBe(403)
    expect((await big.json()).msg).toBe('File too large (max 1000 bytes for this credential)')
    const form = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: wav(), name: 'a.wav', type: 'audio/wav' }, tk),
    )
    expect(form.status).toBe(403)
  })

  it('hold the size cap while a multipart-mode body streams', async () => {
    const tk = await token({ maxFileSize: 100 })
    const res = await t.app.request(
      '/api/v1/files',
      formRequest({ bytes: png(8, 8), name: 'a.png', type: 'image/png' }, tk),
    )
    expect(res.status).toBe(403)
    expect(await t.stored()).toEqual([])
  })

  it('require fileSize, so the store enforces the length', async () => {
    const tk = await token()
    const res = await create(tk, { filename: 'a.png', contentType: 'image/png' })
    expect(res.status).toBe(400)
    expect((await res.json()).msg).toBe('fileSize is required with a browser credential')
  })

  it('allow at most maxFiles files, give a retried file its own slot back, and count stored files', async () => {
    const tk = await token({ maxFiles: 2 })
    const first = (await (await create(tk, image(png().length, 'one.png'))).json()).data
    const again = (await (await create(tk, image(png().length, 'one.png'))).json()).data
    expect(again.fileId).toBe(first.fileId)
    const second = (await (await create(tk, image(png().length, 'two.png'))).json()).data
    expect(second.fileId).not.toBe(first.fileId)
    const third = await create(tk, image(png().length, 'three.png'))
    expect(third.status).toBe(403)
    expect((await third.json()).msg).toBe('This upload token allows at most 2 files')

    // Another instance with the same secret (no shared memory) still finds the stored slots taken.
    expect((await putBytes(t.app, first, png())).status).toBe(200)
    expect((await putBytes(t.app, second, png())).status).toBe(200)
    const { createApp } = await import('../app.js')
    const { silentLogger } = await import('../log.js')
    const sibling = createApp({ config: t.config, storage: t.storage, logger: silentLogger })
    const res = await sibling.request('/api/v1/files', {
      method: 'POST',
      headers: { ...auth(tk), 'content-type': 'application/json' },
      body: JSON.stringify(image(png().length, 'four.png')),
    })
    expect(res.status).toBe(403)
  })

  it('answer 401 when tampered or expired', async () => {
    const tk = await token({ ttl: 1 })
    const tampered = `${tk.slice(0, -2)}${tk.endsWith('A') ? 'BB' : 'AA'}`
    const bad = await create(tampered, image())
    expect(bad.status).toBe(401)
    expect((await bad.json()).msg).toBe('Invalid upload token')
    // 1.1 s later by the server's clock (only Date is faked).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1100 })
    try {
      const expired = await create(tk, image())
      expect(expired.status).toBe(401)
      expect((await expired.json()).msg).toBe('Upload token expired')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('owner isolation', () => {
  it('every credential sees, completes and deletes only its own files', async () => {
    const tkA = await token({ subject: 'alice' })
    const tkB = await token({ subject: 'bob' })
    const { data } = await (await create(tkA, image())).json()
    expect((await putBytes(t.app, data, png())).status).toBe(200)
    const path = `/api/v1/files/${data.fileId}`
    for (const other of [tkB, KEY, OTHER_KEY]) {
      expect((await t.app.request(path, { headers: auth(other) })).status).toBe(404)
      expect((await t.app.request(`${path}/complete`, { method: 'POST', headers: auth(other) })).status).toBe(
        404,
      )
      expect((await t.app.request(path, { method: 'DELETE', headers: auth(other) })).status).toBe(404)
    }
    expect((await t.app.request(path, { headers: auth(tkA) })).status).toBe(200)
    expect((await t.app.request(data.publicUrl)).status).toBe(200)
  })
})

describe('publishable keys', () => {
  const fromOrigin = (origin?: string): Record<string, string> => (origin ? { origin } : {})

  it('create and complete uploads from an allowed origin', async () => {
    const res = await create(PK, image(), fromOrigin(ORIGIN))
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data.publicUrl).toMatch(/\/uploads\/pk-[0-9a-f]{16}\//)
    expect((await putBytes(t.app, data, png())).status).toBe(200)
    const done = await t.app.request(`/api/v1/files/${data.fileId}/complete`, {
      method: 'POST',
      headers: { ...auth(PK), origin: ORIGIN },
    })
    expect(done.status).toBe(200)
    expect(done.headers.get('access-control-allow-origin')).toBe(ORIGIN)
  })

  it.each([undefined, 'https://evil.example', 'http://shop.example.com:8080'])(
    'refuse origin %s',
    async (origin) => {
      const res = await create(PK, image(), fromOrigin(origin))
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({ code: 403, msg: 'Origin not allowed' })
    },
  )

  it('may not read or delete files', async () => {
    const res = await t.app.request('/api/v1/files/mwr0aaaa-AAAAAAAAAAAAAAAAAAAAAAAA.png', {
      headers: { ...auth(PK), origin: ORIGIN },
    })
    expect(res.status).toBe(403)
    expect((await res.json()).msg).toBe('Publishable keys may only create and complete uploads')
  })

  it('are rate-limited per key and client, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await create(PK, image(), fromOrigin(ORIGIN))).status).toBe(200)
    const limited = await create(PK, image(), fromOrigin(ORIGIN))
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await limited.json()).msg).toMatch(/^Too many requests, retry in \d+ s$/)
    // Secret keys are not limited by the publishable-key rule.
    expect((await create(KEY, image())).status).toBe(200)
  })

  it('are counted by the shared limiter of the app when one is passed, asynchronously', async () => {
    const { createApp } = await import('../app.js')
    const { silentLogger } = await import('../log.js')
    const seen: string[] = []
    const rateLimiter = {
      hit: async (id: string) => {
        seen.push(id)
        return seen.length > 1 ? 7 : 0
      },
    }
    const shared = createApp({ config: t.config, storage: t.storage, logger: silentLogger, rateLimiter })
    const post = () =>
      shared.request('/api/v1/files', {
        method: 'POST',
        headers: { ...auth(PK), origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify(image()),
      })
    expect((await post()).status).toBe(200)
    const limited = await post()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(seen).toEqual([`${PK}|unknown`, `${PK}|unknown`])
  })

  it('get CORS for their origins', async () => {
    const res = await t.app.request('/api/v1/files', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
  })
})

describe('logs', () => {
  it('never carry a token, a publishable key or a secret key', async () => {
    const tk = await token()
    await create(tk, image())
    await create(PK, image(), { origin: ORIGIN })
    await create(`${tk}x`, image())
    const all = lines.join('\n')
    expect(lines.length).toBeGreaterThanOrEqual(4)
    for (const secret of [tk, tk.slice(6, 30), PK, KEY]) expect(all).not.toContain(secret)
  })
})
