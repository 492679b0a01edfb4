import { randomBytes } from 'node:crypto'
import type { S3Settings } from '../config.js'
import { STAGING_PREFIX } from '../core/keys.js'
import type { S3Storage } from '../storage/s3/index.js'
import { describeFailure, fetchPublic, type Status } from './check-findings.js'

/**
 * What `storage check` says of the quarantine (README "What a link serves"), with two probes:
 * - Unchecked uploads wait under `quarantine/` (or in S3_QUARANTINE_BUCKET): the public domain must not
 *   serve them, or whoever uploaded one could share its URL before any check ran. R2's public domains
 *   serve a whole bucket, so there a private quarantine bucket is the way.
 * - Conditional writes (`If-None-Match: *` on a PUT to a key that exists): AWS S3 and R2 refuse with
 *   412; Swift 2.30 answers 501. Probed on PutObject; the copies out of quarantine send the header too
 *   and learn on their first try whether the store takes it there. Nothing depends on them: reported,
 *   never a failure.
 */
export async function checkQuarantine(
  storage: S3Storage,
  settings: S3Settings,
  timeoutMs: number,
  add: (status: Status, topic: string, text: string) => void,
): Promise<void> {
  const key = `${STAGING_PREFIX}.dropgate-check/${randomBytes(8).toString('hex')}.txt`
  const probe = Buffer.from('dropgate quarantine probe\n')
  const where = settings.quarantineBucket
    ? `bucket "${settings.quarantineBucket}"`
    : `${STAGING_PREFIX} of the bucket`
  try {
    await storage.admin.putObject(key, probe, { 'content-type': 'text/plain' })
  } catch (error) {
    add(
      'fail',
      'quarantine',
      `storing a probe in the ${where} failed: ${describeFailure(error, settings.endpoint)}`,
    )
    return
  }
  try {
    // Without a bucket of its own the quarantine is readable wherever the public domain reads the main
    // bucket. A quarantine bucket's public domain, if it had one, is unknown here: its S3 endpoint is
    // what can be tried anonymously.
    const { quarantineBucket } = settings
    const url = quarantineBucket ? storage.admin.endpointUrl(key) : storage.publicUrl(key)
    const served = await fetchPublic(url, timeoutMs)
    if (served.ok && Buffer.compare(served.body, probe) === 0)
      add(
        'warn',
        'quarantine',
        `${url} serves an unchecked upload to anyone: unchecked uploads must not be public (R2, whose ` +
          'public domains serve a whole bucket: set S3_QUARANTINE_BUCKET to a private bucket; S3: a bucket ' +
          'policy on uploads/* only)',
      )
    else
      add(
        'ok',
        'quarantine',
        `unchecked uploads wait in the ${where}; ${url} does not serve them (${served.why})` +
          (quarantineBucket ? '; give that bucket no public domain' : ''),
      )
    const again = await storage.admin.putObject(
      key,
      probe,
      { 'content-type': 'text/plain', 'if-none-match': '*' },
      [412, 501, 400],
    )
    add(
      'ok',
      'conditional writes',
      again === 412
        ? 'the store honours If-None-Match: * (a copy out of quarantine never replaces a public object)'
        : `the store does not honour If-None-Match: * (answered ${again}); nothing depends on it`,
    )
  } finally {
    await storage.admin.deleteObject(key).catch(() => {})
  }
}
