// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SignRequestInput } from './sign-request.js'
import { createDriver, type Driver, type DriverHooks, PART_CONCURRENCY } from './uppy-driver.js'

// The driver with the real Uppy and the (patched) @uppy/aws-s3 against a fake S3 behind a fake
// XMLHttpRequest, which records how many part PUTs are in flight at once and what is completed.

const MiB = 1024 * 1024
// S3's smallest part, which @uppy/aws-s3 enforces; 7 parts, the last one short.
const PART = 5 * MiB
const SIZE = 6 * PART + MiB
const PARTS = 7

/** What the fake store does with one attempt at a part: answer (after `ms`), refuse, or never answer. */
type Behaviour = { ms: number } | 'refuse' | 'hold'

class FakeStore {
  inFlight = 0
  maxInFlight = 0
  /** Every part PUT sent, in order, and which of them were aborted. */
  readonly partPuts: number[] = []
  readonly aborted: number[] = []
  /** ETags of the parts stored, bare; S3 quotes them in headers and XML. */
  readonly stored = new Map<number, string>()
  readonly other: string[] = []
  completed?: { partNumber: number; etag: string }[]
  behaviour: (partNumber: number, attempt: number) => Behaviour = (n) => ({ ms: 5 + (PARTS - n) * 3 })

  attempts = (n: number) => this.partPuts.filter((p) => p === n).length

  handle(xhr: FakeXhr, method: string, url: URL, body: unknown) {
    const partNumber = url.searchParams.get('partNumber')
    if (method === 'PUT' && partNumber) return this.part(xhr, Number(partNumber), (body as Blob).size)
    const uploadId = url.searchParams.has('uploadId')
    this.other.push(`${method} ${uploadId ? 'uploadId' : url.search}`)
    if (method === 'POST' && !uploadId)
      return xhr.answer(
        200,
        '<InitiateMultipartUploadResult><Key>k</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>',
      )
    if (method === 'GET') {
      const parts = [...this.stored].map(
        ([n, etag]) => `<Part><PartNumber>${n}</PartNumber><ETag>&quot;${etag}&quot;</ETag></Part>`,
      )
      return xhr.answer(200, `<ListPartsResult>${parts.join('')}</ListPartsResult>`)
    }
    if (method === 'POST') {
      this.completed = [
        ...String(body).matchAll(/<PartNumber>(\d+)<\/PartNumber><ETag>([^<]*)<\/ETag>/g),
      ].map(
        // S3 takes an ETag with or without its quotes (ListParts answers them quoted).
        (m) => ({ partNumber: Number(m[1]), etag: String(m[2]).replaceAll('"', '') }),
      )
      return xhr.answer(
        200,
        '<CompleteMultipartUploadResult><Location>https://s3.test/k</Location><Key>k</Key></CompleteMultipartUploadResult>',
      )
    }
    return xhr.answer(204, '')
  }

  part(xhr: FakeXhr, n: number, size: number) {
    this.partPuts.push(n)
    const behaviour = this.behaviour(n, this.attempts(n))
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    const settle = () => {
      this.inFlight--
      xhr.onAbort = undefined
    }
    xhr.onAbort = () => {
      settle()
      this.aborted.push(n)
    }
    if (behaviour === 'hold') return
    const timer = setTimeout(
      () => {
        settle()
        if (behaviour === 'refuse') return xhr.answer(403, '<Error><Code>AccessDenied</Code></Error>')
        xhr.upload.onprogress?.({ lengthComputable: true, loaded: size, total: size })
        this.stored.set(n, `etag-${n}`)
        xhr.answer(200, '', { etag: `"etag-${n}"` })
      },
      behaviour === 'refuse' ? 5 : behaviour.ms,
    )
    const abort = xhr.onAbort
    xhr.onAbort = () => {
      clearTimeout(timer)
      abort()
    }
  }
}

let store = new FakeStore()

