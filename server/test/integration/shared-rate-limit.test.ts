import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { png } from '../media.js'
import { startRedis, type TestRedis } from '../redis-server.js'
import { type RunningServer, startServer } from '../server-process.js'

/**
 * Issue 20's acceptance: two `dropgate serve` processes on two ports, one client alternating between
 * them with a publishable key from its origin. With DROPGATE_REDIS_URL they hold one
 * DROPGATE_PUBLISHABLE_RATE_LIMIT together; without it each holds its own (README "Many instances").
 */
const PK = 'dg_pk_shared_limit'
const ORIGIN = 'https://shop.example.com'
const LIMIT = 4

let redis: TestRedis
let admin: Redis
let dataDir: string

beforeAll(async () => {
  redis = await startRedis()
  admin = new Redis(redis.url)
  admin.on('error', () => {})
  dataDir = await mkdtemp(join(tmpdir(), 'dropgate-pair-'))
})
afterAll(async () => {
  admin.disconnect()
  await redis.close()
  await rm(dataDir, { recursive: true, force: true })
})

/**
 * Two instances of one deployment: one store folder, one token secret, the same settings. Started
 * one after the other: on a loaded machine two tsx start-ups at once can take past the harness's 20 s.
 */
async function startPair(env: Record<string, string> = {}): Promise<[RunningServer, RunningServer]> {
  const settings = {
    DROPGATE_PUBLISHABLE_KEYS: `${PK}|${ORIGIN}`,
    DROPGATE_PUBLISHABLE_RATE_LIMIT: `${LIMIT}/60`,
    DROPGATE_TOKEN_SECRET: 'p'.repeat(40),
    DROPGATE_STORAGE: 'local',
    ...env,
  }
  const first = await startServer(settings, [], { dataDir })
  try {
    return [first, await startServer(settings, [], { dataDir })]
  } catch (error) {
    await first.stop()
    throw error
  }
}

function create(server: RunningServer) {
  return fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${PK}`, origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', fileSize: png().length }),
  })
}

/** `count` requests, alternating between the instances: each answer's status, and Retry-After's range. */
async function alternate(instances: RunningServer[], count: number) {
  const answers: string[] = []
  for (let i = 0; i < count; i++) {
    const res = await create(instances[i % instances.length] as RunningServer)
    await res.arrayBuffer()
    // What is left of the 60 s window: whole seconds, and on a loaded machine seconds pass.
    const wait = Number(res.headers.get('retry-after'))
    answers.push(res.status === 429 && wait >= 1 && wait <= 60 ? '429 after ≤60' : String(res.status))
  }
  return answers
}

const dropgateConnections = async () =>
  String(await admin.call('CLIENT', 'LIST'))
    .split('\n')
    .filter((line) => line.includes('name=dropgate')).length

describe('two Node instances with Redis, requests alternating', { timeout: 60_000 }, () => {
  let servers: [RunningServer, RunningServer]
  beforeAll(async () => {
    servers = await startPair({ DROPGATE_REDIS_URL: redis.url })
  }, 90_000)
  afterAll(() => Promise.all(servers?.map((server) => server.stop()) ?? []))

  it('hold one publishable-key limit together', async () => {
    await admin.call('FLUSHALL')
    for (const server of servers) expect(server.events('listening')[0]?.rateLimit).toBe('redis')
    const answers = await alternate(servers, LIMIT + 2)
    // The 5th request (the 3rd on the first instance) is refused, and so is the 6th on the other: one count.
    expect(answers).toEqual(['200', '200', '200', '200', '429 after ≤60', '429 after ≤60'])
  })

  it('fail open to their own limits while Redis is gone, share again once it is back, and close their connections on stop', async () => {
    await admin.call('FLUSHALL')
    const [a, b] = servers
    expect(await dropgateConnections()).toBe(2)
    expect(await alternate(servers, LIMIT + 1)).toEqual([...Array(LIMIT).fill('200'), '429 after ≤60'])
    await redis.stop()
    // The shared count is spent, but each instance now counts on its own, from zero: admitted.
    expect(await alternate(servers, 2)).toEqual(['200', '200'])
    await Promise.all([a.logged('rate_limit_redis_down'), b.logged('rate_limit_redis_down')])
    expect(await alternate(servers, 2 * LIMIT)).toEqual([
      ...Array(2 * (LIMIT - 1)).fill('200'),
      '429 after ≤60',
      '429 after ≤60',
    ])
    // One line per outage, not one per request.
    expect([a.events('rate_limit_redis_down').length, b.events('rate_limit_redis_down').length]).toEqual([
      1, 1,
    ])
    await redis.start()
    await Promise.all([a.logged('rate_limit_redis_back'), b.logged('rate_limit_redis_back')])
    // Redis restarted empty: one fresh count for both again.
    expect(await alternate(servers, LIMIT + 1)).toEqual([...Array(LIMIT).fill('200'), '429 after ≤60'])
    expect(await dropgateConnections()).toBe(2)
    await Promise.all(servers.map((server) => server.stop()))
    expect(await dropgateConnections()).toBe(0)
  })
})

describe('two Node instances without Redis, requests alternating', { timeout: 60_000 }, () => {
  let servers: [RunningServer, RunningServer]
  beforeAll(async () => {
    servers = await startPair()
  }, 90_000)
  afterAll(() => Promise.all(servers?.map((server) => server.stop()) ?? []))

  it('each hold their own limit, as documented', async () => {
    for (const server of servers) expect(server.events('listening')[0]?.rateLimit).toBe('per-instance')
    const answers = await alternate(servers, 2 * LIMIT + 2)
    expect(answers).toEqual([...Array(2 * LIMIT).fill('200'), '429 after ≤60', '429 after ≤60'])
  })
})
