import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newFileId } from '../../src/core/keys.js'
import { type LocalWorkers, startLocalWorkers } from '../../workers/local.js'
import { blackHole } from '../black-hole.js'

/**
 * The Workers entry when its store hangs (a TCP server that never answers): under workerd, as on
 * Node, a route that asks the store answers the documented 503 within the driver's 5 s deadline,
 * and one that does not (JSON mode's presign) is not held up by it.
 */
const KEY = 'workers-fault-key'
const auth = { authorization: `Bearer ${KEY}` }
let hole: Awaited<ReturnType<typeof blackHole>>
let workers: LocalWorkers

beforeAll(async () => {
  hole = await blackHole()
  workers = await startLocalWorkers({
    vars: {
      DROPGATE_STORAGE: 's3',
      DROPGATE_API_KEYS: KEY,
      S3_ENDPOINT: hole.url,
      S3_BUCKET: 'dropgate',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      DROPGATE_PUBLIC_BASE_URL: `${hole.url}/public`,
    },
  })
}, 60_000)
afterAll(async () => {
  await workers?.close()
  await hole?.close()
})

describe('the Workers entry, store hangs', () => {
  it('presigns without the store, and answers 503 on a route that needs it', async () => {
    const created = await fetch(`${workers.url.origin}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', fileSize: 10 }),
    })
    expect(created.status).toBe(200)
    const started = Date.now()
    const res = await fetch(`${workers.url.origin}/api/v1/files/${newFileId('png')}`, { headers: auth })
    expect(await res.json()).toEqual({ code: 503, msg: 'Storage is unavailable, try again shortly' })
    expect(Date.now() - started).toBeGreaterThan(4500)
    // Well under the test timeout: the deadline ended it, not the hole (which never answers).
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(hole.accepted()).toBeGreaterThan(0)
  }, 30_000)
})
