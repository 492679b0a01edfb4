import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { png } from '../media.js'
import { type RunningServer, startServer } from '../server-process.js'
import { swiftEnv } from '../swift.js'

/**
 * An upload token with `maxFiles` addresses only its own slots (routes/file-ids.ts). A retried file
 * gets its slot back; a second, different file that looks the same (name, type, size) gets a slot of
 * its own, or `too_many_files` when none is left: never the first file's link, on either store.
 */
const KEY = 'token-slots-key'
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Two different PNGs of the same length: what a name, a type and a size cannot tell apart. */
function twoLookalikes(): [Buffer, Buffer] {
  const first = png(16, 16, 1)
  for (let seed = 2; seed < 500; seed++) {
    const other = png(16, 16, seed)
    if (other.length === first.length && !other.equals(first)) return [first, other]
  }
  throw new Error('no two PNGs of the same length')
}

const stores = [
  ['embedded store', () => ({})],
  ['S3 (Swift)', () => ({ DROPGATE_STORAGE: 's3', ...swiftEnv() })],
] as const

describe.each(stores)('upload token slots on the %s', (_, storeEnv) => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({ DROPGATE_API_KEYS: KEY, ...storeEnv() })
  }, 30_000)
  afterAll(() => server?.stop())

  async function mint(maxFiles: number): Promise<string> {
    const res = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ maxFiles }),
    })
    expect(res.status).toBe(200)
    return (await res.json()).data.token
  }
  const presign = (token: string, bytes: Uint8Array, filename = 'photo.png') =>
    fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename, contentType: 'image/png', fileSize: bytes.length }),
    })
  async function upload(token: string, bytes: Uint8Array) {
    const res = await presign(token, bytes)
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
    expect(put.status, await put.text()).toBe(200)
    const completed = await fetch(`${server.url}/api/v1/files/${data.fileId}/complete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(completed.status).toBe(200)
    return data
  }
  async function postForm(token: string, bytes: Uint8Array) {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'image.png')
    const res = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    })
    return { status: res.status, body: await res.json() }
  }
  const served = async (publicUrl: string) => {
    const res = await fetch(publicUrl) // follows the verified link's redirect on S3, as curl -L
    expect(res.status).toBe(200)
    return sha(new Uint8Array(await res.arrayBuffer()))
  }

  it('a second, different file with the same name, type and size gets its own slot and link', async () => {
    const token = await mint(2)
    const [a, b] = twoLookalikes()
    const first = await upload(token, a)
    const second = await upload(token, b)
    expect(second.fileId).not.toBe(first.fileId)
    expect(await served(first.publicUrl)).toBe(sha(a))
    expect(await served(second.publicUrl)).toBe(sha(b))
  })

  it('with a one-file token, that second file is refused in the documented shape', async () => {
    const token = await mint(1)
    const [a, b] = twoLookalikes()
    const first = await upload(token, a)
    const refused = await presign(token, b)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({ code: 403, msg: 'This upload token allows at most 1 files' })
    expect(await served(first.publicUrl)).toBe(sha(a))
  })

  it('a file whose upload never landed gets its slot back, so a one-file token can retry it', async () => {
    const token = await mint(1)
    const [a] = twoLookalikes()
    const failed = await presign(token, a) // its PUT never happens: a connection lost, say
    const { fileId } = (await failed.json()).data
    const retried = await upload(token, a)
    expect(retried.fileId).toBe(fileId)
    expect(await served(retried.publicUrl)).toBe(sha(a))
  })

  it('form uploads: two different files of the same name each get their own slot', async () => {
    const token = await mint(2)
    const a = png(8, 8, 3)
    const b = png(24, 24, 4)
    const first = await postForm(token, a)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const second = await postForm(token, b)
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(second.body.data.fileId).not.toBe(first.body.data.fileId)
    expect(await served(first.body.data.publicUrl)).toBe(sha(a))
    expect(await served(second.body.data.publicUrl)).toBe(sha(b))
    const third = await postForm(token, png(8, 8, 5))
    expect(third).toEqual({
      status: 403,
      body: { code: 403, msg: 'This upload token allows at most 2 files' },
    })
  })
})
