import { describe, expect, it } from 'vitest'
import type { Api } from './api.js'
import { createMultipartSigner } from './multipart-signer.js'
import type { Tracked } from './registry.js'

/** Records what the signer asks of the server; answers URLs that name what was signed. */
function recordingApi(partCount: number) {
  const calls: { step: string; partNumbers?: readonly number[]; uploadId?: string }[] = []
  const api: Pick<Api, 'createMultipartUpload' | 'signUploadStep'> = {
    async createMultipartUpload(file) {
      calls.push({ step: 'create' })
      return {
        fileId: 'f1',
        publicUrl: 'https://cdn.test/f1',
        partSize: 8,
        partCount,
        ticket: 'dg_mp_x',
        create: {
          method: 'POST',
          url: `https://s3.test/k?uploads&type=${file.contentType}`,
          headers: { 'Content-Type': file.contentType },
        },
      }
    },
    async signUploadStep(_fileId, request) {
      calls.push({
        step: request.step,
        uploadId: request.uploadId,
        ...(request.partNumbers && { partNumbers: request.partNumbers }),
      })
      if (request.step === 'parts')
        return (request.partNumbers ?? []).map((n) => ({
          method: 'PUT' as const,
          url: `https://s3.test/k?part=${n}&id=${request.uploadId}`,
          headers: {},
          partNumber: n,
        }))
      return [
        {
          method: 'GET' as const,
          url: `https://s3.test/k?${request.step}&id=${request.uploadId}`,
          headers: {},
        },
      ]
    },
  }
  return { api: api as Api, calls }
}

const file: Tracked = { id: 'a', name: 'clip.mp4', size: 1000, type: 'video/mp4' }
const part = (partNumber: number, uploadId = 'u1') => ({
  method: 'PUT' as const,
  key: 'h',
  uploadId,
  partNumber,
})

describe('multipart signer', () => {
  it('creates the upload with the file it tracks and remembers its server id', async () => {
    const { api, calls } = recordingApi(3)
    const signer = createMultipartSigner({ api })
    const created = await signer.sign('createMultipartUpload', file, {
      method: 'POST',
      key: 'h',
      contentType: 'video/mp4',
    })
    expect(created).toEqual({
      method: 'POST',
      url: 'https://s3.test/k?uploads&type=video/mp4',
      headers: { 'Content-Type': 'video/mp4' },
    })
    expect(signer.fileIdOf(file)).toBe('f1')
    expect(calls).toEqual([{ step: 'create' }])
  })

  it('signs parts in batches of up to 100 and reuses them', async () => {
    const { api, calls } = recordingApi(250)
    const signer = createMultipartSigner({ api })
    await signer.sign('createMultipartUpload', file, { method: 'POST', key: 'h' })
    for (let n = 1; n <= 250; n++)
      expect((await signer.sign('uploadPart', file, part(n))).url).toContain(`part=${n}&`)
    const batches = calls.filter((c) => c.step === 'parts').map((c) => c.partNumbers?.length)
    expect(batches).toEqual([100, 100, 50])
  })

  it('signs again when URLs grow old or the upload id changes', async () => {
    let now = 0
    const { api, calls } = recordingApi(3)
    const signer = createMultipartSigner({ api, urlLifetimeMs: 600_000, now: () => now })
    await signer.sign('createMultipartUpload', file, { method: 'POST', key: 'h' })
    await signer.sign('uploadPart', file, part(1))
    await signer.sign('uploadPart', file, part(2))
    now = 500_000
    await signer.sign('uploadPart', file, part(3))
    expect(calls.filter((c) => c.step === 'parts')).toHaveLength(1)
    now = 560_000 // within a minute of expiry
    await signer.sign('uploadPart', file, part(2))
    expect(calls.filter((c) => c.step === 'parts')).toHaveLength(2)
    const renewed = await signer.sign('uploadPart', file, part(1, 'u2'))
    expect(renewed.url).toContain('id=u2')
  })

  it('maps list, complete and abort to their server steps', async () => {
    const { api, calls } = recordingApi(1)
    const signer = createMultipartSigner({ api })
    await signer.sign('createMultipartUpload', file, { method: 'POST', key: 'h' })
    await signer.sign('listParts', file, { method: 'GET', key: 'h', uploadId: 'u1' })
    await signer.sign('completeMultipartUpload', file, { method: 'POST', key: 'h', uploadId: 'u1' })
    await signer.sign('abortMultipartUpload', file, { method: 'DELETE', key: 'h', uploadId: 'u1' })
    expect(calls.slice(1).map((c) => c.step)).toEqual(['list', 'complete', 'abort'])
  })

  it('refuses a step before the upload exists', async () => {
    const signer = createMultipartSigner({ api: recordingApi(1).api })
    await expect(signer.sign('uploadPart', file, part(1))).rejects.toThrow('before the upload was created')
  })
})
