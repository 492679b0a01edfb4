import { mp4 } from './media.js'

/**
 * A multipart/form-data body generated on the fly: a valid MP4 start, then `size` bytes in all,
 * sent in 1 MiB chunks, so a test can upload hundreds of MiB without holding them in its own memory.
 */
export function streamedVideoForm(size: number, boundary = `----dropgate${Date.now()}`) {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const start = mp4(0)
  const chunk = Buffer.alloc(1024 * 1024, 0x61)
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head)
      controller.enqueue(start)
      sent = start.length
    },
    pull(controller) {
      if (sent >= size) {
        controller.enqueue(tail)
        controller.close()
        return
      }
      const next = chunk.subarray(0, Math.min(chunk.length, size - sent))
      sent += next.length
      controller.enqueue(next)
    },
  })
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}
