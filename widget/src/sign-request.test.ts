import { describe, expect, it, vi } from 'vitest'
import type { Api, CreatedUpload } from './api.js'
import { createRegistry } from './registry.js'
import {
  createSigner,
  createSignRequest,
  type MultipartSigner,
  stepOf,
  useMultipart,
} from './sign-request.js'

/** For single-PUT tests: a multipart step reaching it is a test failure. */
const unused: MultipartSigner = {
  create: () => Promise.reject(new Error('no multipart upload expected here')),
  sign: () => Promise.reject(new Error('no multipart step expected here')),
  fileIdOf: () => undefined,
}

const upload = (n: number, expiresAt?: number): CreatedUpload => ({
  fileId: `f${n}`,
  uploadUrl: `https://store.test/k${n}?sig`,
  publicUrl: `https://cdn.test/k${n}`,
  headers: { 'Content-Type': 'image/png' },
  ...(expiresAt !== undefined && { expiresAt }),
})

function setup(expiresAt?: number) {
  let n = 0
  const createUpload = vi.fn(async () => upload(++n, expiresAt))
  const api = { createUpload } as unknown as Api
  const registry = createRegistry(() => 0.5)
  registry.track({ id: 'uppy-a', name: 'cat.png', size: 1234, type: 'image/png' })
  const key = registry.keyFor('uppy-a')
  return { api, registry, key, createUpload }
}

describe('stepOf', () => {
  it('tells the S3 operations apart', () => {
    expect(stepOf({ method: 'PUT', key: 'k', contentType: 'image/png' })).toBe('putObject')
    expect(stepOf({ method: 'POST', key: 'k' })).toBe('createMultipartUpload')
    expect(stepOf({ method: 'PUT', key: 'k', uploadId: 'u', partNumber: 2 })).toBe('uploadPart')
    expect(stepOf({ method: 'GET', key: 'k', uploadId: 'u' })).toBe('listParts')
    expect(stepOf({ method: 'POST', key: 'k', uploadId: 'u' })).toBe('completeMultipartUpload')
    expect(stepOf({ method: 'DELETE', key: 'k', uploadId: 'u' })).toBe('abortMultipartUpload')
    expect(stepOf({ method: 'DELETE', key: 'k' })).toBe('deleteObject')
  })
})

describe('createSignRequest', () => {
  it('maps the key back to the file and sends its name and size', async () => {
    const { api, registry, key, createUpload } = setup()
    const sign = createSignRequest({ api, registry, multipart: unused })
    const signed = await sign({ method: 'PUT', key, contentType: 'image/png' })
    expect(createUpload).toHaveBeenCalledWith({
      filename: 'cat.png',
      contentType: 'image/png',
      fileSize: 1234,
    })
    expect(signed).toEqual({
      method: 'PUT',
      url: 'https://store.test/k1?sig',
      headers: { 'Content-Type': 'image/png' },
    })
    expect(registry.get('uppy-a')?.created?.fileId).toBe('f1')
  })

  it('reuses a valid URL on retry, and asks again near its expiry', async () => {
    let now = 1_000_000
    const { api, registry, key, createUpload } = setup(1_000_000 + 120_000)
    const sign = createSignRequest({ api, registry, multipart: unused, now: () => now })
    await sign({ method: 'PUT', key, contentType: 'image/png' })
    await sign({ method: 'PUT', key, contentType: 'image/png' })
    expect(createUpload).toHaveBeenCalledTimes(1)
    now += 61_000
    const signed = await sign({ method: 'PUT', key, contentType: 'image/png' })
    expect(createUpload).toHaveBeenCalledTimes(2)
    expect(signed.url).toBe('https://store.test/k2?sig')
  })

  it('asks again when the type changed', async () => {
    const { api, registry, key, createUpload } = setup()
    const sign = createSignRequest({ api, registry, multipart: unused })
    await sign({ method: 'PUT', key, contentType: 'image/png' })
    await sign({ method: 'PUT', key, contentType: 'image/jpeg' })
    expect(createUpload).toHaveBeenCalledTimes(2)
  })

  it('refuses an unknown handle and deleting objects', async () => {
    const { api, registry, key } = setup()
    const sign = createSignRequest({ api, registry, multipart: unused })
    await expect(sign({ method: 'PUT', key: 'nope' })).rejects.toThrow('no file for upload handle nope')
    await expect(sign({ method: 'DELETE', key })).rejects.toThrow('not supported')
  })

  it('hands multipart steps to the multipart signer with the file', async () => {
    const { api, registry, key } = setup()
    const multipart: MultipartSigner = {
      create: vi.fn(async () => 'u-new'),
      sign: vi.fn(async (step) => ({
        method: 'PUT' as const,
        url: `https://store.test/${step}`,
        headers: {},
      })),
      fileIdOf: () => 'f9',
    }
    const sign = createSignRequest({ api, registry, multipart })
    const signed = await sign({ method: 'PUT', key, uploadId: 'u1', partNumber: 3 })
    expect(signed.url).toBe('https://store.test/uploadPart')
    expect(multipart.sign).toHaveBeenCalledWith(
      'uploadPart',
      expect.objectContaining({ name: 'cat.png', size: 1234 }),
      { method: 'PUT', key, uploadId: 'u1', partNumber: 3 },
    )
  })

  it('has the server create a multipart upload for the file behind the handle, and answers the handle', async () => {
    const { api, registry, key } = setup()
    const multipart: MultipartSigner = {
      create: vi.fn(async () => 'u-new'),
      sign: () => Promise.reject(new Error('no step signed for a create')),
      fileIdOf: () => undefined,
    }
    const signer = createSigner({ api, registry, multipart })
    expect(await signer.createMultipartUpload({ key, fileType: 'video/mp4' })).toEqual({
      uploadId: 'u-new',
      key,
    })
    expect(multipart.create).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'cat.png', size: 1234 }),
      'video/mp4',
      undefined,
    )
    await expect(signer.createMultipartUpload({ key: 'nope', fileType: 'video/mp4' })).rejects.toThrow(
      'no file for upload handle nope',
    )
  })

  it('uses multipart only with a published plan, from its threshold up', () => {
    const plan = { threshold: 100, basePartSize: 10, maxParts: 10 }
    expect(useMultipart(200, undefined)).toBe(false)
    expect(useMultipart(200, plan)).toBe(true)
    expect(useMultipart(100, plan)).toBe(true)
    expect(useMultipart(99, plan)).toBe(false)
  })
})

