import type { Config } from '../config.js'
import { createLocalStorage } from './local.js'
import type { Storage } from './storage.js'

/** The driver the config selects, or null when the selected store is not configured. */
export async function createStorage(config: Config): Promise<Storage | null> {
  const { storage } = config
  if (storage.kind === 'local') {
    return createLocalStorage({
      dataDir: storage.dataDir,
      publicBaseUrl: config.publicBaseUrl,
      storeBaseUrl: `${new URL(config.publicBaseUrl).origin}/store`,
    })
  }
  return null
}
