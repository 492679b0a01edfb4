import { access } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Config } from '../config.js'
import { createStorage } from '../storage/create-storage.js'
import { localLeftovers } from '../storage/local/index.js'
import type { SweepOptions } from './sweep-options.js'
import { createSweepReport } from './sweep-report.js'

/**
 * `dropgate storage sweep` on the embedded store: removes the multipart uploads and temp files that
 * uploads which never finished left behind, untouched for longer than the threshold (the running
 * server does the same after a day, every 10 minutes: storage/local/local-sweeper.ts). Expired files are
 * left to the server, which stops serving them itself. Exit code 0, or 1 when a removal failed.
 */
export async function sweepLocal(
  config: Config,
  options: SweepOptions,
  now: number,
  out: { write(text: string): unknown },
): Promise<number> {
  if (config.storage.kind !== 'local') throw new TypeError('sweepLocal needs DROPGATE_STORAGE=local')
  const dataDir = resolve(config.storage.dataDir)
  // Opening the store would create its folders and signing secret: never in a folder that is not one.
  if (!(await exists(join(dataDir, 'signing-secret')))) {
    out.write(
      `DROPGATE_STORAGE is local, and ${dataDir} holds no embedded store yet (no signing-secret): nothing to sweep.\n`,
    )
    return 0
  }
  const storage = await createStorage(config)
  if (storage?.kind !== 'local') throw new TypeError('expected the embedded store')
  const report = createSweepReport(out, {
    dryRun: options.dryRun,
    now,
    olderThan: options.olderThan,
    verb: 'remove',
    since: 'last touched',
    countKept: false,
  })
  out.write(
    `Embedded store in ${dataDir} (expired files are not this command's: the running server deletes them)\n` +
      `Multipart uploads, temp files and meta-less objects of unfinished uploads untouched for more than ${options.olderThan}` +
      `${options.dryRun ? ' (dry run: nothing is removed)' : ''}:\n`,
  )
  for await (const leftover of localLeftovers(storage, options.olderThanMs, now)) {
    const item =
      leftover.kind === 'upload'
        ? {
            subject: `multipart upload ${leftover.name}`,
            ...(leftover.key && { id: `for ${leftover.key}` }),
            since: leftover.touched,
          }
        : leftover.kind === 'object'
          ? { subject: `object ${leftover.name} without its meta (its writer died)`, since: leftover.touched }
          : { subject: `temp file tmp/${leftover.name}`, since: leftover.touched }
    if (options.dryRun) {
      report.done(item)
      continue
    }
    try {
      await leftover.remove()
      report.done(item)
    } catch (error) {
      report.failed(item, String((error as Error)?.message ?? error))
    }
  }
  out.write(report.summary())
  return report.failures > 0 ? 1 : 0
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}
