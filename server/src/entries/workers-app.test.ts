import { describe, expect, it } from 'vitest'
import { silentLogger } from '../log.js'
import { buildWorker, LOCAL_STORAGE_REFUSED } from './workers-app.js'

const s3 = {
  DROPGATE_STORAGE: 's3',
  S3_ENDPOINT: 'https://account.r2.cloudflarestorage.com',
  S3_BUCKET: 'files',
  S3_ACCESS_KEY_ID: 'id',
  S3_SECRET_ACCESS_KEY: 'secret',
  DROPGATE_PUBLIC_BASE_URL: 'https://files.example.com',
}

describe('buildWorker', () => {
  it('refuses the embedded store, by default or by name', () => {
    expect(buildWorker({}, silentLogger)).toEqual({ problem: LOCAL_STORAGE_REFUSED })
    expect(buildWorker({ DROPGATE_STORAGE: 'local' }, silentLogger)).toEqual({
      problem: LOCAL_STORAGE_REFUSED,
    })
  })

  it('says what loadConfig says of bad settings, and of a bad body limit', () => {
    const built = buildWorker({ ...s3, DROPGATE_PUBLISHABLE_RATE_LIMIT: 'often' }, silentLogger)
    expect('problem' in built && built.problem).toMatch(/DROPGATE_PUBLISHABLE_RATE_LIMIT/)
    const limit = buildWorker({ ...s3, DROPGATE_WORKERS_BODY_LIMIT_MB: '1.5' }, silentLogger)
    expect('problem' in limit && limit.problem).toMatch(/DROPGATE_WORKERS_BODY_LIMIT_MB/)
  })

  it('reads only string vars: bindings beside them are not settings', async () => {
    const built = buildWorker({ ...s3, SOME_BINDING: { get() {} } }, silentLogger)
    if ('problem' in built) throw new Error(built.problem)
    expect(built.config.storage.kind).toBe('s3')
    expect(built.bodyLimit).toBe(100 * 1024 * 1024)
    const health = await built.app.request('/healthz')
    expect(await health.json()).toMatchObject({ data: { storage: 's3' } })
  })
})
