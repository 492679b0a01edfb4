import { errors } from '../errors.js'
import { isStorageError } from '../storage/storage-errors.js'

/**
 * A driver's error as the answer it gets (docs/API.md §2.10): the one place where store failures become HTTP.
 * Every error handler (the app's onError, the compatible APIs', the embedded store's S3 answers)
 * passes what it caught through here first; anything else is returned as it is.
 */
export function asHttpError(error: unknown): unknown {
  if (!isStorageError(error)) return error
  if (error.reason === 'unavailable') return errors.storageUnavailable()
  if (error.reason === 'full') return errors.storageFull()
  return errors.uploadChanged()
}
