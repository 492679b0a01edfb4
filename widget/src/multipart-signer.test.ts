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
        partSize: 8,
        partCount,
        ticket: 'dg_mp_x',
        uploadId: `u1`,
        // What the server was asked for, so a test can see the type went through.
        publicUrl: `https://cdn.test/f1?type=${file.contentType}`,
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
  it('has the server create the upload for the file it tracks and remembers its ids', async () => {
    const { api, calls } = recordingApi(3)
    const signer = createMultipartSigner({ api })
    expect(await signer.create(file, 'video/mp4')).toBe('u1')
    expect(signer.fileIdOf(file)).toBe('f1')
    expect(signer.planOf?.(file)?.publicUrl).toBe('https://cdn.test/f1?type=video/mp4')
    expect(calls).toEqual([{ step: 'create' }])
    // There is no browser request to sign for it.
    await expect(signer.sign('createMultipartUpload', file, { method: 'POST', key: 'h' })).rejects.toThrow(
      'created by the server',
    )
  })

  it('signs parts in batches of up to 100 and reuses them', async () => {
    const { api, calls } = recordingApi(250)
    const signer = createMultipartSigner({ api })
    await signer.create(file, 'video/mp4')
    for (let n = 1; n <= 250; n++)
      expect((await signer.sign('uploadPart', file, part(n))).url).toContain(`part=${n}&`)
    const batches = calls.filter((c) => c.step === 'parts').map((c) => c.partNumbers?.length)
    expect(batches).toEqual([100, 100, 50])
  })

  it('signs again when URLs grow old or the upload id changes', async () => {
    let now = 0
    const { api, calls } = recordingApi(3)
    const signer = createMultipartSigner({ api, urlLifetimeMs: 600_000, now: () => now })
    await signer.create(file, 'video/mp4')
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

  it('parallel misses share one pending batch instead of sending overlapping ones', async () => {
    const { api, calls } = recordingApi(250)
    const signer = createMultipartSigner({ api })
    await signer.create(file, 'video/mp4')
    const first = await Promise.all([1, 2, 3, 4].map((n) => signer.sign('uploadPart', file, part(n))))
    expect(first.map((s) => s.url)).toEqual([1, 2, 3, 4].map((n) => `https://s3.test/k?part=${n}&id=u1`))
    // Parts 5-100 came with that batch; the next misses, again all at once, start at 101.
    const later = await Promise.all(
      [98, 99, 100, 101, 102, 103].map((n) => signer.sign('uploadPart', file, part(n))),
    )
    expect(later.map((s) => s.url)).toEqual(
      [98, 99, 100, 101, 102, 103].map((n) => `https://s3.test/k?part=${n}&id=u1`),
    )
    const batches = calls.filter((c) => c.step === 'parts').map((c) => c.partNumbers)
    expect(batches).toHaveLength(2)
    expect(batches[0]).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    expect(batches[1]).toEqual(Array.from({ length: 100 }, (_, i) => i + 101))
  })

  it('a failed batch fails every part waiting for it, and the next miss asks again', async () => {
    const { api, calls } = recordingApi(8)
    const signUploadStep = api.signUploadStep.bind(api)
    let failures = 1
    api.signUploadStep = async (...args) => {
      if (args[1].step === 'parts' && failures-- > 0) {
        calls.push({ step: 'parts (failed)' })
        throw new Error('signer down')
      }
      return signUploadStep(...args)
    }
    const signer = createMultipartSigner({ api })
    await signer.create(file, 'video/mp4')
    const failed = await Promise.allSettled([1, 2, 3].map((n) => signer.sign('uploadPart', file, part(n))))
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    const retried = await Promise.all([2, 3].map((n) => signer.sign('uploadPart', file, part(n))))
    expect(retried.map((s) => s.url)).toEqual([2, 3].map((n) => `https://s3.test/k?part=${n}&id=u1`))
    expect(calls.filter((c) => c.step.startsWith('parts')).map((c) => c.step)).toEqual([
      'parts (failed)',
      'parts',
    ])
  })

  it('a part that stops waiting does not cancel the batch the others wait for', async () => {
    const { api, calls } = recordingApi(4)
    const signer = createMultipartSigner({ api })
    await signer.create(file, 'video/mp4')
    const gone = new AbortController()
    const first = signer.sign('uploadPart', file, part(1))
    const second = signer.sign('uploadPart', file, part(2), gone.signal)
    gone.abort(new Error('paused'))
    await expect(second).rejects.toThrow('paused')
    expect((await first).url).toContain('part=1&')
    expect((await signer.sign('uploadPart', file, part(2))).url).toContain('part=2&')
    expect(calls.filter((c) => c.step === 'parts')).toHaveLength(1)
  })

  it('maps list, complete and abort to their server steps', async () => {
    const { api, calls } = recordingApi(1)
    const signer = createMultipartSigner({ api })
    await signer.create(file, 'video/mp4')
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

describe('multipart signer: an adopted upload (resumed after a reload)', () => {
  const plan = {
    fileId: 'old.mp4',
    publicUrl: '',
    partSize: 8,
    partCount: 3,
    ticket: 'dg_mp_old',
    uploadId: 'u-old',
  }

  it('answers its first ListParts from the checked list, then signs with the old ticket', async () => {
    const { api, calls } = recordingApi(3)
    const signer = createMultipartSigner({ api })
    const resumed: Tracked = { ...file, id: 'b' }
    expect(signer.planOf?.(resumed)).toBeUndefined()
    signer.adopt?.(resumed, plan, 'blob:checked-list')
    const list = { method: 'GET' as const, key: 'h', uploadId: 'u-old' }
    expect((await signer.sign('listParts', resumed, list)).url).toBe('blob:checked-list')
    expect(calls).toEqual([])
    // Used once: a later resume (after a pause) asks the store again.
    expect((await signer.sign('listParts', resumed, list)).url).toBe('https://s3.test/k?list&id=u-old')
    await signer.sign('uploadPart', resumed, part(3, 'u-old'))
    expect(calls.map((c) => c.step)).toEqual(['list', 'parts'])
    expect(signer.fileIdOf(resumed)).toBe('old.mp4')
    expect(signer.planOf?.(resumed)?.ticket).toBe('dg_mp_old')
  })
})
