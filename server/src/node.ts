import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { loadConfig } from './config.js'
import { createLogger } from './log.js'
import { createStorage } from './storage/create-storage.js'
import type { LocalStorage } from './storage/local.js'
import { startSweeper } from './storage/local-sweeper.js'

/** The Node entry: read the environment, build the app, listen. Run by `dropgate serve`. */
export async function startNodeServer(env: NodeJS.ProcessEnv = process.env) {
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
