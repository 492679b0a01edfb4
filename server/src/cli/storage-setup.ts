import type { Config } from '../config.js'
import { createS3Storage, S3RequestError } from '../storage/s3/index.js'
import { bucketSettings } from './bucket-settings.js'
import { describeFailure, type Finding, type Status } from './check-findings.js'

/**
 * `dropgate storage setup`: writes every bucket setting Dropgate needs (bucket-settings.ts: the CORS
 * rule that lets the allowed origins upload and read ETag, and the lifecycle rules that expire
 * uploads after DROPGATE_FILE_TTL in whole days; with S3_QUARANTINE_BUCKET, that bucket's CORS rule
 * and its 1-day expiry of unchecked uploads too), keeping the buckets' other rules. Each setting is
 * read first: a store that does not support it (Swift's s3api ignores `?lifecycle` and would take a
 * PUT of it for a bucket creation) is told apart and never written to, and the finding says what to
 * do instead.
 */
export async function setupStorage(config: Config, options: { timeoutMs?: number } = {}): Promise<Finding[]> {
  if (config.storage.kind !== 's3') throw new TypeError('setupStorage needs DROPGATE_STORAGE=s3 settings')
  const storage = createS3Storage(config.storage.s3, config.publicBaseUrl, {
    timeoutMs: options.timeoutMs ?? 5000,
  })
  const findings: Finding[] = []
  const add = (status: Status, topic: string, text: string) => {
    findings.push({ status, topic, text })
  }
  const endpoint = config.storage.s3.endpoint

  for (const setting of bucketSettings(config)) {
    if (setting.notNeeded) {
      add('warn', setting.topic, setting.notNeeded.setup)
      continue
    }
    try {
      const current = await storage.admin.readSetting(setting.bucket, setting.name)
      if (current.kind === 'unsupported' || current.kind === 'denied') {
        const what =
          current.kind === 'denied'
            ? 'these credentials may not read or change bucket settings'
            : setting.notTaken
        add(
          'warn',
          setting.topic,
          `not written: ${what} (${setting.operation}: ${current.why}). ${setting.elsewhere}`,
        )
        continue
      }
      await storage.admin.writeSetting(
        setting.bucket,
        setting.name,
        setting.document(current.kind === 'document' ? current.xml : ''),
      )
      add('ok', setting.topic, setting.written)
    } catch (error) {
      add('fail', setting.topic, `not written: ${refusal(error, endpoint)}`)
    }
  }
  return findings
}

function refusal(error: unknown, endpoint: string): string {
  if (error instanceof S3RequestError && error.kind === 'refused' && error.status === 403)
    return `the store refused (${error.detail}); use credentials allowed to change bucket settings, or set it in the store's console`
  return describeFailure(error, endpoint)
}
