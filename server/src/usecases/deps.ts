import type { Hono } from 'hono'
import type { Config } from '../config.js'
import type { RateLimiter } from '../core/rate-limit.js'
import type { SlotReservations } from '../core/token-slots.js'
import { errors } from '../errors.js'
import type { BodyDeadlines } from '../http/guarded-body.js'
import type { RuntimeIo } from '../http/runtime-io.js'
import type { Logger } from '../log.js'
import type { Storage } from '../storage/storage.js'

/** What the routes are given: built once by the runtime entry, never read from globals. */
export interface AppDeps {
  config: Config
  /** null when the selected storage is not configured: storage routes answer 500. */
  storage: Storage | null
  logger: Logger
  /** Aborted when the server stops and its grace is over: bodies still arriving are cut off (503). */
  shutdown?: AbortSignal
  /** The runtime's fast paths to bodies and answers (node/body-stream.ts `nodeIo`); web-standard without. */
  io?: RuntimeIo
  /**
   * Routes of a store this server serves itself (the embedded store's `/store` and `/files`, built by
   * whoever built that store: node/node-app.ts), mounted after the API's.
   */
  storeRoutes?: Hono
  /**
   * Counts publishable-key requests against DROPGATE_PUBLISHABLE_RATE_LIMIT for every instance
   * together (e.g. Redis on Node, a Durable Object on Workers); without it, each instance counts
   * in memory on its own.
   */
  rateLimiter?: RateLimiter
}

/** What createApp adds to the deps: per-instance state that only makes routes smoother, never correct. */
export interface RouteDeps extends AppDeps {
  reservations: SlotReservations
}

export function storageOf(deps: AppDeps): Storage {
  if (!deps.storage) throw errors.storageNotConfigured()
  return deps.storage
}

/** The deadlines every request body is read under (http/guarded-body.ts). */
export function bodyDeadlines(deps: AppDeps): BodyDeadlines {
  return { idleMs: deps.config.timeouts.bodyIdleMs, shutdown: deps.shutdown }
}
