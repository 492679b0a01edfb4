import { rm } from 'node:fs/promises'
import { basename } from 'node:path'
import { isExpired } from '../../core/file-record.js'
import type { LocalStorage } from './local.js'

/**
 * The embedded store's lifecycle rule (what `dropgate storage setup` asks of S3): files past their
 * lifetime are deleted, and so are multipart uploads and temp files nobody touched for a day.
 * Expired files already answer 404 before the sweeper gets to them; this frees the disk.
 */
export const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000

export async function sweepLocalStore(
  storage: LocalStorage,
  options: { fileTtlSeconds: number; staleUploadMs?: number; now?: number },
): Promise<{ files: number; uploads: number; temps: number }> {
  const now = options.now ?? Date.now()
  const stale = options.staleUploadMs ?? STALE_UPLOAD_MS
  const swept = { files: 0, uploads: 0, temps: 0 }
  for await (const info of storage.list('uploads/')) {
    if (!isExpired(info, options.fileTtlSeconds, new Date(now))) continue
    await storage.delete(info.key)
    swept.files += 1
  }
  for await (const leftover of localLeftovers(storage, stale, now)) {
    await leftover.remove()
    if (leftover.kind === 'upload') swept.uploads += 1
    // An unfinished object is a single upload's write that never finished, as a temp file is.
    else swept.temps += 1
  }
  return swept
}

/** What an upload that never finished left in the embedded store. */
export interface LocalLeftover {
  /** A multipart upload, a temp file, or an object whose writer died before its meta (local.ts). */
  kind: 'upload' | 'temp' | 'object'
  /** An upload's id, a temp file's name, an object's key. */
  name: string
  /** The key an upload was for, when its meta can still be read. */
  key?: string
  touched: Date
  remove(): Promise<void>
}

/**
 * The embedded store's incomplete uploads: multipart uploads, temp files of single uploads and objects
 * left without their meta, nobody touched for `olderThanMs` (what S3's AbortIncompleteMultipartUpload rule removes), found one at a
 * time and removed only when asked (`dropgate storage sweep --dry-run` lists them).
 */
export async function* localLeftovers(
  storage: LocalStorage,
  olderThanMs: number,
  now: number,
): AsyncIterable<LocalLeftover> {
  for await (const upload of storage.multipart.stale(olderThanMs, now))
    yield {
      kind: 'upload',
      name: upload.uploadId,
      ...(upload.key !== undefined && { key: upload.key }),
      touched: upload.touched,
      remove: () => storage.multipart.remove(upload.uploadId),
    }
  for await (const temp of storage.staleTempFiles(olderThanMs, now))
    yield {
      kind: 'temp',
      name: basename(temp.path),
      touched: temp.touched,
      remove: () => rm(temp.path, { force: true }),
    }
  for await (const object of storage.unfinishedObjects(olderThanMs, now))
    yield {
      kind: 'object',
      name: object.key,
      key: object.key,
      touched: object.touched,
      remove: () => storage.delete(object.key),
    }
}

/** Sweeps now and then every `intervalMs`, without keeping the process alive. */
export function startSweeper(
  storage: LocalStorage,
  fileTtlSeconds: number,
  onSwept: (result: Awaited<ReturnType<typeof sweepLocalStore>>) => void,
  onError: (error: unknown) => void,
  intervalMs = 10 * 60 * 1000,
): () => void {
  const run = () => sweepLocalStore(storage, { fileTtlSeconds }).then(onSwept, onError)
  void run()
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
