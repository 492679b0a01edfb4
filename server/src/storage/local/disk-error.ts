import { storageFull } from '../storage-errors.js'

/** A full disk or quota is the operator's to fix and the client's to retry later: a 507, not a 500. */
export function diskError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOSPC' || code === 'EDQUOT' ? storageFull() : error
}
