// @vitest-environment happy-dom

import { DEFAULT_CAPS } from '@dropgate/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createUploader, type Uploader } from './create-uploader.js'
import { png } from './test-fixtures.js'

const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)
const policy: Record<string, unknown> = {
  types: {
    image: { maxBytes: 1000, mimeTypes: ['image/png', 'image/jpeg'] },
    video: { maxBytes: 10_000, mimeTypes: ['video/mp4'] },
  },
  multipart: { threshold: 5000, basePartSize: 5 * 1024 * 1024, maxParts: 10_000 },
}

const fakeFetch = vi.fn(async (input: string | URL | Request) => {
  const url = String(input)
  if (url.endsWith('/api/v1/policy')) {
    return new Response(JSON.stringify({ code: 200, msg: 'success', data: policy }), { status: 200 })
  }
  return new Response(JSON.stringify({ code: 500, msg: 'unexpected in this test' }), { status: 500 })
}) as unknown as typeof fetch

/** Every request the fake saw, as `METHOD url`. */
const sent = () =>
  (vi.mocked(fakeFetch).mock.calls as unknown as [string, RequestInit | undefined][]).map(
    ([url, init]) => `${init?.method ?? 'GET'} ${url}`,
  )

let uploader: Uploader | undefined
afterEach(() => uploader?.destroy())

/** An uploader and a promise that settles once it has applied the server's policy (its onPolicy seam). */
function createWithPolicy(options: Parameters<typeof createUploader>[0]) {
  let applied = () => {}
  let spoken = () => {}
  const policy = new Promise<void>((resolve) => {
    applied = resolve
  })
  const locale = new Promise<void>((resolve) => {
    spoken = resolve
  })
  // Ready once the policy is applied and the locale's pack is loaded (both on demand).
  const policyApplied = Promise.all([policy, locale])
  return {
    uploader: createUploader(options, { onPolicy: () => applied(), onLocale: () => spoken() }),
    policyApplied,
  }
}

