import type { Hono } from 'hono'
import { createApp } from '../app.js'
import { type Config, ConfigError, loadConfig } from '../config.js'
import type { Logger } from '../log.js'
import { createS3Storage } from '../storage/s3/index.js'
import { bodyLimitBytes } from './workers-body-limit.js'
import { workersIo } from './workers-io.js'
import { type DurableObjectNamespaceLike, durableObjectRateLimiter } from './workers-rate-limit.js'

/**
 * Builds the signer for Cloudflare Workers (workers.ts is the entry): the web-standard app (app.ts) on the S3 driver (R2 through its
 * S3 endpoint), configured by the Worker's vars and secrets under the same names as the Node entry's
 * environment (README "Configuration"), the client address from CF-Connecting-IP (workers-io.ts),
 * the publishable-key limit counted by a Durable Object shared by every instance (`RATE_LIMITER`).
 * Nothing here loads node/: it runs under workerd's nodejs_compat (node:crypto, node:buffer,
 * node:stream, node:http's client).
 */

/** The Worker's env: its vars and secrets (strings) and its bindings. */
export type WorkerEnv = Record<string, unknown> & { RATE_LIMITER?: DurableObjectNamespaceLike }

export type Built = { app: Hono; config: Config; bodyLimit: number } | { problem: string }

export const LOCAL_STORAGE_REFUSED =
  'DROPGATE_STORAGE must be "s3" on Workers: the embedded store (local) keeps files on a disk, which ' +
  'Workers do not have; set DROPGATE_STORAGE=s3 and S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, ' +
  'S3_SECRET_ACCESS_KEY (R2: https://<account id>.r2.cloudflarestorage.com)'

/** Builds the app from the env, or says why it cannot start (the same words on every request). */
export function buildWorker(env: WorkerEnv, logger: Logger): Built {
  const vars: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = value
  let config: Config
  try {
    config = loadConfig(vars)
  } catch (error) {
    if (error instanceof ConfigError) return { problem: error.message }
    throw error
  }
  if (config.storage.kind === 'local') return { problem: LOCAL_STORAGE_REFUSED }
  let bodyLimit: number
  try {
    bodyLimit = bodyLimitBytes(vars.DROPGATE_WORKERS_BODY_LIMIT_MB)
  } catch (error) {
    return { problem: (error as Error).message }
  }
  for (const warning of config.warnings) logger.warn('config', { warning })
  const storage =
    config.storage.kind === 's3' ? createS3Storage(config.storage.s3, config.publicBaseUrl, { logger }) : null
  const namespace = env.RATE_LIMITER
  if (!namespace)
    logger.warn('config', {
      warning: 'no RATE_LIMITER Durable Object binding: each Worker instance counts publishable keys alone',
    })
  const app = createApp({
    config,
    storage,
    logger,
    io: workersIo(bodyLimit),
    ...(namespace && {
      rateLimiter: durableObjectRateLimiter(namespace, config.publishableRateLimit, logger),
    }),
  })
  return { app, config, bodyLimit }
}
