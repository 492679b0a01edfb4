import type { Hono } from 'hono'
import { type AppOptions, createApp } from '../app.js'
import { nodeIo } from './body-stream.js'
import { localStoreRoutes } from './local-store.js'

/**
 * The app as Node runs it: Node's fast paths to bodies and answers (`nodeIo`), and, on the embedded
 * store, that store's own routes (`/store`, `/files`), which read and write the disk. It is the
 * package's `createApp` (index.ts). app.ts's createApp itself stays web-standard and never loads
 * node:fs, so that an entry for another runtime (on S3) can build it without them. Its caller owns the
 * shared rate limiter, if any (node.ts builds and closes the Redis one).
 */
export function createNodeApp(deps: AppOptions): Hono {
  const { config, storage, shutdown } = deps
  // Counting in memory despite DROPGATE_REDIS_URL would hold N times the limit without a word.
  if (config.redisUrl && !deps.rateLimiter)
    throw new TypeError(
      'DROPGATE_REDIS_URL is set: pass rateLimiter: createRedisRateLimiter({ url, rule, logger }) (README "Many instances"), and close it when you stop',
    )
  return createApp({
    io: nodeIo,
    ...(storage?.kind === 'local' && { storeRoutes: localStoreRoutes(config, storage, shutdown) }),
    ...deps,
  })
}
