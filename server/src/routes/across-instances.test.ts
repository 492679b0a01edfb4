import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auth, jsonRequest, makeApp, putBytes } from '../../test/harness.js'
import { png } from '../../test/media.js'

/**
 * docs/ARCHITECTURE.md "State across instances": what one instance hands out, another with the same
 * settings (one store, one DROPGATE_TOKEN_SECRET) accepts, with no memory shared between them.
 */
const MiB = 1024 * 1024
let dataDir: string
let one: Awaited<ReturnType<typeof makeApp>>
let other: Awaited<ReturnType<typeof makeApp>>
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropgate-instances-'))
  const env = {
    DROPGATE_DATA_DIR: dataDir,
    DROPGATE_TOKEN_SECRET: 's'.repeat(40),
    DROPGATE_PART_SIZE_MB: '5',
  }
  ;[one, other] = await Promise.all([makeApp(env), makeApp(env)])
})
afterEach(async () => {
  await Promise.all([one.close(), other.close()])
  await rm(dataDir, { recursive: true, force: true })
})

const image = (filename: string) => ({ filename, contentType: 'image/png', fileSize: png().length })

describe('two instances on one store and one token secret', () => {
  it("hold a token's maxFiles together, files landing on either", async () => {
    const minted = await one.app.request('/api/v1/tokens', jsonRequest({ maxFiles: 2 }))
    const token = (await minted.json()).data.token as string
    const create = (instance: typeof one, filename: string) =>
      instance.app.request('/api/v1/files', {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify(image(filename)),
      })
    const first = (await (await create(other, 'one.png')).json()).data
    expect((await putBytes(other.app, first, png())).status).toBe(200)
    const second = (await (await create(one, 'two.png')).json()).data
    expect(second.fileId).not.toBe(first.fileId)
    expect((await putBytes(one.app, second, png())).status).toBe(200)
    for (const instance of [one, other]) {
      const third = await create(instance, 'three.png')
      expect(third.status).toBe(403)
      expect((await third.json()).msg).toBe('This upload token allows at most 2 files')
    }
  })

  it('continue a large-file upload the other started: its ticket is sealed, not remembered', async () => {
    const video = { filename: 'clip.mp4', contentType: 'video/mp4', fileSize: 6 * MiB }
    const res = await one.app.request('/api/v1/uploads', jsonRequest(video))
    expect(res.status).toBe(200)
    const data = (await res.json()).data
    const uploadId = data.uploadId
    expect(uploadId).toBeTruthy()
    const signed = await other.app.request(
      `/api/v1/uploads/${data.fileId}/sign`,
      jsonRequest({ ticket: data.ticket, uploadId, step: 'parts', partNumbers: [1, 2] }),
    )
    expect(signed.status).toBe(200)
    const parts = (await signed.json()).data.parts
    expect(parts).toHaveLength(2)
  })
})
