import { MAX_BATCH_FILES } from '@dropgate/core'
import type { Context } from 'hono'
import { DropgateError, fail } from '../errors.js'
import type { AuthEnv, Caller } from '../http/auth.js'
import { asHttpError } from '../http/storage-error.js'
import type { AppDeps, RouteDeps } from '../usecases/deps.js'
import { completeOne } from './file-by-id.js'
import { readJsonBody, success } from './json.js'
import { presignOne } from './presign-one.js'

/**
 * The batch forms (docs/API.md §2.2 `{files}`, §2.3 `POST /api/v1/files/complete`): each file is
 * handled exactly as its single request would be, and answers in its own entry, in the request's
 * order, either `{code:200,msg,data}` or the `{code,msg}` its single request would have got. One
 * file's refusal never fails the others; only a malformed batch, a credential or a body problem
 * fails the whole request. Anything that is not a DropgateError (a bug) still fails it, as a 500.
 */

type Entry<T> = { code: 200; msg: 'success'; data: T } | { code: number; msg: string }

async function settle<T>(work: () => Promise<T>): Promise<Entry<T>> {
  try {
    return success(await work())
  } catch (caught) {
    const error = asHttpError(caught)
    if (error instanceof DropgateError) return { code: error.status, msg: error.message }
    throw error
  }
}

/** The batch's list: an array of 1 to MAX_BATCH_FILES entries, each passing `isEntry`. */
function batchList<T>(
  value: unknown,
  field: 'files' | 'fileIds',
  what: string,
  isEntry: (x: unknown) => x is T,
): T[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isEntry))
    throw fail('invalid_batch', { field, max: MAX_BATCH_FILES, what })
  if (value.length > MAX_BATCH_FILES) throw fail('batch_too_large', { max: MAX_BATCH_FILES })
  return value
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * `{files: [...]}` → one presigned PUT or error per file. Files are presigned one after another, so
 * an upload token's `maxFiles` slots go to the batch's files in order (the first ones get them, the
 * rest `too_many_files`), exactly as the same requests sent one by one.
 */
export async function createFilesBatch(deps: RouteDeps, caller: Caller, body: Record<string, unknown>) {
  const files = batchList(body.files, 'files', 'file objects', isObject)
  await caller.charge?.(files.length - 1)
  const answers = []
  for (const file of files) answers.push(await settle(() => presignOne(deps, caller, file)))
  return success({ files: answers })
}

/** POST /api/v1/files/complete `{fileIds}`: each file checked (and on S3 promoted) at once; or `{fileId}`. */
export function completeBatchHandler(deps: AppDeps) {
  return async (c: Context<AuthEnv>) => {
    const body = await readJsonBody(c, deps.config.timeouts.bodyIdleMs)
    const caller = c.get('caller')
    // `{fileId}`: one file, answered as its own route's (§2.3). Same URL for every file, so a browser
    // pays its CORS preflight once, not once per file id.
    if (!('fileIds' in body) && typeof body.fileId === 'string')
      return c.json({ ...success(await completeOne(deps, caller, body.fileId)), success: true })
    const ids = batchList(body.fileIds, 'fileIds', 'file ids', (x): x is string => typeof x === 'string')
    await caller.charge?.(ids.length - 1)
    // The checks are store round trips of their own: run side by side, as separate calls would.
    const files = await Promise.all(ids.map((id) => settle(() => completeOne(deps, caller, id))))
    return c.json(success({ files }))
  }
}
