import { createHash } from 'node:crypto'
import { encodeKey } from '../encode-key.js'
import { type S3Client, S3RequestError } from './s3-client.js'
import { keepFirst } from './s3-guessed-put.js'
import {
  abortIncompleteUpload,
  type IncompleteUpload,
  listIncompleteUploads,
} from './s3-incomplete-uploads.js'
import { xmlRoot } from './s3-xml.js'

/**
 * What `dropgate storage check|setup` ask of an S3 store beyond serving uploads: bucket settings
 * (CORS, lifecycle) of either bucket, and probe objects sent as the store sees them. The CLI goes
 * through this, never through the S3 client: every call's failure is an S3RequestError, left as is
 * (the CLI words it; nothing here is an HTTP answer of the API).
 */

export type BucketSettingName = 'cors' | 'lifecycle'

/** What a bucket sub-resource GET (`?cors`, `?lifecycle`) says about the store's support for it. */
export type BucketSettingAnswer =
  | { kind: 'document'; xml: string }
  | { kind: 'none' }
  | { kind: 'unsupported'; why: string }
  /** The credentials may not read it (object-only keys, e.g. an R2 token scoped to objects). */
  | { kind: 'denied'; why: string }

/** S3's root element of each setting's document, and its error code when the bucket has none. */
const DOCUMENTS: Record<BucketSettingName, { root: string; none: string }> = {
  cors: { root: 'CORSConfiguration', none: 'NoSuchCORSConfiguration' },
  lifecycle: { root: 'LifecycleConfiguration', none: 'NoSuchLifecycleConfiguration' },
}

export interface S3BucketAdmin {
  readonly endpoint: string
  /** The main bucket, and S3_QUARANTINE_BUCKET when unchecked uploads have a bucket of their own. */
  readonly buckets: { readonly main: string; readonly quarantine: string | undefined }
  /** Lists at most one key of the main bucket: credentials, bucket name and region in one call. */
  listOne(): Promise<void>
  readSetting(bucket: string, name: BucketSettingName): Promise<BucketSettingAnswer>
  /** Replaces the setting's whole document (S3 requires Content-MD5 on both PUTs). */
  writeSetting(bucket: string, name: BucketSettingName, xml: string): Promise<void>
  /** PUTs a small object in its key's bucket; its status, where one of `answers` is not an error. */
  putObject(
    key: string,
    body: Uint8Array,
    headers: Record<string, string>,
    answers?: readonly number[],
  ): Promise<number>
  deleteObject(key: string): Promise<void>
  /** Cuts an object to its first `length` bytes within the store (UploadPartCopy), as multipart mode does. */
  keepFirstBytes(key: string, length: number, contentType: string): Promise<void>
  /** The object's URL at the S3 endpoint (in its key's bucket), unsigned: what anyone could try. */
  endpointUrl(key: string): string
  incompleteUploads(prefix: string, pageSize?: number): AsyncIterable<IncompleteUpload>
  /** Aborts one of them: 'gone' when the store no longer has it (completed or aborted meanwhile). */
  abortUpload(upload: IncompleteUpload): Promise<'aborted' | 'gone'>
}

export function createBucketAdmin(client: S3Client): S3BucketAdmin {
  const { settings } = client
  return {
    endpoint: settings.endpoint,
    buckets: { main: settings.bucket, quarantine: settings.quarantineBucket },

    async listOne() {
      await client.send({ method: 'GET', query: { 'list-type': '2', 'max-keys': '1' } })
    },

    async readSetting(bucket, name) {
      const { root, none } = DOCUMENTS[name]
      try {
        const answer = await client.send({ method: 'GET', bucket, query: { [name]: '' } })
        const text = answer.text()
        const found = xmlRoot(text)
        if (found === root) return { kind: 'document', xml: text }
        // Swift's s3api ignores ?lifecycle and lists the bucket instead.
        return {
          kind: 'unsupported',
          why: `it answered ${found ? `a ${found} document` : 'something else'} instead`,
        }
      } catch (error) {
        if (!(error instanceof S3RequestError) || error.unavailable) throw error
        if (error.code === none) return { kind: 'none' }
        if (error.status === 501 || error.status === 405 || error.code === 'NotImplemented')
          return { kind: 'unsupported', why: `it answered ${error.detail}` }
        if (error.status === 403) return { kind: 'denied', why: `it answered ${error.detail}` }
        throw error
      }
    },

    async writeSetting(bucket, name, xml) {
      await client.send({
        method: 'PUT',
        bucket,
        query: { [name]: '' },
        headers: {
          'content-type': 'application/xml',
          'content-md5': createHash('md5').update(xml).digest('base64'),
        },
        body: xml,
      })
    },

    async putObject(key, body, headers, answers = []) {
      const answer = await client.send({ method: 'PUT', key, headers, body, accept: answers })
      return answer.status
    },

    async deleteObject(key) {
      await client.send({ method: 'DELETE', key, accept: [404] })
    },

    async keepFirstBytes(key, length, contentType) {
      await keepFirst(client, key, { 'content-type': contentType }, length)
    },

    endpointUrl(key) {
      return `${settings.endpoint}/${encodeURIComponent(client.bucketOf(key))}/${encodeKey(key)}`
    },

    incompleteUploads(prefix, pageSize) {
      return listIncompleteUploads(client, prefix, { ...(pageSize !== undefined && { pageSize }) })
    },
    abortUpload: (upload) => abortIncompleteUpload(client, upload),
  }
}
