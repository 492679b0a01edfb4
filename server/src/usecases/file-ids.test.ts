import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeApp } from '../../test/harness.js'
import { png } from '../../test/media.js'
import { objectKey } from '../core/keys.js'
import { createSlotReservations } from '../core/token-slots.js'
import type { Caller } from '../http/auth.js'
import type { Storage } from '../storage/storage.js'
import { allocateFileId } from './file-ids.js'

/** An upload token's slots on the real embedded store (test/integration/token-slots.test.ts: over HTTP, both stores). */
let t: Awaited<ReturnType<typeof makeApp>>
let storage: Storage
beforeEach(async () => {
  t = await makeApp()
  if (!t.storage) throw new Error('no storage')
  storage = t.storage
})
afterEach(() => t.close())

const now = Math.floor(Date.now() / 1000)
const caller = (maxFiles: number): Caller => {
  const scope = { types: null, maxFileSize: null, maxFiles }
  return {
    kind: 'upload-token',
    owner: 'tk-owner',
    scope,
    token: { ...scope, jti: `jti-${maxFiles}`, owner: 'tk-owner', iat: now, exp: now + 900 },
  }
}

describe('allocateFileId with an upload token', () => {
  let reservations = createSlotReservations()
  beforeEach(() => {
    reservations = createSlotReservations()
  })
  const deps = () => ({ storage, tokenSecret: Buffer.from('s'.repeat(32)), reservations })
  async function store(fileId: string) {
    async function* body() {
      yield png()
    }
    await storage.put(objectKey('tk-owner', fileId), body(), { contentType: 'image/png' })
  }

  it('gives a file its slot back until the slot holds an object; then the same identity is another file', async () => {
    const token = caller(2)
    const first = await allocateFileId(token, 'png', 'a.png|image/png|70', deps())
    expect((await allocateFileId(token, 'png', 'a.png|image/png|70', deps())).fileId).toBe(first.fileId)
    await store(first.fileId)
    const second = await allocateFileId(token, 'png', 'a.png|image/png|70', deps())
    expect(second.fileId).not.toBe(first.fileId)
    await store(second.fileId)
    await expect(allocateFileId(token, 'png', 'a.png|image/png|70', deps())).rejects.toMatchObject({
      code: 'too_many_files',
      status: 403,
    })
  })

  it('holds a slot per request for bytes in this request, and takes it back on release', async () => {
    const token = caller(2)
    const [a, b] = await Promise.all([
      allocateFileId(token, 'png', null, deps()),
      allocateFileId(token, 'png', null, deps()),
    ])
    expect(a.fileId).not.toBe(b.fileId)
    await expect(allocateFileId(token, 'png', null, deps())).rejects.toMatchObject({ code: 'too_many_files' })
    a.release() // its upload failed and its key was deleted
    expect((await allocateFileId(token, 'png', null, deps())).fileId).toBe(a.fileId)
  })
})
