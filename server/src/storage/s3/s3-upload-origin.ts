import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Marks the multipart uploads this server created itself (`StorageOperations.createMultipartUpload`),
 * so that promotion can tell them from any other object at a staging key.
 *
 * Why it matters (README "What a link serves"): Swift 2.30 cannot pin a copy to a multipart upload's
 * ETag (`<md5>-<parts>`), so such an upload used to be copied twice, once to a private key to check
 * it and once more to `uploads/`. An upload the server created is the only multipart upload its
 * staging key ever gets (no upload URL creates one, and the part URLs name its upload id), and once
 * completed no request can change it: S3 refuses parts and a second completion of a finished upload.
 * So it can be checked in place and copied once. The mark is a MAC of the staging key under a key
 * derived from the S3 secret (shared by every instance on the bucket, as the verified links' is), sent
 * as user metadata on CreateMultipartUpload: a browser cannot forge it, and an upload created any other
 * way (another tool, an older server's create URL) has none and takes the two-copy path.
 */

/** The metadata name (`x-amz-meta-<name>`), as `ObjectInfo.metadata` holds it. */
export const ORIGIN_METADATA = 'dropgate-origin'

export interface UploadOrigin {
  /** The header to send on CreateMultipartUpload for `stagingKey`. */
  headersFor(stagingKey: string): Record<string, string>
  /** Whether `metadata` (of the object at `stagingKey`) carries this server's mark for that key. */
  createdByServer(stagingKey: string, metadata: Readonly<Record<string, string>>): boolean
}

export function createUploadOrigin(secretAccessKey: string): UploadOrigin {
  const key = createHmac('sha256', secretAccessKey).update('dropgate multipart origin v1').digest()
  const markOf = (stagingKey: string) => createHmac('sha256', key).update(stagingKey).digest('base64url')
  return {
    headersFor: (stagingKey) => ({ [`x-amz-meta-${ORIGIN_METADATA}`]: markOf(stagingKey) }),
    createdByServer(stagingKey, metadata) {
      const presented = metadata[ORIGIN_METADATA]
      if (presented === undefined) return false
      const expected = Buffer.from(markOf(stagingKey))
      const given = Buffer.from(presented)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}
