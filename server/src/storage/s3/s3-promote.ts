import { uploadChanged } from '../storage-errors.js'
import { type S3Client, S3RequestError } from './s3-client.js'
import { MAX_PUT_SIZE } from './s3-guessed-put.js'
import { checkAnswerRoot, completeUpload, copyPart, copySource, createUpload } from './s3-multipart-steps.js'

/**
 * Moves a checked upload out of quarantine: a copy within the store (the bytes never pass through the
 * server), pinned to the version that was checked, then the staged object is deleted.
 *
 * Rules followed:
 * - S3 CopyObject copies objects up to 5 GiB; larger ones are copied as an S3 multipart upload of
 *   UploadPartCopy ranges (each part 5 MiB to 5 GiB).
 * - `x-amz-copy-source-if-match`: S3 answers 412 when the source is no longer that version (someone
 *   PUT the staged key again after the check), so a swap between check and copy is never promoted.
 * - Conditional writes (`If-None-Match: *`, AWS S3 and R2): the copy never replaces an object already
 *   at the public key. Stores that do not implement them (Swift 2.30 answers 501) get the copy without
 *   it, remembered per process. Without them no unchecked byte is ever promoted (no upload URL
 *   points at the public key, and usecases/resolve-upload.ts looks for a live object first); only two
 *   promotions racing, both of checked versions, can leave the later one in place.
 * - CopyObject "can return 200 OK with an error in the body": the answer is checked.
 */

export interface Promoter {
  promote(staged: string, key: string, checked: { etag: string; size: number }): Promise<Promoted>
}

/**
 * Done (`pinned`), or, where no copy could be pinned to the checked version, a copy of the staged
 * object at `copy`, still in quarantine: check it, then promote it (it can be pinned).
 */
export type Promoted = { pinned: true } | { pinned: false; copy: string }

/** Where an unpinnable staged object is copied to be checked again, within the quarantine. */
const RECHECK_SUFFIX = '.recheck'

/** A multipart upload's ETag: the MD5 of its parts' MD5s, a dash, the part count. */
const MULTIPART_ETAG = /-\d+"?$/

/**
 * Largest part of a multipart copy. S3 allows 5 GiB; 1 GiB keeps each copy request's wait bounded
 * (the store answers a copy only once it is done).
 */
const COPY_PART_SIZE = 1024 * 1024 * 1024

/**
 * A copy's deadline: the store answers once the bytes are copied, so the usual 5 s deadline would cut
 * off any large file. 5 s plus a second per 20 MiB (a store copying at least that fast).
 */
function copyDeadline(bytes: number): number {
  return 5000 + Math.ceil(bytes / (20 * 1024 * 1024)) * 1000
}

export function createPromoter(client: S3Client): Promoter {
  let conditional: boolean | null = null

  async function copyWhole(
    staged: string,
    key: string,
    size: number,
    etag: string | null,
    ifNoneMatch: boolean,
  ) {
    const answer = await client.send({
      timeoutMs: copyDeadline(size),
      method: 'PUT',
      key,
      headers: {
        'x-amz-copy-source': copySource(client, staged),
        ...(etag !== null && { 'x-amz-copy-source-if-match': etag }),
        ...(ifNoneMatch && { 'if-none-match': '*' }),
      },
      accept: [412, 501],
      maxBodyBytes: 64 * 1024,
    })
    if (answer.status === 200)
      checkAnswerRoot(
        answer.text(),
        'CopyObjectResult',
        `PUT /${client.bucketOf(key)}/${key} (copy)`,
        'BadCopyAnswer',
      )
    return answer.status
  }

  async function copyInParts(staged: string, key: string, checked: { etag: string; size: number }) {
    const source = await client.send({ method: 'HEAD', key: staged })
    const headers: Record<string, string> = { 'content-type': source.headers.get('content-type') ?? '' }
    for (const [name, value] of source.headers) if (name.startsWith('x-amz-meta-')) headers[name] = value
    const uploadId = await createUpload(client, key, headers)
    try {
      const etags: string[] = []
      for (let start = 0, part = 1; start < checked.size; start += COPY_PART_SIZE, part++) {
        const end = Math.min(start + COPY_PART_SIZE, checked.size) - 1
        etags.push(
          await copyPart(client, key, uploadId, part, {
            source: staged,
            range: `bytes=${start}-${end}`,
            ifMatch: checked.etag,
            timeoutMs: copyDeadline(end - start + 1),
          }),
        )
      }
      await completeUpload(client, key, uploadId, etags)
    } catch (error) {
      await client.send({ method: 'DELETE', key, query: { uploadId }, accept: [404] }).catch(() => {})
      if (error instanceof S3RequestError && error.status === 412) throw uploadChanged()
      throw error
    }
  }

  return {
    async promote(staged, key, checked) {
      if (checked.size > MAX_PUT_SIZE) await copyInParts(staged, key, checked)
      else {
        const copy = async (etag: string | null) => {
          // Whether *this* request sends the condition, read once: promotions run side by side (a
          // batch `complete`), and another may learn the store's 501 while this one is in flight.
          const sentCondition = conditional !== false
          let status = await copyWhole(staged, key, checked.size, etag, sentCondition)
          if (status === 501 && sentCondition) {
            conditional = false
            status = await copyWhole(staged, key, checked.size, etag, false)
          } else if (status !== 501 && sentCondition && conditional === null) conditional = true
          if (status === 501) throw new S3RequestError('refused', `PUT ${key} (copy)`, '501 Not Implemented')
          return status
        }
        if ((await copy(checked.etag)) === 412) {
          // The public object exists already (a copy that raced this one: done), or the staged one is
          // not the version that was checked, or the store cannot match a multipart upload's ETag
          // ("<md5>-<parts>") on a copy source (Swift 2.30 answers 412 to every such copy). Then the
          // staged object is copied, unpinned, to a key of its own still in quarantine: a single
          // object, whose ETag a copy can match. The caller checks that copy and promotes it.
          const live = await client.send({ method: 'HEAD', key, accept: [404] })
          if (live.status === 404) {
            if (!MULTIPART_ETAG.test(checked.etag)) throw uploadChanged()
            // A recheck copy is written by this server alone (no upload URL names it): unpinned is safe.
            // The staged upload itself is not, even one the server created: on Swift 2.30 a completed
            // upload's id still takes part PUTs and a second CompleteMultipartUpload with another part
            // list, which can swap the object between its check and a copy (README "What it costs").
            if (staged.endsWith(RECHECK_SUFFIX)) {
              if ((await copy(null)) !== 200) throw uploadChanged()
              await client.send({ method: 'DELETE', key: staged, accept: [404] })
              return { pinned: true }
            }
            const copyKey = `${staged}${RECHECK_SUFFIX}`
            const status = await copyWhole(staged, copyKey, checked.size, null, false)
            if (status !== 200) throw uploadChanged()
            // The staged object stays until the copy is promoted: a failure on the way is retried by
            // the next read, from the upload itself.
            return { pinned: false, copy: copyKey }
          }
        }
      }
      await client.send({ method: 'DELETE', key: staged, accept: [404] })
      return { pinned: true }
    },
  }
}