describe('createUploader (headless, in a DOM)', () => {
  it('refuses files before any request, with a reason and a translated message', async () => {
    const created = createWithPolicy({
      endpoint: 'https://up.test',
      token: 't',
      multiple: true,
      locale: 'es',
      fetch: fakeFetch,
    })
    uploader = created.uploader
    const rejected = vi.fn()
    uploader.on('dropgate:rejected', rejected)
    await created.policyApplied
    uploader.addFiles([
      new File([PNG], 'ok.png', { type: 'image/png' }),
      new File(['<!doctype html><script>alert(1)</script>'], 'evil.png', { type: 'image/png' }),
      new File([new Uint8Array(2000)], 'big.jpg', { type: 'image/jpeg' }),
      new File(['%PDF-1.7'], 'doc.pdf', { type: 'application/pdf' }),
    ])
    // Size and type are refused as the files are added; content once the first bytes are read.
    await vi.waitFor(() => expect(rejected).toHaveBeenCalledTimes(3))
    expect(rejected.mock.calls.map(([d]) => [d.name, d.reason])).toEqual([
      ['big.jpg', 'size'],
      ['doc.pdf', 'type'],
      ['evil.png', 'content'],
    ])
    expect(rejected.mock.calls[0]?.[0].message).toBe(
      'No se añadió big.jpg: el límite para imágenes es 1000 B.',
    )
    // Only the policy was fetched (and the signer's routes cleared: preflight-warm.ts): nothing was
    // signed for the refused files.
    expect(sent().filter((call) => !call.startsWith('OPTIONS '))).toEqual([
      'GET https://up.test/api/v1/policy',
    ])
    expect(uploader.pending).toBe(true)
  })

  it("refuses an image under the server's media rules, narrowed by the page's, before any request", async () => {
    policy.media = { image: { minSide: 2, maxPixels: 268402689 }, duration: {} }
    try {
      const created = createWithPolicy({
        endpoint: 'https://up.test',
        token: 't',
        multiple: true,
        locale: 'pt-BR',
        mediaRules: { image: { maxAspect: 4 } },
        fetch: fakeFetch,
      })
      uploader = created.uploader
      const rejected = vi.fn()
      uploader.on('dropgate:rejected', rejected)
      await created.policyApplied
      uploader.addFiles([
        new File([png(1, 1)], 'tiny.png', { type: 'image/png' }),
        new File([png(500, 100, { pixels: false })], 'faixa.png', { type: 'image/png' }),
        new File([png(8, 8)], 'ok.png', { type: 'image/png' }),
      ])
      await vi.waitFor(() => expect(rejected).toHaveBeenCalledTimes(2))
      expect(rejected.mock.calls.map(([d]) => [d.name, d.reason, d.message])).toEqual([
        ['tiny.png', 'dimensions', 'tiny.png tem 1 × 1 px; são necessários pelo menos 2 × 2 px.'],
        [
          'faixa.png',
          'dimensions',
          'faixa.png tem 500 × 100 px; o lado maior pode ter no máximo 4 vezes o lado menor.',
        ],
      ])
      expect(sent()).not.toContain('POST https://up.test/api/v1/files')
    } finally {
      delete policy.media
    }
  })

  it("holds no default size cap against a file added before the server's policy, which allows more", async () => {
    // The server allows images of twice the default cap; its policy answer is held until the file is in.
    const wider = {
      ...policy,
      types: { image: { maxBytes: 2 * DEFAULT_CAPS.image, mimeTypes: ['image/png'] } },
    }
    let answerPolicy = () => {}
    const policyHeld = new Promise<void>((resolve) => {
      answerPolicy = resolve
    })
    const calls: string[] = []
    const heldFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input)
      calls.push(`${init?.method ?? 'GET'} ${url}`)
      if (url.endsWith('/api/v1/policy')) {
        await policyHeld
        return new Response(JSON.stringify({ code: 200, msg: 'success', data: wider }), { status: 200 })
      }
      return new Response(JSON.stringify({ code: 503, msg: 'Storage is unavailable, try again shortly' }), {
        status: 503,
      })
    }) as typeof fetch
    uploader = createUploader({ endpoint: 'https://up.test', token: 't', fetch: heldFetch })
    const rejected = vi.fn()
    uploader.on('dropgate:rejected', rejected)
    const big = new Uint8Array(DEFAULT_CAPS.image + 1)
    big.set(png(4, 4))
    uploader.addFiles([new File([big], 'wide.png', { type: 'image/png' })])
    expect(rejected).not.toHaveBeenCalled()
    // The upload fails in the end (this fake store answers 503); what matters is that it was tried.
    const run = uploader.upload().catch(() => undefined)
    answerPolicy()
    // Checked again with the server's policy, it passes, and its upload is asked for
    // (as a multipart upload: the policy's threshold is 5000 B)
    await vi.waitFor(() => expect(calls).toContain('POST https://up.test/api/v1/uploads'))
    expect(rejected).not.toHaveBeenCalled()
    uploader.destroy()
    await run
  })

  it('renders into an open shadow root with its styles and a labelled region', async () => {
    const host = document.createElement('div')
    document.body.append(host)
    uploader = createUploader({
      endpoint: 'https://up.test',
      token: 't',
      inline: true,
      target: host,
      fetch: fakeFetch,
    })
    const root = host.shadowRoot
    expect(root).not.toBeNull()
    expect(root?.querySelector('style')?.textContent).toContain(':host')
    expect(root?.querySelector('.dg-root')?.getAttribute('aria-label')).toBe('File upload')
    uploader.destroy()
    expect(root?.querySelector('.dg-root')).toBeNull()
    host.remove()
  })

  it('fails fast on bad options', () => {
    expect(() => createUploader({ endpoint: '', fetch: fakeFetch })).toThrowError(
      'Dropgate: endpoint is required; one of token, getToken or publishableKey is required',
    )
  })
})
