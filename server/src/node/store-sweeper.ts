import type { Config } from '../config.js'
import type { Logger } from '../log.js'
import { startSweeper } from '../storage/local/index.js'
import type { Storage } from '../storage/storage.js'

/**
 * The embedded store's upkeep, as `dropgate serve` runs it and an embedding app can: every 10 minutes
 * it deletes files past `DROPGATE_FILE_TTL` and what unfinished uploads left, logging `swept` and
 * `sweep_failed`. On S3 there is nothing to run (the bucket's lifecycle rules expire objects), so
 * it returns a no-op stop. Returns the function that stops it; it never keeps the process alive.
 */
export function startStoreSweeper(storage: Storage | null, config: Config, logger: Logger): () => void {
  if (storage?.kind !== 'local') return () => {}
  return startSweeper(
    storage,
    config.fileTtl,
    (swept) => {
      if (swept.files + swept.uploads + swept.temps > 0) logger.info('swept', swept)
    },
    (error) => logger.error('sweep_failed', { error: String(error) }),
  )
}
