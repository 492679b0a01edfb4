import type { Hono } from 'hono'
import { type AppOptions, createApp } from '../app.js'
import { nodeIo } from './body-stream.js'
import { localStoreRoutes } from './local-store.js'

/**
 * The app as Node runs it: Node's fast paths to bodies and answers (`nodeIo`), and, on the embedded
 * store, that store's own routes (`/store`, `/files`), which read and write the disk. It is the
 * package's `createApp` (index.ts). app.ts's createApp itself stays web-standard and never loads
 * node:fs, so that an entry for another runtime (on S3) can build it without them.
 */
export function createNodeApp(deps: AppOptions): Hono {
  const { config, storage, shutdown } = deps
  return createApp({
    io: nodeIo,
    ...(storage?.kind === 'local' && { storeRoutes: localStoreRoutes(config, storage, shutdown) }),
    ...deps,
  })
}
