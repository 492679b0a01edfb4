import type { Config } from '../config.js'
import type { Logger } from '../log.js'
import { createLocalStorage } from './local/index.js'
import { createS3Storage } from './s3/index.js'
import type { Storage } from './storage.js'

/** The driver the config selects, or null when the selected store is not configured. */
export async function createStorage(config: Config, logger?: Logger): Promise<Storage | null> {
  const { storage } = config
  if (storage.kind === 'local') {
    return createLocalStorage({
      dataDir: storage.dataDir,
      publicBaseUrl: config.publicBaseUrl,
      storeBaseUrl: `${new URL(config.publicBaseUrl).origin}${config.basePath}/store`,
    })
  }
  if (storage.kind === 's3') return createS3Storage(storage.s3, config.publicBaseUrl, { logger })
  return null
}
