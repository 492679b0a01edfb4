import { randomBytes } from 'node:crypto'
import type { Config, S3Settings } from '../config.js'
import { STAGING_PREFIX } from '../core/keys.js'
import { createS3Storage, type S3Storage } from '../storage/s3/index.js'
import { UPLOADS_PREFIX } from './bucket-config.js'
import { bucketSettings } from './bucket-settings.js'
import { describeFailure, type Finding, fetchPublic, type Status } from './check-findings.js'
import { bucketFailure, checkCopy, checkIncompleteUploads, probeUpload } from './check-probes.js'
import { checkQuarantine } from './check-quarantine.js'
import { type CorsProbe, checkSetting } from './check-settings.js'

/**
 * `dropgate storage check`: is this S3 bucket ready for Dropgate? Each finding is one line in plain
 * words. It lists the bucket (credentials, bucket name, region), uploads a small probe object through
 * a presigned URL exactly as a client would, reads it back at its public URL, deletes it, then reads
 * the bucket settings setup writes (bucket-settings.ts: CORS and lifecycle, of S3_QUARANTINE_BUCKET
 * too when set), and counts multipart uploads left incomplete for over a day. This file is the order;
 * the probes are in check-probes.ts, the settings' check in check-settings.ts, the output in
 * check-report.ts.
 */

export type { Finding, Status }

export interface CheckOptions {
  /** Deadline of each store call, ms (default 5000). */
  timeoutMs?: number
  /** The clock incomplete uploads' ages are measured against (ms since the epoch). Default Date.now(). */
  now?: number
  /** Uploads per ListMultipartUploads page (default 1000). */
  uploadsPageSize?: number
}

export async function checkStorage(config: Config, options: CheckOptions = {}): Promise<Finding[]> {
  if (config.storage.kind !== 's3') throw new TypeError('checkStorage needs DROPGATE_STORAGE=s3 settings')
  const settings: S3Settings = config.storage.s3
  const timeoutMs = options.timeoutMs ?? 5000
  const storage = createS3Storage(settings, config.publicBaseUrl, { timeoutMs })
  const findings: Finding[] = []
  const add = (status: Status, topic: string, text: string) => {
    findings.push({ status, topic, text })
  }

  // 1. Credentials, bucket, region: one listing of at most one key.
  try {
    await storage.admin.listOne()
    add('ok', 'bucket', `credentials accepted; bucket "${settings.bucket}" listed`)
  } catch (error) {
    add('fail', 'bucket', bucketFailure(error, settings))
    return findings // nothing else can work
  }

  // 2. An upload through a presigned URL, as a client makes it; its public URL; its deletion.
  const probeKey = `${UPLOADS_PREFIX}.dropgate-check/${randomBytes(8).toString('hex')}.txt`
  const probe = Buffer.from(`dropgate storage check ${new Date().toISOString()}\n`)
  const origins = [...config.allowedOrigins]
  let etagExposedTo: string[] = []
  let probeStored = false
  try {
    const stored = await probeUpload(storage, probeKey, probe, origins)
    if (typeof stored === 'string') add('fail', 'upload URL', stored)
    else {
      probeStored = true
      etagExposedTo = stored.etagExposedTo
      add('ok', 'upload URL', `a presigned PUT stored a ${probe.length}-byte probe object (${probeKey})`)
      await checkPublicUrl(storage, probeKey, probe, timeoutMs, add)
    }
  } catch (error) {
    add('fail', 'upload URL', describeFailure(error, settings.endpoint))
  }
  if (probeStored) await checkCopy(storage, probeKey, add)
  try {
    await storage.admin.deleteObject(probeKey)
    add('ok', 'delete', 'the probe object was deleted (the server deletes files that fail checks)')
  } catch (error) {
    add('fail', 'delete', `deleting the probe object failed: ${describeFailure(error, settings.endpoint)}`)
  }

  // 2b. Where unchecked uploads wait, and whether the store takes conditional writes.
  await checkQuarantine(storage, settings, timeoutMs, add)

  // 3. The bucket settings `storage setup` writes: CORS for the browser origins, expiry of uploads.
  const corsProbe: CorsProbe = async (setting) => {
    // The main bucket's probe was sent above; a quarantine bucket gets one of its own (deleted after).
    if (setting.bucket === settings.bucket) return { key: probeKey, etagExposedTo }
    const key = `${STAGING_PREFIX}.dropgate-check/${randomBytes(8).toString('hex')}.txt`
    try {
      const stored = await probeUpload(storage, key, probe, origins)
      return typeof stored === 'string' ? stored : { key, etagExposedTo: stored.etagExposedTo }
    } finally {
      await storage.admin.deleteObject(key).catch(() => {})
    }
  }
  for (const setting of bucketSettings(config)) await checkSetting(storage, setting, origins, corsProbe, add)

  // 4. Abandoned multipart uploads.
  await checkIncompleteUploads(storage, options, add)
  return findings
}

async function checkPublicUrl(
  storage: S3Storage,
  key: string,
  probe: Buffer,
  timeoutMs: number,
  add: (status: Status, topic: string, text: string) => void,
) {
  const url = storage.publicUrl(key)
  const served = await fetchPublic(url, timeoutMs)
  if (served.ok && Buffer.compare(served.body, probe) === 0)
    add('ok', 'public URL', `DROPGATE_PUBLIC_BASE_URL serves it: ${url}`)
  else
    add(
      'fail',
      'public URL',
      `${url} ${served.why}; DROPGATE_PUBLIC_BASE_URL must be where the bucket's ` +
        "objects are publicly readable (R2: the bucket's public r2.dev URL or custom domain; " +
        'S3: a bucket policy allowing s3:GetObject on uploads/*, or a CDN in front)',
    )
}