describe('createSigner: signing ahead', () => {
  it('asks for a file signed ahead once: Uppy signing it later gets that URL', async () => {
    const { api, registry, key, createUpload } = setup()
    const signer = createSigner({ api, registry, multipart: unused })
    signer.signAhead(registry.get('uppy-a') as NonNullable<ReturnType<typeof registry.get>>)
    expect(createUpload).toHaveBeenCalledTimes(1)
    // Uppy asks while the answer is still on its way, then again (a retry of the PUT).
    const signed = await signer.signRequest({ method: 'PUT', key, contentType: 'image/png' })
    await signer.signRequest({ method: 'PUT', key, contentType: 'image/png' })
    expect(signed.url).toBe('https://store.test/k1?sig')
    expect(createUpload).toHaveBeenCalledTimes(1)
  })

  it('hands a failed sign-ahead to Uppy once, then asks again', async () => {
    const { api, registry, key, createUpload } = setup()
    const refusal = new Error('File exceeds the size this credential allows')
    createUpload.mockRejectedValueOnce(refusal)
    const signer = createSigner({ api, registry, multipart: unused })
    signer.signAhead(registry.get('uppy-a') as NonNullable<ReturnType<typeof registry.get>>)
    await expect(signer.signRequest({ method: 'PUT', key, contentType: 'image/png' })).rejects.toBe(refusal)
    expect(createUpload).toHaveBeenCalledTimes(1)
    expect((await signer.signRequest({ method: 'PUT', key, contentType: 'image/png' })).url).toBe(
      'https://store.test/k1?sig',
    )
    expect(createUpload).toHaveBeenCalledTimes(2)
  })

  it('asks again when Uppy signs the file as another type than it was signed ahead for', async () => {
    const { api, registry, key, createUpload } = setup()
    const signer = createSigner({ api, registry, multipart: unused })
    signer.signAhead(registry.get('uppy-a') as NonNullable<ReturnType<typeof registry.get>>)
    await signer.signRequest({ method: 'PUT', key, contentType: 'image/jpeg' })
    expect(createUpload).toHaveBeenCalledTimes(2)
    expect(createUpload).toHaveBeenLastCalledWith({
      filename: 'cat.png',
      contentType: 'image/jpeg',
      fileSize: 1234,
    })
  })
})

describe('createRegistry', () => {
  it('hands out one stable key per file and forgets it', () => {
    const registry = createRegistry(() => 0.25)
    registry.track({ id: 'a', name: 'a.png', size: 1, type: 'image/png' })
    const key = registry.keyFor('a')
    expect(registry.keyFor('a')).toBe(key)
    expect(key).toMatch(/^dropgate-1-/)
    expect(registry.byKey(key)?.name).toBe('a.png')
    registry.forget('a')
    expect(registry.byKey(key)).toBeUndefined()
    expect(registry.get('a')).toBeUndefined()
  })
})
