import { familyOf, type ImageSize } from '@dropgate/core'
import { imageSize } from 'image-size'
import { parseFromTokenizer } from 'music-metadata'
import { RangedTokenizer, type ReadRange } from './ranged-tokenizer.js'

/**
 * What a file's own bytes say of its pixels and its length, for the media rules (@dropgate/core's
 * media-rules.ts). Pure: bytes in, numbers out; where the bytes come from (a stream's head, a store's
 * ranged reads) is the caller's (usecases/media-check.ts).
 *
 * - Images: `image-size` (PNG, JPEG with any APP segments before its SOF, WebP VP8/VP8L/VP8X, GIF,
 *   AVIF/HEIC, BMP, TIFF) reads the header only: a 30000 × 30000 PNG is measured, never decoded.
 * - Audio and video: `music-metadata` over a random-access tokenizer (ranged-tokenizer.ts), options
 *   that skip tags, covers and trailing headers: WAV, MP3 (Xing/Info/VBRI or CBR from its size), MP4,
 *   M4A and MOV (a `moov` after the `mdat` is reached by a seek), WebM/MKV, OGG, FLAC.
 */

/** What the rules measure of a type: pixels, a length, or nothing. */
export function measuredAs(type: string): 'image' | 'duration' | null {
  const family = familyOf(type)
  return family === 'image' ? 'image' : family === 'audio' || family === 'video' ? 'duration' : null
}

/** The pixel size in `bytes` (an image's first bytes), or null when they do not say it. */
export function imageSizeOf(bytes: Uint8Array): ImageSize | null {
  try {
    const { width, height } = imageSize(bytes)
    return width > 0 && height > 0 ? { width, height } : null
  } catch {
    return null // unknown format, or a header cut short
  }
}

/**
 * The length in seconds of the audio or video `size` bytes long that `read` gives ranges of, or null
 * when its container does not say (or saying it would take more than `budgetBytes` of reading). An
 * error thrown by `read` itself (a store that fails, a stream head that ends too soon) is thrown on:
 * that is not the file's fault, unless `partialOn` accepts it and the parser had already announced a
 * length (a WAV's, from its `data` chunk, before it looks past the samples): then that length comes
 * back with `final: false`, good for a refusal, to be confirmed on the whole file for a pass.
 * `sequential`: read front to back only (a stream's head; no look at the tail).
 */
export async function durationOf(
  read: ReadRange,
  size: number,
  mimeType: string,
  {
    budgetBytes,
    maxReads,
    partialOn,
    sequential = false,
  }: {
    budgetBytes?: number
    maxReads?: number
    partialOn?: (error: unknown) => boolean
    sequential?: boolean
  } = {},
): Promise<{ seconds: number | null; fetched: number; reads: number; final: boolean }> {
  let readFailure: { error: unknown } | null = null
  const tokenizer = new RangedTokenizer(
    async (start, end) => {
      try {
        return await read(start, end)
      } catch (error) {
        readFailure = { error }
        throw error
      }
    },
    {
      size,
      mimeType,
      randomAccess: !sequential,
      ...(budgetBytes !== undefined && { budgetBytes }),
      ...(maxReads !== undefined && { maxReads }),
    },
  )
  let announced: number | null = null
  try {
    const { format } = await parseFromTokenizer(tokenizer, {
      duration: false,
      skipCovers: true,
      skipPostHeaders: true,
      observer: ({ tag }) => {
        if (tag.type === 'format' && tag.id === 'duration' && isLength(tag.value)) announced = tag.value
      },
    })
    // music-metadata gives an MP4's length from its audio track; a video track's is in trackInfo.
    const found = [format.duration, ...format.trackInfo.map((track) => track.duration)].filter(isLength)
    if (readFailure) throw (readFailure as { error: unknown }).error
    return {
      seconds: found.length > 0 ? Math.max(...found) : null,
      fetched: tokenizer.fetched,
      reads: tokenizer.reads,
      final: true,
    }
  } catch {
    const failure = readFailure as { error: unknown } | null
    if (failure) {
      if (announced !== null && partialOn?.(failure.error))
        return { seconds: announced, fetched: tokenizer.fetched, reads: tokenizer.reads, final: false }
      throw failure.error
    }
    // The file's own fault: an unknown or broken container, or one that wants too much reading.
    return { seconds: null, fetched: tokenizer.fetched, reads: tokenizer.reads, final: true }
  }
}

const isLength = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0
