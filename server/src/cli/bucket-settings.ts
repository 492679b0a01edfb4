import type { Config } from '../config.js'
import { STAGING_PREFIX } from '../core/keys.js'
import type { BucketSettingAnswer, BucketSettingName } from '../storage/s3/index.js'
import {
  CORS_METHODS,
  corsDocument,
  corsGaps,
  expiryDays,
  type LifecycleRule,
  lifecycleDocument,
  lifecycleFor,
  parseCors,
  parseLifecycle,
  quarantineLifecycleDocument,
  UPLOADS_PREFIX,
} from './bucket-config.js'
import type { Status } from './check-findings.js'

/**
 * One description per bucket setting Dropgate needs, which `storage setup` writes and `storage check`
 * reads: what it must be (the document, and a current one judged), how it is read and written (the
 * S3 sub-resource), and what to do where the store does not take it through S3. The main bucket needs
 * CORS (browsers PUT to it) and lifecycle rules (uploads expire); S3_QUARANTINE_BUCKET, where browsers
 * PUT unchecked uploads, needs the same CORS rule and its own 1-day expiry.
 */

export interface Verdict {
  status: Status
  text: string
}

export interface BucketSetting {
  /** The findings' topic. */
  topic: string
  bucket: string
  name: BucketSettingName
  /** The S3 call that reads it, named in findings. */
  operation: string
  /** "the bucket" or the quarantine bucket by name, in findings. */
  where: string
  /** When nothing needs it: what setup and check say instead. */
  notNeeded?: { setup: string; check: string }
  /** The document to write, given the bucket's current one (its other rules are kept). */
  document(current: string): string
  /** What setup says once it is written. */
  written: string
  /** Setup, on a store that does not take it: what it is not, then how to get it another way. */
  notTaken: string
  elsewhere: string
  /** Check: a current document (undefined: the bucket has none) judged. */
  judge(xml: string | undefined): Verdict[]
  /** Check, when the store does not report it: lifecycle advice (CORS is asked by browser preflights instead). */
  unreadable(answer: Extract<BucketSettingAnswer, { kind: 'unsupported' | 'denied' }>): Verdict[]
}

const STORE_CORS =
  'Swift: cors_allow_origin and cors_expose_headers in proxy-server.conf, s3api cors_preflight_allow_origin; ' +
  'MinIO: MINIO_API_CORS_ALLOW_ORIGIN'
const STORE_EXPIRY = 'Swift: the object expirer, X-Delete-After through its native API'

function cors(bucket: string, where: string, topic: string, origins: readonly string[]): BucketSetting {
  const list = origins.join(', ')
  return {
    topic,
    bucket,
    name: 'cors',
    operation: 'GetBucketCors',
    where,
    ...(origins.length === 0 && {
      notNeeded: {
        setup: 'not written: DROPGATE_ALLOWED_ORIGINS is empty, so no browser origin needs it',
        check: 'DROPGATE_ALLOWED_ORIGINS is empty: browsers cannot upload, only servers and scripts',
      },
    }),
    document: (current) => corsDocument(origins, current),
    written: `written: ${list} may ${CORS_METHODS.join('/')} with any header; ETag is exposed (rule "dropgate"; other rules kept)`,
    notTaken: 'this store does not support S3 bucket CORS rules',
    elsewhere:
      `Allow ${list} in the store's own configuration instead (${STORE_CORS}; ` +
      "R2: the bucket's CORS policy in the dashboard), with methods GET/PUT/POST/DELETE/HEAD, any header, exposing ETag",
    judge(xml) {
      if (xml === undefined)
        return [
          {
            status: 'fail',
            text: `${where} has no CORS rules, so browsers cannot upload to it: run \`dropgate storage setup\``,
          },
        ]
      const gaps = corsGaps(parseCors(xml).rules, origins)
      return gaps.length === 0
        ? [{ status: 'ok', text: `${possessive(where)} rules let ${list} upload and read ETag` }]
        : [{ status: 'fail', text: `${gaps.join('; ')}: run \`dropgate storage setup\`` }]
    },
    unreadable: () => [],
  }
}

/** Preflight advice when a store keeps CORS in its own configuration (check's fallback). */
export const STORE_CORS_ADVICE =
  `Set CORS in the store's own configuration (${STORE_CORS}) for these origins, ` +
  'methods GET/PUT/POST/DELETE/HEAD, any header, exposing ETag'

