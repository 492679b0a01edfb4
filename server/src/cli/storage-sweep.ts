import type { Config } from '../config.js'
import { STAGING_PREFIX } from '../core/keys.js'
import { createS3Storage, isOlderThan, type S3BucketAdmin, S3RequestError } from '../storage/s3/index.js'
import { UPLOADS_PREFIX } from './bucket-config.js'
import { describeFailure } from './check-findings.js'
import { heading } from './check-report.js'
import type { SweepOptions } from './sweep-options.js'
import { createSweepReport } from './sweep-report.js'

/**
 * `dropgate storage sweep` on S3: aborts the multipart uploads under `uploads/` and `quarantine/` that began more than
 * the threshold ago and were never completed, as a lifecycle rule with AbortIncompleteMultipartUpload
 * would on stores that have one. Exit code 0 when every one was aborted (or none was found), 1 when
 * an abort or the listing failed.
 */

export interface SweepRun {
  /** The clock (ms since the epoch) ages are measured against. */
  now: number
  /** Uploads per ListMultipartUploads page (default 1000). */
  pageSize?: number
  /** Deadline of each store call, ms (default 5000). */
  timeoutMs?: number
}

/**
 * Server-streamed uploads (multipart mode) go up under `uploads/`; a browser's large-file uploads land
 * under `quarantine/` (or the quarantine bucket) until checked.
 */
const PREFIXES = [UPLOADS_PREFIX, STAGING_PREFIX] as const

async function* everyPrefix(admin: S3BucketAdmin, pageSize: number | undefined) {
  for (const prefix of PREFIXES) yield* admin.incompleteUploads(prefix, pageSize)
}

export async function sweepS3(
  config: Config,
  options: SweepOptions,
  run: SweepRun,
  out: { write(text: string): unknown },
): Promise<number> {
  if (config.storage.kind !== 's3') throw new TypeError('sweepS3 needs DROPGATE_STORAGE=s3 settings')
  const { endpoint } = config.storage.s3
  const storage = createS3Storage(config.storage.s3, config.publicBaseUrl, {
    timeoutMs: run.timeoutMs ?? 5000,
  })
  const report = createSweepReport(out, {
    dryRun: options.dryRun,
    now: run.now,
    olderThan: options.olderThan,
    verb: 'abort',
    since: 'started',
    countKept: true,
  })
  out.write(heading(config))
  out.write(
    `Incomplete multipart uploads under ${PREFIXES.join(' and ')} started more than ${options.olderThan} ago` +
      `${options.dryRun ? ' (dry run: nothing is aborted)' : ''}:\n`,
  )
  let storeDown = false
  try {
    for await (const upload of everyPrefix(storage.admin, run.pageSize)) {
      if (!isOlderThan(upload, options.olderThanMs, run.now)) {
        report.kept()
        continue
      }
      const leftover = { subject: upload.key, id: `upload ${upload.uploadId}`, since: upload.initiated }
      if (options.dryRun) {
        report.done(leftover)
        continue
      }
      try {
        const outcome = await storage.admin.abortUpload(upload)
        report.done(
          leftover,
          outcome === 'gone' ? 'already gone (completed or aborted meanwhile)' : undefined,
        )
      } catch (error) {
        report.failed(leftover, describeFailure(error, endpoint))
        // A store that is down would fail every other abort too, each after its deadline.
        if (error instanceof S3RequestError && error.unavailable) {
          report.problem('stopped: the store is unavailable; run the sweep again once it is back')
          storeDown = true
          break
        }
      }
    }
  } catch (error) {
    report.problem(
      `listing incomplete multipart uploads (ListMultipartUploads) failed: ${describeFailure(error, endpoint)}`,
    )
    storeDown = true
  }
  if (!storeDown) await sweepQuarantine(storage, options, run, report, endpoint, out)
  out.write(report.summary())
  return report.failures > 0 ? 1 : 0
}

/**
 * Uploads nobody checked (no `complete`, no read of their link) wait under `quarantine/`; the lifecycle
 * rule of `storage setup` removes them after a day, and so does this where the store has no rules.
 */
async function sweepQuarantine(
  storage: ReturnType<typeof createS3Storage>,
  options: SweepOptions,
  run: SweepRun,
  report: ReturnType<typeof createSweepReport>,
  endpoint: string,
  out: { write(text: string): unknown },
): Promise<void> {
  out.write(
    `Unchecked uploads under ${STAGING_PREFIX} stored more than ${options.olderThan} ago` +
      `${options.dryRun ? ' (dry run: nothing is deleted)' : ''}:\n`,
  )
  try {
    for await (const info of storage.list(STAGING_PREFIX)) {
      if (run.now - info.lastModified.getTime() <= options.olderThanMs) {
        report.kept()
        continue
      }
      const leftover = { subject: info.key, id: `${info.size} bytes`, since: info.lastModified }
      if (options.dryRun) {
        report.done(leftover)
        continue
      }
      try {
        await storage.delete(info.key)
        report.done(leftover, 'deleted, never checked')
      } catch (error) {
        report.failed(leftover, describeFailure(error, endpoint))
      }
    }
  } catch (error) {
    report.problem(`listing ${STAGING_PREFIX} failed: ${describeFailure(error, endpoint)}`)
  }
}
