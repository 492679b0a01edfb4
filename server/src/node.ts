import { setFlagsFromString } from 'node:v8'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { loadConfig } from './config.js'
import { createLogger } from './log.js'
import { createStorage } from './storage/create-storage.js'
import type { LocalStorage } from './storage/local.js'
import { startSweeper } from './storage/local-sweeper.js'

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

/** The Node entry: read the environment, build the app, listen. Run by `dropgate serve`. */
export async function startNodeServer(env: NodeJS.ProcessEnv = process.env) {
  tuneGarbageCollector()
  const logger = createLogger()
  const config = loadConfig(env)
  for (const warning of config.warnings) logger.warn('config', { warning })
  const storage = await createStorage(config, logger)
  const app = createApp({ config, storage, logger })
  if (storage?.kind === 'local')
    startSweeper(
      storage as LocalStorage,
      config.fileTtl,
      (swept) => {
        if (swept.files + swept.uploads + swept.temps > 0) logger.info('swept', swept)
      },
      (error) => logger.error('sweep_failed', { error: String(error) }),
    )
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  logger.info('listening', { url: `http://${config.host}:${port}`, storage: config.storage.kind })
  return { server, port, config }
}
