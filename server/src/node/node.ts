import { setMaxListeners } from 'node:events'
import type { Server } from 'node:http'
import { setFlagsFromString } from 'node:v8'
import { serve } from '@hono/node-server'
import { type Config, loadConfig } from '../config.js'
import { createLogger } from '../log.js'
import { createStorage } from '../storage/create-storage.js'
import { stopGracefully, trackRequests } from './graceful-stop.js'
import { createNodeApp } from './node-app.js'
import { createRedisRateLimiter } from './redis-rate-limiter.js'
import { startStoreSweeper } from './store-sweeper.js'

/**
 * V8's incremental marking off for this process. The server's heap is small (~15 MB) while uploads
 * stream gigabytes of socket buffers through it; V8 kept starting marking cycles anyway (~30 full GCs
 * per GiB), and 10x100 MiB streamed into Swift cost the server 2.0-2.8 CPU-s per GiB, 1.6-2.0 without
 * them. The young generation frees those buffers, and a full GC, rare, takes a few ms on a heap this
 * size. V8 reads the flag whenever it would start marking, so setting it here, before any upload, works.
 */
function tuneGarbageCollector(): void {
  setFlagsFromString('--no-incremental-marking')
}

/**
 * Node's HTTP server deadlines. `requestTimeout` (300 s for the whole request by default) is off: it
 * cut a 100 MiB upload at 300 kB/s at ~318 s with an empty 408, and a dead client is told apart from a
 * slow one by the body's own idle deadline instead (http/guarded-body.ts). The headers keep a short
 * deadline of their own, checked every second (Node checks every 30 s by default).
 */
function serverOptions(config: Config) {
  return {
    requestTimeout: 0,
    headersTimeout: config.timeouts.headersMs,
    connectionsCheckingInterval: Math.min(1000, config.timeouts.headersMs),
  }
}

/** After the grace, how long cut-off uploads get to delete what they wrote (store calls have 5 s deadlines). */
const CLEANUP_MS = 12_000

/** The Node entry: read the environment, build the app, listen. Run by `dropgate serve`. */
export async function startNodeServer(env: NodeJS.ProcessEnv = process.env) {
  tuneGarbageCollector()
  const logger = createLogger()
  const config = loadConfig(env)
  for (const warning of config.warnings) logger.warn('config', { warning })
  const storage = await createStorage(config, logger)
  const cutOff = new AbortController()
  // Every body being read listens for the stop: hundreds at once are expected, not a leak.
  setMaxListeners(0, cutOff.signal)
  // DROPGATE_REDIS_URL: publishable keys counted by every instance together. Its first connection is
  // awaited (bounded by its connect timeout) so that the first requests are counted there already.
  const rateLimiter = config.redisUrl
    ? createRedisRateLimiter({ url: config.redisUrl, rule: config.publishableRateLimit, logger })
    : undefined
  if (rateLimiter) await rateLimiter.connected
  const app = createNodeApp({ config, storage, logger, shutdown: cutOff.signal, rateLimiter })
  const stopSweeper = startStoreSweeper(storage, config, logger)
  const requests = trackRequests(app.fetch)
  const server = serve({
    fetch: requests.fetch,
    port: config.port,
    hostname: config.host,
    serverOptions: serverOptions(config),
  }) as Server
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  logger.info('listening', {
    url: `http://${config.host}:${port}`,
    storage: config.storage.kind,
    rateLimit: rateLimiter ? 'redis' : 'per-instance',
  })
  let stopping: Promise<void> | null = null
  /** Stops as `stopGracefully` says; a second call waits for the first. */
  const stop = () => {
    stopping ??= stopGracefully({
      server,
      requests,
      cutOff,
      graceMs: config.timeouts.shutdownGraceMs,
      cleanupMs: CLEANUP_MS,
      logger,
    })
      .finally(stopSweeper)
      .finally(() => rateLimiter?.close())
    return stopping
  }
  return { server, port, config, stop }
}
