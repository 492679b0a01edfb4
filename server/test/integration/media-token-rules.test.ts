import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseApiKey } from '../../src/core/api-keys.js'
import { png } from '../media-fixtures.js'
import { completeUpload, createUpload, putParts, signStep } from '../s3-multipart-client.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv, swiftStorage } from '../swift.js'

/**
 * An upload token's tighter media rules (docs/API.md §4.1) on every path an upload through URLs can
 * take, against the real server on both stores: the server sets no minimum side, the token asks for
 * 128 px. A 100 × 100 PNG is refused and deleted by `complete`, by the embedded store's PUT, and by an
 * S3 verified link's first read (never served); a 256 × 256 one passes; a link whose rules were
 * altered or dropped does not verify (its MAC).
 */
const stores = [
  ['embedded store', () => ({}), 'local'],
  ['S3 (Swift)', () => ({ DROPGATE_STORAGE: 's3', ...swiftEnv() }), 's3'],
] as const

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)))
}

describe.each(stores)("an upload token's media rules on the %s", (_, storeEnv, kind) => {
  const KEY = `media-token-${randomBytes(6).toString('hex')}`
  const owner = parseApiKey(KEY)?.owner as string
  let server: RunningServer
  let token = ''
  let baseline: string[] = []

  /** Every object of this test's owner: public and quarantined (S3), or every file on disk. */
  const stored = async (): Promise<string[]> => {
    if (kind === 'local') return (await filesUnder(server.dataDir)).filter((f) => !baseline.includes(f))
    const keys: string[] = []
    for (const prefix of [`uploads/${owner}`, `quarantine/${owner}`])
      for await (const object of swiftStorage().list(prefix)) keys.push(object.key)
    return keys
  }

  beforeAll(async () => {
    server = await startServer({ DROPGATE_API_KEYS: KEY, ...storeEnv() })
    const minted = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'media', media: { image: { minSide: 128 } } }),
    })
    expect(minted.status).toBe(200)
    token = (await minted.json()).data.token
    if (kind === 'local') baseline = await filesUnder(server.dataDir)
  })
  afterAll(() => server?.stop())

  const tokenHeaders = () => ({ authorization: `Bearer ${token}` })
  const presignAndPut = async (bytes: Uint8Array, name = 'photo.png') => {
    const res = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...tokenHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ filename: name, contentType: 'image/png', fileSize: bytes.length }),
    })
    expect(res.status).toBe(200)
    const data = (await res.json()).data as {
      fileId: string
      uploadUrl: string
      publicUrl: string
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
    fetch(`${server.url}/api/v1/files/${fileId}/complete`, { method: 'POST', headers: tokenHeaders() })
  const small = png(100, 100)

  it('a 100 × 100 PNG is refused on complete and deleted (the PUT refuses it on the embedded store)', async () => {
    const { fileId, put } = await presignAndPut(small, 'small.png')
    if (kind === 'local') {
      expect(put.status).toBe(400)
      expect(await put.text()).toContain('small.png is 100 × 100 px; at least 128 × 128 px is needed')
      expect((await complete(fileId)).status).toBe(404)
    } else {
      expect(put.status).toBe(200) // S3 takes any bytes, into quarantine
      const res = await complete(fileId)
      expect(res.status).toBe(400)
      expect((await res.json()).msg).toBe('The file is 100 × 100 px; at least 128 × 128 px is needed')
    }
    expect(await stored()).toEqual([])
  })

  it('a 100 × 100 PNG never confirmed is never served by its public link, and is deleted', async () => {
    const { fileId, publicUrl } = await presignAndPut(small)
    const first = await fetch(publicUrl, { redirect: 'manual' })
    expect(first.status).toBe(404)
    expect(await stored()).toEqual([])
    expect((await complete(fileId)).status).toBe(404)
    if (kind === 's3') expect(new URL(publicUrl).searchParams.get('m')).toBe('n128')
  })

  it('a 256 × 256 PNG passes: served by its link, confirmed by complete', async () => {
    const bytes = png(256, 256)
    const { fileId, publicUrl, put } = await presignAndPut(bytes)
    expect(put.status).toBe(200)
    const served = await fetch(publicUrl)
    expect(served.status).toBe(200)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(bytes))
    expect((await complete(fileId)).status).toBe(200)
    expect(await stored()).toHaveLength(kind === 'local' ? 2 : 1) // on disk, the object and its meta
    await fetch(`${server.url}/api/v1/files/${fileId}`, { method: 'DELETE', headers: tokenHeaders() })
  })

  it('a 100 × 100 PNG sent as a large file (S3 multipart) is refused and deleted', async () => {
    const api = { base: server.url, headers: tokenHeaders() }
    const upload = await createUpload(api, {
      filename: 'parts.png',
      contentType: 'image/png',
      fileSize: small.length,
    })
    const etags = await putParts(api, upload, small, [1])
    const signed = await signStep(api, upload, 'complete')
    const done = await completeUpload(api, upload, [{ partNumber: 1, etag: etags.get(1) as string }])
    if (kind === 'local') {
      // The embedded store checks the assembled object under the token's rules, which its URL carries.
      expect(new URL(signed.data.url as string).searchParams.get('x-dropgate-media')).toBe('n128')
      expect(done.status).toBe(400)
      // A large file's upload names no filename to the embedded store.
      expect(done.xml).toContain('The file is 100 × 100 px; at least 128 × 128 px is needed')
      expect((await complete(upload.fileId)).status).toBe(404)
    } else {
      expect(done.status).toBe(200)
      expect((await fetch(upload.publicUrl, { redirect: 'manual' })).status).toBe(404)
    }
    expect(await stored()).toEqual([])
  })

  // S3 only: the embedded store's links are the objects' own URLs (its PUT checked the bytes).
  if (kind === 's3')
    it('a link whose m= was altered or dropped does not verify (MAC)', async () => {
      const { fileId, publicUrl } = await presignAndPut(small)
      for (const change of [
        (url: URL) => url.searchParams.delete('m'),
        (url: URL) => url.searchParams.set('m', 'n64'),
        (url: URL) => url.searchParams.set('m', 'n1'),
      ]) {
        const url = new URL(publicUrl)
        change(url)
        expect((await fetch(url, { redirect: 'manual' })).status).toBe(404)
      }
      // Untouched by the forged reads: still staged, then refused by its own link and deleted.
      expect(await stored()).toEqual([`quarantine/${owner}.media/${fileId}`])
      expect((await fetch(publicUrl, { redirect: 'manual' })).status).toBe(404)
      expect(await stored()).toEqual([])
    })

  if (kind === 's3')
    it("a large file's link carries the token's rules too", async () => {
      const res = await fetch(`${server.url}/api/v1/uploads`, {
        method: 'POST',
        headers: { ...tokenHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ filename: 'big.png', contentType: 'image/png', fileSize: 6_000_000 }),
      })
      expect(res.status).toBe(200)
      expect(new URL((await res.json()).data.publicUrl).searchParams.get('m')).toBe('n128')
    })
})
