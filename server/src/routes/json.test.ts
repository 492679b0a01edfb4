import { describe, expect, it } from 'vitest'
import { DropgateError } from '../errors.js'
import { readJsonObject } from './json.js'

const request = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request('http://x/api/v1/files', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)

const refusal = async (run: Promise<unknown>) => {
  const error = await run.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DropgateError)
  return { status: (error as DropgateError).status, message: (error as DropgateError).message }
}

describe('readJsonObject', () => {
  it('reads a body of declared length whole', async () => {
    const body = JSON.stringify({ filename: 'a.png', contentType: 'image/png' })
    expect(await readJsonObject(request(body, { 'content-length': String(body.length) }))).toEqual({
      filename: 'a.png',
      contentType: 'image/png',
    })
  })

  it('refuses a declared length over 64 KB before reading it', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(70_000) })
    expect(await refusal(readJsonObject(request(body, { 'content-length': String(body.length) })))).toEqual({
      status: 413,
      message: 'JSON body too large (max 64KB)',
    })
  })

  it('holds a body of undeclared length to 64 KB as it streams', async () => {
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(40_000)}`)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunk)
      },
    })
    expect((await refusal(readJsonObject(request(endless)))).status).toBe(413)
  })

  it('answers Invalid JSON body for text that is not a JSON object', async () => {
    for (const body of ['not json', '[1,2]', 'null'])
      expect(await refusal(readJsonObject(request(body, { 'content-length': String(body.length) })))).toEqual(
        {
          status: 400,
          message: 'Invalid JSON body',
        },
      )
  })
})
