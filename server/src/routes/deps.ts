import type { Config } from '../config.js'
import type { SlotReservations } from '../core/token-slots.js'
import { errors } from '../errors.js'
import type { Logger } from '../log.js'
import type { Storage } from '../storage/storage.js'

/** What the routes are given: built once by the runtime entry, never read from globals. */
export interface AppDeps {
  config: Config
  /** null when the selected storage is not configured: storage routes answer 500. */
  storage: Storage | null
  logger: Logger
}

/** What createApp adds to the deps: per-instance state that only makes routes smoother, never correct. */
export interface RouteDeps extends AppDeps {
  reservations: SlotReservations
}

export function storageOf(deps: AppDeps): Storage {
  if (!deps.storage) throw errors.storageNotConfigured()
  return deps.storage
}