function uploadsLifecycleSetting(bucket: string, fileTtl: number, ownQuarantine: boolean): BucketSetting {
  const days = expiryDays(fileTtl)
  return {
    topic: 'lifecycle',
    bucket,
    name: 'lifecycle',
    operation: 'GetBucketLifecycleConfiguration',
    where: 'the bucket',
    document: (current) => lifecycleDocument(days, current),
    written:
      `written: objects under ${UPLOADS_PREFIX} expire after ${days} day(s) (DROPGATE_FILE_TTL rounded up to whole days); ` +
      'incomplete multipart uploads are aborted after 1 day (other rules kept)',
    notTaken: 'this store does not support S3 lifecycle rules',
    elsewhere:
      `Expire objects under ${UPLOADS_PREFIX} after ${days} day(s) another way: the store's console or own expiry ` +
      `(${STORE_EXPIRY}), or a scheduled job that deletes older objects`,
    judge(xml) {
      const rules = xml === undefined ? [] : parseLifecycle(xml).rules
      const uploads = lifecycleFor(UPLOADS_PREFIX, rules)
      if (uploads.expirationDays === undefined)
        return [
          {
            status: 'fail',
            text: `no rule expires objects under ${UPLOADS_PREFIX}: files are kept forever; run \`dropgate storage setup\``,
          },
        ]
      const verdicts: Verdict[] = []
      const ttlDays = fileTtl / 86_400
      if (uploads.expirationDays < ttlDays)
        verdicts.push({
          status: 'warn',
          text:
            `objects under ${UPLOADS_PREFIX} expire after ${uploads.expirationDays} day(s), before DROPGATE_FILE_TTL ` +
            `(${Number(ttlDays.toFixed(2))} days) ends: files disappear early; run \`dropgate storage setup\``,
        })
      else
        verdicts.push({
          status: 'ok',
          text: `objects under ${UPLOADS_PREFIX} expire after ${uploads.expirationDays} day(s)`,
        })
      if (uploads.abortIncompleteDays === undefined)
        verdicts.push({
          status: 'warn',
          text: 'no rule aborts incomplete multipart uploads: abandoned browser uploads keep their parts; run `dropgate storage setup`',
        })
      // Without a bucket of its own the quarantine is this bucket's `quarantine/`.
      if (!ownQuarantine) verdicts.push(...quarantineVerdicts(rules, 'under quarantine/ of the bucket'))
      return verdicts
    },
    unreadable: (answer) =>
      answer.kind === 'unsupported'
        ? [
            {
              status: 'warn',
              text:
                `this store does not support lifecycle rules (GetBucketLifecycleConfiguration: ${answer.why}), so uploaded ` +
                `files are never deleted by the store: the API stops serving their records after DROPGATE_FILE_TTL, but their ` +
                `public URLs keep working. Delete objects under ${UPLOADS_PREFIX} older than ${days} day(s) with a scheduled job, ` +
                `or with the store's own expiry (${STORE_EXPIRY})`,
            },
          ]
        : [
            {
              status: 'warn',
              text:
                `these credentials may not read the bucket's lifecycle rules (${answer.why}): make sure, in the store's ` +
                `console, that objects under ${UPLOADS_PREFIX} expire after ${days} day(s)`,
            },
          ],
  }
}

/** Unchecked uploads left behind (never completed, or refused and not deleted) cost money, nothing else: warnings at most. */
function quarantineVerdicts(rules: readonly LifecycleRule[], where: string): Verdict[] {
  const { expirationDays } = lifecycleFor(STAGING_PREFIX, rules)
  if (expirationDays === undefined)
    return [
      {
        status: 'warn',
        text: `no rule expires unchecked uploads ${where}: those never completed are kept (and billed); run \`dropgate storage setup\``,
      },
    ]
  return [{ status: 'ok', text: `unchecked uploads ${where} expire after ${expirationDays} day(s)` }]
}

function quarantineLifecycleSetting(bucket: string): BucketSetting {
  const where = `in bucket "${bucket}"`
  return {
    topic: 'quarantine lifecycle',
    bucket,
    name: 'lifecycle',
    operation: 'GetBucketLifecycleConfiguration',
    where: `the quarantine bucket "${bucket}"`,
    document: (current) => quarantineLifecycleDocument(current),
    written: `written: unchecked uploads under ${STAGING_PREFIX} of "${bucket}" expire after 1 day, incomplete multipart uploads are aborted after 1 day (other rules kept)`,
    notTaken: 'this store does not support S3 lifecycle rules',
    elsewhere:
      `Expire objects under ${STAGING_PREFIX} of "${bucket}" after 1 day another way: the store's console or own expiry ` +
      `(${STORE_EXPIRY}), or a scheduled job that deletes older objects`,
    judge: (xml) => quarantineVerdicts(xml === undefined ? [] : parseLifecycle(xml).rules, where),
    unreadable: (answer) => [
      {
        status: 'warn',
        text:
          answer.kind === 'unsupported'
            ? `this store does not support lifecycle rules (GetBucketLifecycleConfiguration: ${answer.why}), so unchecked ` +
              `uploads never completed stay ${where}: delete objects under ${STAGING_PREFIX} older than 1 day with a ` +
              `scheduled job, or with the store's own expiry (${STORE_EXPIRY})`
            : `these credentials may not read the lifecycle rules of "${bucket}" (${answer.why}): make sure, in the ` +
              `store's console, that objects under ${STAGING_PREFIX} there expire after 1 day`,
      },
    ],
  }
}

/** Every setting `config` needs, in the order setup writes and check reads them. */
export function bucketSettings(config: Config): BucketSetting[] {
  if (config.storage.kind !== 's3') return []
  const { bucket, quarantineBucket } = config.storage.s3
  const origins = [...config.allowedOrigins]
  const settings = [
    cors(bucket, 'the bucket', 'CORS', origins),
    uploadsLifecycleSetting(bucket, config.fileTtl, quarantineBucket !== undefined),
  ]
  if (quarantineBucket !== undefined)
    settings.push(
      cors(quarantineBucket, `the quarantine bucket "${quarantineBucket}"`, 'quarantine CORS', origins),
      quarantineLifecycleSetting(quarantineBucket),
    )
  return settings
}

const possessive = (where: string) => (where === 'the bucket' ? "the bucket's" : `${where}'s`)