class FakeXhr {
  readonly upload: {
    onprogress?: (event: { lengthComputable: boolean; loaded: number; total: number }) => void
  } = {}
  onload?: () => void
  onerror?: () => void
  onAbort?: () => void
  status = 0
  statusText = ''
  responseText = ''
  withCredentials = false
  responseType = ''
  #method = 'GET'
  #url = ''
  #headers: Record<string, string> = {}

  open(method: string, url: string) {
    this.#method = method
    this.#url = url
  }
  setRequestHeader() {}
  getResponseHeader(name: string) {
    return this.#headers[name.toLowerCase()] ?? null
  }
  send(body: unknown) {
    store.handle(this, this.#method, new URL(this.#url), body)
  }
  abort() {
    this.onAbort?.()
  }
  answer(status: number, text: string, headers: Record<string, string> = {}) {
    setTimeout(() => {
      this.status = status
      this.responseText = text
      this.#headers = headers
      this.onload?.()
    })
  }
}

const signRequest = async (request: SignRequestInput) => {
  const query = new URLSearchParams()
  if (request.uploadId) query.set('uploadId', request.uploadId)
  else query.set('uploads', '')
  if (request.partNumber !== undefined) query.set('partNumber', String(request.partNumber))
  return { method: request.method, url: `https://s3.test/${request.key}?${query}`, headers: {} }
}

let driver: Driver | undefined
afterEach(() => {
  driver?.destroy()
  driver = undefined
  vi.unstubAllGlobals()
})

function start(overrides: Partial<DriverHooks> = {}, size = SIZE) {
  store = new FakeStore()
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  const failures: unknown[] = []
  const hooks: DriverHooks = {
    admit: (file) => file.type,
    inspect: async (file) => file.type,
    objectKey: (id) => `key-${id.length}`,
    signRequest,
    // The server creates the upload (docs/API.md §2.5): recorded beside the store's requests.
    createMultipartUpload: async ({ key }) => {
      store.other.push('create (signer)')
      return { uploadId: 'u1', key }
    },
    useMultipart: (n) => n >= PART,
    partSize: () => PART,
    beforeRun: () => 'upload',
    started: () => {},
    stored: () => {},
    confirm: async () => 'https://files.test/clip.mp4',
    failed: (_id, error) => {
      failures.push(error)
      return { message: 'failed', resend: false }
    },
    failureMessage: () => 'failed',
    removed: () => {},
    completed: () => {},
    copyLink: () => {},
    modalClosed: () => {},
    filesAdded: () => {},
    changed: () => {},
    ...overrides,
  }
  driver = createDriver({
    inline: false,
    theme: 'light',
    locale: 'en',
    maxFiles: 10,
    pickerTypes: [],
    autoUpload: false,
    dialogLabel: 'File upload',
    listLabel: 'Files',
    hooks,
  })
  driver.addFiles([new File([new Uint8Array(size)], 'clip.mp4', { type: 'video/mp4' })])
  return { driver, failures }
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(condition()).toBe(true)
}

const inOrder = Array.from({ length: PARTS }, (_, i) => ({ partNumber: i + 1, etag: `etag-${i + 1}` }))

describe('uppy driver: the parts of one file', () => {
  it(`go up ${PART_CONCURRENCY} at a time, and are completed with their ETags in part order`, async () => {
    const { driver } = start()
    const result = await driver.upload()
    expect(result.successful).toHaveLength(1)
    expect(store.maxInFlight).toBe(PART_CONCURRENCY)
    // Later parts answer first (see the default behaviour), yet the list is in part order.
    expect(store.completed).toEqual(inOrder)
    expect([...store.partPuts].sort((a, b) => a - b)).toEqual(inOrder.map((p) => p.partNumber))
    // No CreateMultipartUpload from the browser: the signer created it; then only the completion.
    expect(store.other).toEqual(['create (signer)', 'POST uploadId'])
  })

  it('one refused part aborts the others in flight; a retry sends only what the store lacks', async () => {
    const { driver, failures } = start()
    store.behaviour = (n, attempt) => (n === 3 && attempt === 1 ? 'refuse' : n === 3 ? { ms: 5 } : 'hold')
    const first = await driver.upload()
    expect(first.failed).toHaveLength(1)
    expect(failures).toHaveLength(1)
    expect(String(failures[0])).toContain('403')
    // Parts 1, 2 and 4 were in flight with 3 and were aborted; nothing started after the failure.
    expect([...store.aborted].sort()).toEqual([1, 2, 4])
    expect(store.inFlight).toBe(0)
    expect(store.partPuts).toHaveLength(4)
    expect(store.completed).toBeUndefined()

    store.behaviour = (n) => ({ ms: 5 + (PARTS - n) * 3 })
    store.stored.set(2, 'etag-2') // as if part 2 had reached the store before its abort
    const second = await driver.upload()
    expect(second.successful).toHaveLength(1)
    expect(store.other).toContain('GET uploadId') // ListParts: what the store already has
    expect(store.attempts(2)).toBe(1)
    expect(store.attempts(3)).toBe(2)
    expect(store.completed).toEqual(inOrder)
  })

  it('pause aborts the parts in flight and sends nothing more; resume sends only the missing ones', async () => {
    const { driver } = start()
    store.behaviour = (n, attempt) => (n === 2 && attempt === 1 ? 'hold' : { ms: 5 })
    const done = driver.upload()
    await until(() => store.stored.size === PARTS - 1)
    expect(store.inFlight).toBe(1) // part 2, held
    // Paused time on a fake clock: whatever Uppy schedules while paused (retries, the queue's next
    // step) runs now, 10 s of it, instead of the test waiting for it in real time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    try {
      driver.pause()
      expect(store.aborted).toEqual([2])
      const sent = store.partPuts.length
      await vi.advanceTimersByTimeAsync(10_000)
      expect(store.partPuts).toHaveLength(sent)
    } finally {
      vi.useRealTimers()
    }

    driver.resume()
    const result = await done
    expect(result.successful).toHaveLength(1)
    expect(store.other).toContain('GET uploadId')
    expect(inOrder.map((p) => store.attempts(p.partNumber))).toEqual([1, 2, 1, 1, 1, 1, 1])
    expect(store.completed).toEqual(inOrder)
  })
})

