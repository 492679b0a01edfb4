import { sendChunks } from '@dropgate/testkit'
import { mp4 } from './media.js'

/**
 * A multipart/form-data body generated on the fly: a valid MP4 start, then `size` bytes in all,
 * sent in 1 MiB chunks, so a test can upload hundreds of MiB without holding them in its own memory.
 * `fileAfter` adds a second file part of that many bytes after the video (what a form with two file
 * inputs sends). `length` is the exact body length, for a request that declares it as browsers do.
 */
export function videoFormChunks(
  size: number,
  { boundary = `----dropgate${Date.now()}`, fileAfter = 0 }: { boundary?: string; fileAfter?: number } = {},
) {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  )
  const second = Buffer.from(
    `\r\n--${boundary}\r\nContent-Disposition: form-data; name="other"; filename="other.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const start = mp4(0)
  const chunk = Buffer.alloc(1024 * 1024, 0x61)
  function* bytes(count: number): Generator<Buffer> {
    for (let sent = 0; sent < count; sent += chunk.length)
      yield chunk.subarray(0, Math.min(chunk.length, count - sent))
  }
  function* chunks(): Generator<Buffer> {
    yield head
    yield start
    yield* bytes(size - start.length)
    if (fileAfter > 0) {
      yield second
      yield* bytes(fileAfter)
    }
    yield tail
  }
  const length = head.length + size + (fileAfter > 0 ? second.length + fileAfter : 0) + tail.length
  return { chunks, length, contentType: `multipart/form-data; boundary=${boundary}` }
}

/** The same body as a web stream of unknown length (fetch sends it chunked). */
export function streamedVideoForm(size: number, boundary = `----dropgate${Date.now()}`) {
  const { chunks, contentType } = videoFormChunks(size, { boundary })
  const iterator = chunks()
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
  })
  return { body, contentType }
}

/** POSTs the form with its declared Content-Length (fetch cannot declare one for a streamed body). */
export async function postWithLength(
  url: string,
  headers: Record<string, string>,
  body: { chunks: () => Iterable<Uint8Array>; length: number },
): Promise<{ status: number; json: unknown }> {
  const sent = await sendChunks(url, 'POST', { ...headers, 'content-length': body.length }, body.chunks())
  try {
    return { status: sent.status, json: JSON.parse(sent.body) }
  } catch {
    return { status: sent.status, json: sent.body }
  }
}
