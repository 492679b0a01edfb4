/**
 * `@dropgate/server` as a library: what an app needs to embed the signer (README "Embedding the
 * signer"). The `dropgate` command line is `bin.ts`.
 */
export type { AppDeps, AppOptions } from './app.js'
export {
  type Config,
  ConfigError,
  loadConfig,
  type S3Settings,
  type StorageSettings,
  type Timeouts,
} from './config.js'
export { type ConfigOptions, configFrom, type StorageOptions } from './config-from.js'
export type { RateLimit, RateLimiter } from './core/rate-limit.js'
export { createFetchHandler } from './fetch-handler.js'
export { createLogger, type Logger, silentLogger } from './log.js'
// The package runs on Node: its createApp is the Node app (Node's fast paths, and on the embedded
// store that store's own routes). The web-standard app without them is `app.ts`'s createApp.
export { createNodeApp as createApp } from './node/node-app.js'
export {
  createRedisRateLimiter,
  type RedisRateLimiter,
  type RedisRateLimiterOptions,
} from './node/redis-rate-limiter.js'
export { startStoreSweeper } from './node/store-sweeper.js'
export { nodeListener } from './node-listener.js'
export { createStorage } from './storage/create-storage.js'
export type { LocalStorage } from './storage/local/index.js'
export type { S3Storage } from './storage/s3/index.js'
export type {
  BodyLengthHint,
  ObjectInfo,
  PresignedRequest,
  PresignPutInput,
  PresignRequestInput,
  PutInput,
  Storage,
} from './storage/storage.js'