describe('uppy driver: the confirmation', () => {
  it('a failed confirmation fails the file; a retry confirms again without sending the bytes again', async () => {
    let confirms = 0
    let step: 'upload' | 'confirm' = 'upload'
    const { driver, failures } = start(
      {
        beforeRun: () => step,
        confirm: async () => {
          confirms++
          if (confirms === 1) throw new Error('503')
          return 'https://files.test/clip.mp4'
        },
      },
      2 * MiB,
    )
    const first = await driver.upload()
    expect(first).toEqual({ successful: [], failed: [expect.any(String)] })
    expect(failures).toHaveLength(1)
    const puts = store.other.filter((r) => r.startsWith('PUT')).length
    expect(puts).toBe(1)

    step = 'confirm'
    const second = await driver.upload()
    expect(second.successful).toHaveLength(1)
    expect(confirms).toBe(2)
    expect(store.other.filter((r) => r.startsWith('PUT')).length).toBe(puts)
  })

  it('a file no retry can fix is left failed by a retry: nothing is sent, nothing confirmed', async () => {
    let confirms = 0
    let step: 'upload' | 'skip' = 'upload'
    const { driver } = start(
      {
        beforeRun: () => step,
        confirm: async () => {
          confirms++
          throw new Error('401')
        },
      },
      2 * MiB,
    )
    await driver.upload()
    const sent = store.other.length
    step = 'skip'
    const again = await driver.upload()
    expect(again).toEqual({ successful: [], failed: [expect.any(String)] })
    expect(store.other.length).toBe(sent)
    expect(confirms).toBe(1)
  })
})
