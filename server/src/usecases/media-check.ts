import {
  checkDuration,
  checkImageSize,
  hasDurationRule,
  hasImageRule,
  IMAGE_HEADER_READS,
  type MediaRules,
  narrowMediaRules,
} from '@dropgate/core'
import { durationOf, imageSizeOf, measuredAs } from '../core/media-probe.js'
import type { ReadRange } from '../core/ranged-tokenizer.js'
import { fail, mediaRefused } from '../errors.js'
import type { Caller } from '../http/auth.js'
import type { ObjectInfo, Storage } from '../storage/storage.js'

/**
 * The media rules (DROPGATE_IMAGE_*, DROPGATE_MEDIA_*_SECONDS, an upload token's `media`) applied to
 * a file's own bytes, the same for every route:
 *
 * - `checkStreamHead`: a file streaming in (multipart mode, the third compatible API), from its first
 *   bytes, before anything is stored. What its head cannot tell (an MP4 whose `moov` comes after its
 *   `mdat`, a length that depends on the file's size when the form does not tell it) is `later`:
 *   checked once stored, by
 * - `checkStoredMedia`: an object in the store, by ranged reads (`Storage.readRange`) of the version
 *   looked at: images the first 64 KiB (512 KiB when a JPEG's segments push its SOF further), audio
 *   and video what the container needs, its tail for a trailing `moov`; never the whole file.
 *
 * A refusal is a 400 of the error table (image_too_small, …, media_unreadable); a file whose value
 * cannot be read while a rule applies to it is refused as `media_unreadable` (a limit that cannot be
 * checked is not a limit). The pixel guard always applies to an image whose size is read; one whose
 * size is not found is refused only when another image rule (or a pixel guard of the operator's) is set.
 * A store that fails a read throws its own error (503), never a refusal.
 */

/** The server's rules, narrowed by the caller's upload token where it names any (core's narrowMediaRules). */
export function mediaRulesFor(server: MediaRules, caller: Caller): MediaRules {
  return caller.scope.media ? narrowMediaRules(server, caller.scope.media) : server
}

export const IMAGE_HEAD_BYTES = IMAGE_HEADER_READS
/** How much of a clip the stream check looks at before it leaves the rest to the stored check. */
export const DURATION_HEAD_BYTES = 64 * 1024
/** At most this much of a stored clip is read to find its length (a long film's `moov` fits). */
export const DURATION_READ_BUDGET = 4 * 1024 * 1024
/**
 * In at most this many ranged reads (store requests): the head, the tail, a large `moov` read front
 * to back in growing reads. A file that makes the parser jump around more is called unreadable.
 */
export const DURATION_MAX_READS = 8

const unreadable = (name: string, what: 'dimensions' | 'duration') => fail('media_unreadable', { name, what })

/** A stream's head ended where the parser wanted more: the stored object decides. */
class BeyondHead extends Error {}

export type HeadVerdict = 'passed' | 'later'

/**
 * Checks a file that streams in from its first bytes (`head`, at least as many as the stream had).
 * `length`: the file's whole length when the request tells it (a guess: the stored check runs again
 * if the stored size differs), else null. Throws a refusal, or says whether the stored object must be
 * checked too.
 */
export async function checkStreamHead(
  rules: MediaRules,
  type: string,
  name: string,
  head: Uint8Array,
  length: number | null,
  complete: boolean,
): Promise<HeadVerdict> {
  const kind = measuredAs(type)
  if (kind === 'image') {
    const size = imageSizeOf(head)
    if (!size) {
      if (!complete) return 'later'
      if (hasImageRule(rules)) throw unreadable(name, 'dimensions')
      return 'passed'
    }
    const refusal = checkImageSize(rules, name, size)
    if (refusal) throw mediaRefused(refusal)
    return 'passed'
  }
  if (kind !== 'duration' || !hasDurationRule(rules)) return 'passed'
  const total = complete ? head.length : length
  if (total === null) return 'later'
  const read: ReadRange = async (start, end) => {
    if (end >= head.length) throw new BeyondHead()
    return head.subarray(start, end + 1)
  }
  try {
    const partialOn = (error: unknown) => error instanceof BeyondHead
    const { seconds, final } = await durationOf(read, total, type, { partialOn, sequential: true })
    if (seconds === null) {
      if (complete) throw unreadable(name, 'duration')
      return 'later'
    }
    const refusal = checkDuration(rules, name, seconds)
    if (refusal) throw mediaRefused(refusal)
    return final ? 'passed' : 'later'
  } catch (error) {
    if (error instanceof BeyondHead) return 'later'
    throw error
  }
}

/** How many bytes a stream check wants to see first, for this type and these rules. */
export function headBytesFor(rules: MediaRules, type: string): number {
  const kind = measuredAs(type)
  if (kind === 'image') return IMAGE_HEAD_BYTES[0]
  if (kind === 'duration' && hasDurationRule(rules)) return DURATION_HEAD_BYTES
  return 0
}

/**
 * Checks a stored object (`info`, from its HEAD) by ranged reads pinned to its version. Throws a
 * refusal (the caller deletes the object) or the store's own error. Returns the bytes read.
 */
export async function checkStoredMedia(
  storage: Storage,
  info: ObjectInfo,
  rules: MediaRules,
  type = info.contentType,
  name = info.metadata.filename || 'The file',
): Promise<{ fetched: number }> {
  const read: ReadRange = async (start, end) => {
    const bytes = await storage.readRange(info.key, start, end, info.etag)
    if (!bytes) throw new StoredObjectGone()
    return bytes
  }
  return checkMediaBytes(read, info.size, rules, type, name)
}

/**
 * The same check on any `size` bytes `read` gives ranges of: a stored object's, or the embedded
 * store's file written but not yet in place (storage/local `check`).
 */
export async function checkMediaBytes(
  read: ReadRange,
  size: number,
  rules: MediaRules,
  type: string,
  name: string,
): Promise<{ fetched: number }> {
  const kind = measuredAs(type)
  if (kind === 'image') {
    let fetched = 0
    for (const bytes of IMAGE_HEAD_BYTES) {
      const head = await read(0, Math.min(size, bytes) - 1)
      fetched += head.length
      const measured = imageSizeOf(head)
      if (measured) {
        const refusal = checkImageSize(rules, name, measured)
        if (refusal) throw mediaRefused(refusal)
        return { fetched }
      }
      if (head.length >= size) break
    }
    if (hasImageRule(rules)) throw unreadable(name, 'dimensions')
    return { fetched }
  }
  if (kind !== 'duration' || !hasDurationRule(rules)) return { fetched: 0 }
  const { seconds, fetched } = await durationOf(read, size, type, {
    budgetBytes: DURATION_READ_BUDGET,
    maxReads: DURATION_MAX_READS,
  })
  if (seconds === null) throw unreadable(name, 'duration')
  const refusal = checkDuration(rules, name, seconds)
  if (refusal) throw mediaRefused(refusal)
  return { fetched }
}

/** The object went away between its HEAD and a read (deleted by a concurrent request). */
export class StoredObjectGone extends Error {}
