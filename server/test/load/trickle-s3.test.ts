import { afterAll, beforeAll, expect, it } from 'vitest'
import { expectNoFalseAlarms, ownerOf, trickleStorm } from '../faults.js'
import { type RunningServer, startServer } from '../server-process.js'
import { deleteAll, openMultipartUploads, swiftEnv, swiftStorage } from '../swift.js'

/** Issue's acceptance: 300 clients at 1 byte/s for 60 s leave the S3 driver's server answering. */
const KEY = 'trickle-s3-key'
let server: RunningServer
let owner: string
beforeAll(async () => {
  server = await startServer({ DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', ...swiftEnv() })
  owner = await ownerOf(server, KEY)
})
afterAll(async () => {
  await server?.stop()
  if (owner) await deleteAll(swiftStorage(), `uploads/${owner}/`)
})

it('300 clients trickling 1 byte/s for 60 s: 95% of healthz, presign and small-upload probes answer in under 200 ms, none over 1 s, and nothing is held after', async () => {
  const storm = await trickleStorm(server, KEY, 60_000)
  console.log('trickle storm, S3:', JSON.stringify(storm))
  const { probes, connectionsBefore, connectionsAfter } = storm
  expect(probes).toBeGreaterThan(30)
  // Each probe kind: 95% under 200 ms, none over a second (one 2-core machine runs the 300 clients,
  // the server, Swift and the probes; the slowest probe of each kind is printed above).
  for (const kind of [storm.healthz, storm.presign, storm.upload]) {
    expect(kind.p95).toBeLessThan(200)
    expect(kind.max).toBeLessThan(1000)
  }
  expect(connectionsAfter).toBeLessThanOrEqual(connectionsBefore)
  expect(await openMultipartUploads(swiftStorage(), `uploads/${owner}/`)).toEqual([])
  expectNoFalseAlarms(server)
}, 120_000)
