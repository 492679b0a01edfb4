/**
 * What a driver fails with when the failure is the client's or the operator's to act on, not a bug.
 * Drivers know nothing of HTTP: the routes' error handlers turn these into answers in one place
 * (http/storage-error.ts). Any other error a driver throws is a bug or a refusal of its configuration.
 */
export class StorageError extends Error {
  constructor(
    /** unavailable: the store did not answer in time; full: no space left; changed: not the version checked. */
    readonly reason: 'unavailable' | 'full' | 'changed',
    message: string,
  ) {
    super(message)
    this.name = 'StorageError'
  }
}

/** The store did not answer (network, timeout, 5xx): worth trying again shortly. */
export const storageUnavailable = (operation: string) =>
  new StorageError('unavailable', `The store did not answer ${operation}`)

/** The disk or quota is full: the operator's to fix, the client's to retry later. */
export const storageFull = () => new StorageError('full', 'No space left in the store')

/** The object is not the version that was checked (replaced in between). */
export const uploadChanged = () => new StorageError('changed', 'The object changed since it was checked')

export const isStorageError = (error: unknown, reason?: StorageError['reason']): error is StorageError =>
  error instanceof StorageError && (reason === undefined || error.reason === reason)
