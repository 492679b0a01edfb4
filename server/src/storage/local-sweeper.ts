import { rm } from 'node:fs/promises'
import { isExpired } from '../core/file-record.js'
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
  for await (const uploadId of storage.multipart.stale(stale, now)) {
    await storage.multipart.remove(uploadId)
    swept.uploads += 1
  }
  for await (const path of storage.staleTempFiles(stale, now)) {
    await rm(path, { force: true })
    swept.temps += 1
  }
  return swept
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
