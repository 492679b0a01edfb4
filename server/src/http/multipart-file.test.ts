import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { boundaryOf, placeInBody, receiveFile } from './multipart-file.js'

const B = 'dropgate-test-boundary'
const fileHead = (name = 'file') =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`
const field = (name: string, value: string) =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
const close = `\r\n--${B}--\r\n`

/** What the route learns of the file: the length guessed once its first bytes are in, and the real one. */
async function guessFor(chunks: (string | Uint8Array)[], { declareLength = true } = {}) {
  const app = new Hono()
  app.post('/', async (c) => {
    const seen = await receiveFile(
      c,
      { field: 'file', maxBytes: 1 << 30, deadlines: { idleMs: 30_000 } },
      async (file) => {
        let guess: number | null | undefined
        let length = 0
        for await (const chunk of file.stream as AsyncIterable<Uint8Array>) {
          guess ??= file.lengthHint?.lengthIfLast?.() ?? null
          length += chunk.length
        }
        return { guess: guess ?? null, length, hinted: file.lengthHint !== undefined }
      },
    )
    return c.json(seen)
  })
  const parts = chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new Uint8Array(part))
      controller.close()
    },
  })
  const answer = await app.request('/', {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${B}`,
      ...(declareLength && { 'content-length': String(total) }),
    },
    body,
    duplex: 'half',
  } as RequestInit)
  return (await answer.json()) as { guess: number | null; length: number; hinted: boolean }
}

const data = (size: number) => Buffer.alloc(size, 0x5a)

describe('receiveFile: the length of a file that ends its form', () => {
  it('is exact for a form that ends with the file, as browsers and curl send it', async () => {
    expect(await guessFor([fileHead() + 'x'.repeat(1000) + close])).toEqual({
      guess: 1000,
      length: 1000,
      hinted: true,
    })
  })

  it('is exact when the file starts in a later chunk than its headers, across many chunks', async () => {
    const seen = await guessFor([fileHead(), data(70_000), data(70_000), data(5), close])
    expect(seen).toEqual({ guess: 140_005, length: 140_005, hinted: true })
  })

  it('is exact after fields that come before the file', async () => {
    const seen = await guessFor([field('title', 'hello'), fileHead(), data(3000), close])
    expect(seen).toEqual({ guess: 3000, length: 3000, hinted: true })
  })

  it('over-guesses by what follows the file when fields come after it', async () => {
    const after = field('title', 'hello')
    const seen = await guessFor([fileHead(), data(3000), `\r\n${after.slice(0, -2)}${close}`])
    expect(seen.length).toBe(3000)
    expect(seen.guess).toBe(3000 + `\r\n${after.slice(0, -2)}`.length)
  })

  it('under-guesses by 2 when the form closes without its final CRLF', async () => {
    const seen = await guessFor([fileHead(), data(3000), `\r\n--${B}--`])
    expect(seen).toEqual({ guess: 2998, length: 3000, hinted: true })
  })

  it('makes no guess when the body does not open with the boundary line (a preamble)', async () => {
    const seen = await guessFor([`a preamble\r\n${fileHead()}`, data(3000), close])
    expect(seen).toEqual({ guess: null, length: 3000, hinted: true })
  })

  it('gives no hint at all without a Content-Length', async () => {
    const seen = await guessFor([fileHead(), data(3000), close], { declareLength: false })
    expect(seen).toEqual({ guess: null, length: 3000, hinted: false })
  })
})

describe('boundaryOf', () => {
  it('reads the boundary parameter, quoted or not, wherever it is', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${B}`)).toBe(B)
    expect(boundaryOf('multipart/form-data; BOUNDARY="a b:c"; charset=utf-8')).toBe('a b:c')
    expect(boundaryOf('multipart/form-data;boundary=xyz ; charset=utf-8')).toBe('xyz')
  })

  it('is null without one, or with one it cannot read for sure', () => {
    expect(boundaryOf('multipart/form-data')).toBeNull()
    expect(boundaryOf('multipart/form-data; boundary="a\\"b"')).toBeNull()
    expect(boundaryOf('multipart/form-data; notboundary=x')).toBeNull()
  })
})

describe('placeInBody', () => {
  it("tells a view's place from the chunk it views, and nothing of a copy", () => {
    const first = Buffer.alloc(100)
    const second = Buffer.alloc(100)
    const recent = [
      { chunk: first, at: 0 },
      { chunk: second, at: 100 },
    ]
    expect(placeInBody(second.subarray(40, 60), recent)).toBe(140)
    expect(placeInBody(first.subarray(0, 100), recent)).toBe(0)
    expect(placeInBody(Buffer.from(second.subarray(40, 60)), recent)).toBeNull()
  })
})
