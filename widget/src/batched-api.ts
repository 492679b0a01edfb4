import { MAX_BATCH_FILES } from '@dropgate/core'
import { isTransient } from './api-answers.js'
import type { Api, CompletedFile, CreatedUpload, FileToCreate, Settled } from './api-types.js'
import { createBatcher } from './batcher.js'
import { withRetry } from './retry.js'

/** Confirmation requests out at once; as many as half the files uploading at a time (FILE_CONCURRENCY). */
export const COMPLETE_REQUESTS_IN_FLIGHT = 3

export interface BatchingOptions {
  /** Retry delays in ms of a file's transient failure inside a batch; tests pass `[]` or short ones. */
  readonly delays?: readonly number[]
}

/**
 * `api` with `createUpload` and `completeUpload` sent through the server's batch forms (docs/API.md
 * §2.2 `{files}`, §2.3 `{fileIds}`): the files that ask together (all those an upload starts with,
 * or those whose bytes landed while COMPLETE_REQUESTS_IN_FLIGHT confirmations were out) cost one
 * request, up to MAX_BATCH_FILES each. A batch of one is sent in the single form, unchanged.
 *
 * Each file keeps its own outcome: a file the server refuses inside a batch fails alone with its own
 * message. A batch request that fails as a whole (no answer, a 5xx, a 429) is retried by `api` with
 * the same delays a single request gets, then fails each of its files with that error. A file whose
 * own entry is a transient failure (a store read answered 503) is asked for again, in a later batch,
 * with those delays.
 */
export function withBatching(api: Api, { delays }: BatchingOptions = {}): Api {
  // Errors of a file's own entry; a request's failure was already retried by `api` itself.
  const ownErrors = new WeakSet<object>()
  const settle = async <T>(
    items: readonly unknown[],
    batch: () => Promise<Settled<T>[]>,
    one: () => Promise<T>,
  ) => {
    if (items.length === 1) return [{ ok: true as const, value: await one() }]
    const answers = await batch()
    for (const answer of answers)
      if (!answer.ok && typeof answer.error === 'object' && answer.error) ownErrors.add(answer.error)
    return answers
  }
  const create = createBatcher<FileToCreate, CreatedUpload>({
    max: MAX_BATCH_FILES,
    send: (files) =>
      settle(
        files,
        () => api.createUploads(files),
        () => api.createUpload(files[0] as FileToCreate),
      ),
  })
  const complete = createBatcher<string, CompletedFile>({
    max: MAX_BATCH_FILES,
    // A confirmation reads (and on S3 copies) each object, so it takes the server far longer than
    // signing: files whose bytes land while one is out are confirmed beside it, not after it.
    maxInFlight: COMPLETE_REQUESTS_IN_FLIGHT,
    send: (ids) =>
      settle(
        ids,
        () => api.completeUploads(ids),
        () => api.completeUpload(ids[0] as string),
      ),
  })
  const again = <T>(attempt: () => Promise<T>) =>
    withRetry(attempt, {
      shouldRetry: (error) =>
        typeof error === 'object' && error !== null && ownErrors.has(error) && isTransient(error),
      ...(delays && { delays }),
    })

  return {
    ...api,
    // A call that can be given up on (a signal) is sent alone: a batch is not cancelled for one file.
    createUpload: (file, signal) => (signal ? api.createUpload(file, signal) : again(() => create(file))),
    completeUpload: (fileId, signal) =>
      signal ? api.completeUpload(fileId, signal) : again(() => complete(fileId)),
  }
}
