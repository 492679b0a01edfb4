import { createHash } from 'node:crypto'
import type { Config } from '../config.js'
import { createS3Storage, S3RequestError, type S3Storage } from '../storage/s3/index.js'
import { CORS_METHODS, corsDocument, expiryDays, lifecycleDocument, UPLOADS_PREFIX } from './bucket-config.js'
import { describeFailure, type Finding, readSubresource, type Status } from './storage-check.js'

/**
 * `dropgate storage setup`: writes the bucket's CORS rules (the allowed origins may PUT/POST/DELETE/
 * GET/HEAD with any header, ETag exposed) and lifecycle rules (objects under `uploads/` expire after
 * DROPGATE_FILE_TTL in whole days; incomplete multipart uploads are aborted after a day), keeping the
 * bucket's other rules. Each setting is read first: a store that does not support it (Swift's s3api
 * ignores `?lifecycle` and would take a PUT of it for a bucket creation) is told apart and never
 * written to, and the finding says what to do instead.
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
  const origins = [...config.allowedOrigins]
  const days = expiryDays(config.fileTtl)

  // CORS
  try {
    if (origins.length === 0) {
      add('warn', 'CORS', 'not written: DROPGATE_ALLOWED_ORIGINS is empty, so no browser origin needs it')
    } else {
      const current = await readSubresource(storage, 'cors', 'CORSConfiguration', 'NoSuchCORSConfiguration')
      if (current.kind === 'unsupported' || current.kind === 'denied')
        add(
          'warn',
          'CORS',
          `not written: ${current.kind === 'denied' ? 'these credentials may not read or change bucket settings' : 'this store does not support S3 bucket CORS rules'} (GetBucketCors: ${current.why}). ` +
            `Allow ${origins.join(', ')} in the store's own configuration instead (Swift: cors_allow_origin and ` +
            'cors_expose_headers in proxy-server.conf, s3api cors_preflight_allow_origin; MinIO: MINIO_API_CORS_ALLOW_ORIGIN; ' +
            "R2: the bucket's CORS policy in the dashboard), with methods GET/PUT/POST/DELETE/HEAD, any header, exposing ETag",
        )
      else {
        await putSubresource(
          storage,
          'cors',
          corsDocument(origins, current.kind === 'document' ? current.xml : ''),
        )
        add(
          'ok',
          'CORS',
          `written: ${origins.join(', ')} may ${CORS_METHODS.join('/')} with any header; ETag is exposed (rule "dropgate"; other rules kept)`,
        )
      }
    }
  } catch (error) {
    add('fail', 'CORS', `not written: ${refusal(error, endpoint)}`)
  }

  // Lifecycle
  try {
    const current = await readSubresource(
      storage,
      'lifecycle',
      'LifecycleConfiguration',
      'NoSuchLifecycleConfiguration',
    )
    if (current.kind === 'unsupported' || current.kind === 'denied')
      add(
        'warn',
        'lifecycle',
        `not written: ${current.kind === 'denied' ? 'these credentials may not read or change bucket settings' : 'this store does not support S3 lifecycle rules'} (GetBucketLifecycleConfiguration: ${current.why}). ` +
          `Expire objects under ${UPLOADS_PREFIX} after ${days} day(s) another way: the store's console or own expiry ` +
          '(Swift: the object expirer, X-Delete-After through its native API), or a scheduled job that deletes older objects',
      )
    else {
      await putSubresource(
        storage,
        'lifecycle',
        lifecycleDocument(days, current.kind === 'document' ? current.xml : ''),
      )
      add(
        'ok',
        'lifecycle',
        `written: objects under ${UPLOADS_PREFIX} expire after ${days} day(s) (DROPGATE_FILE_TTL rounded up to whole days); ` +
          'incomplete multipart uploads are aborted after 1 day (other rules kept)',
      )
    }
  } catch (error) {
    add('fail', 'lifecycle', `not written: ${refusal(error, endpoint)}`)
  }
  return findings
}

/** S3 requires Content-MD5 on PutBucketCors and PutBucketLifecycleConfiguration. */
async function putSubresource(storage: S3Storage, name: 'cors' | 'lifecycle', xml: string): Promise<void> {
  await storage.client.send({
    method: 'PUT',
    query: { [name]: '' },
    headers: {
      'content-type': 'application/xml',
      'content-md5': createHash('md5').update(xml).digest('base64'),
    },
    body: xml,
  })
}

function refusal(error: unknown, endpoint: string): string {
  if (error instanceof S3RequestError && error.kind === 'refused' && error.status === 403)
    return `the store refused (${error.detail}); use credentials allowed to change bucket settings, or set it in the store's console`
  return describeFailure(error, endpoint)
}
