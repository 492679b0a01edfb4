import { expect, type Locator, type Page } from '@playwright/test'
import type { Stack, Store, StoreStack } from './stack.js'
import { type StoreOption, stackTest } from './stack-test.js'

export type { StoreOption }
export { expect }

/** One `dropgate:*` event as the page's document received it. */
export interface PageEvent {
  readonly type: string
  readonly detail: Record<string, unknown>
}

export interface Fixtures {
  /** Every request the page sent to the signer (the server), except reading the public policy. */
  signerRequests: string[]
  /** The `dropgate:*` events that reached the page's document (the custom element's events). */
  pageEvents: PageEventLog
}

export interface PageEventLog {
  all(type?: string): Promise<PageEvent[]>
  /** Waits for the `index`-th (from 0) event of `type`. */
  next(type: string, index?: number): Promise<PageEvent>
}

export const test = stackTest.extend<Fixtures>({
  baseURL: async ({ stack }, use) => {
    await use(`${stack.demo}/`)
  },
  // What the page asked of the signer about files: not the policy read, and no OPTIONS (the widget
  // clears its routes' CORS preflights as it mounts, docs/API.md §2.11; a request that follows a
  // preflight is seen itself).
  signerRequests: async ({ page, stack }, use) => {
    const seen: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.origin === stack.server && url.pathname !== '/api/v1/policy' && request.method() !== 'OPTIONS')
        seen.push(`${request.method()} ${url.pathname}`)
    })
    await use(seen)
  },
  pageEvents: async ({ page }, use) => {
    await page.addInitScript(() => {
      const events: { type: string; detail: unknown }[] = []
      Object.defineProperty(window, '__dropgateEvents', { value: events })
      for (const type of ['dropgate:upload', 'dropgate:complete', 'dropgate:error', 'dropgate:rejected'])
        document.addEventListener(type, (event) =>
          events.push({ type, detail: (event as CustomEvent).detail }),
        )
    })
    const read = (p: Page) =>
      p.evaluate(() => (window as unknown as { __dropgateEvents: PageEvent[] }).__dropgateEvents)
    await use({
      async all(type) {
        const events = await read(page)
        return type ? events.filter((e) => e.type === type) : events
      },
      async next(type, index = 0) {
        let found: PageEvent | undefined
        await expect
          .poll(
            async () => {
              found = (await read(page)).filter((e) => e.type === type)[index]
              return found !== undefined
            },
            { message: `waiting for ${type} #${index + 1}`, timeout: 60_000 },
          )
          .toBe(true)
        return found as PageEvent
      },
    })
  },
})

/** Uppy's Dashboard inside a widget: its first file input takes files (the second takes folders). */
export function widget(host: Locator) {
  return {
    host,
    /** Adds files as a person does: through the file picker, after "Add more files" once some are done. */
    async add(files: Parameters<Locator['setInputFiles']>[0]) {
      const input = host.locator('input[type=file]').first()
      const addMore = host.locator('.uppy-DashboardContent-addMore')
      await expect(input.or(addMore).first()).toBeAttached()
      if ((await input.count()) === 0) await addMore.click()
      await input.setInputFiles(files)
    },
    uploadButton: host.locator('.uppy-StatusBar-actionBtn--upload'),
    progress: host.locator('.uppy-StatusBar-progress[role=progressbar]'),
    pauseResume: host.locator('[data-cy=togglePauseResume]'),
    notices: host.locator('.dg-notice'),
    files: host.locator('.uppy-Dashboard-Item'),
    /** A file's card by its name. */
    file: (name: string) => host.locator('.uppy-Dashboard-Item', { hasText: name }),
    /** Retry in the status bar, and on each failed file's card. */
    retryAll: host.locator('.uppy-StatusBar-actionBtn--retry'),
    retryFile: (name: string) =>
      host
        .locator('.uppy-Dashboard-Item', { hasText: name })
        .locator('button.uppy-Dashboard-Item-progressIndicator'),
    removeFile: (name: string) =>
      host.locator('.uppy-Dashboard-Item', { hasText: name }).locator('.uppy-Dashboard-Item-action--remove'),
    status: host.locator('.dg-status'),
    value: () => host.evaluate((el) => [...(el as HTMLInputElement & { value: string[] }).value]),
  }
}

/** One request the page sent to the store (an upload URL), as the browser sent it. */
export interface StoreRequest {
  readonly method: string
  readonly url: URL
  /** For S3 multipart: the part's number (PUT ?partNumber=N&uploadId=…). */
  readonly partNumber?: number
  /** `POST /api/v1/uploads` to the signer, which creates the multipart upload in the store (docs/API.md §2.5). */
  readonly createdBySigner?: true
}

/** Records every request the page sends to the store's upload URLs, including failed attempts. */
export function recordStoreRequests(page: Page, stack: StoreStack): StoreRequest[] {
  const seen: StoreRequest[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url() === `${stack.server}/api/v1/uploads`)
      seen.push({ method: 'POST', url: new URL(request.url()), createdBySigner: true })
    if (!request.url().startsWith(stack.uploadBase) || request.method() === 'OPTIONS') return
    const url = new URL(request.url())
    const part = url.searchParams.get('partNumber')
    seen.push({ method: request.method(), url, ...(part !== null && { partNumber: Number(part) }) })
  })
  return seen
}

/** The multipart uploads created: by the signer (how the widget does it), or by the browser itself. */
export const uploadsCreated = (requests: readonly StoreRequest[]) =>
  requests.filter((r) => r.createdBySigner || (r.method === 'POST' && r.url.searchParams.has('uploads')))

/** CreateMultipartUpload requests the browser sent the store itself (the widget sends none). */
export const browserCreates = (requests: readonly StoreRequest[]) =>
  requests.filter((r) => !r.createdBySigner && r.method === 'POST' && r.url.searchParams.has('uploads'))

/** How many times each part number was sent. */
export const partAttempts = (requests: readonly StoreRequest[]) => {
  const counts = new Map<number, number>()
  for (const { method, partNumber } of requests)
    if (method === 'PUT' && partNumber !== undefined)
      counts.set(partNumber, (counts.get(partNumber) ?? 0) + 1)
  return counts
}

/**
 * Intercepts the page's requests to the store whose URL contains one of `only` (e.g.
 * `partNumber=2`), through the browser's own request interception (CDP `Fetch`). Playwright's
 * `page.route` would pause every request of the page and copy each 8 MiB part through the
 * protocol, several times slower; this pauses only the requests asked for. `decide` sees each one,
 * with `attempt`: how many requests with the same method and URL path and part came so far, this
 * one included (1 = the first); it answers 'abort' (connection reset), a promise to hold the
 * request until, or nothing to let it through.
 */
export async function interceptStore(
  page: Page,
  stack: StoreStack,
  only: readonly string[],
  decide: (request: StoreRequest & { attempt: number }) => 'abort' | Promise<void> | undefined,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  const attempts = new Map<string, number>()
  cdp.on('Fetch.requestPaused', async ({ requestId, request }) => {
    const url = new URL(request.url)
    const part = url.searchParams.get('partNumber')
    const verdict =
      request.method === 'OPTIONS'
        ? undefined
        : (() => {
            const key = `${request.method} ${url.pathname} ${part ?? ''}`
            const attempt = (attempts.get(key) ?? 0) + 1
            attempts.set(key, attempt)
            return decide({
              method: request.method,
              url,
              attempt,
              ...(part !== null && { partNumber: Number(part) }),
            })
          })()
    // The browser may have given up on a held request meanwhile (a pause aborts the one in flight).
    if (verdict === 'abort')
      await cdp.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionReset' }).catch(() => {})
    else {
      if (verdict) await verdict
      await cdp.send('Fetch.continueRequest', { requestId }).catch(() => {})
    }
  })
  await cdp.send('Fetch.enable', {
    patterns: only.map((fragment) => ({
      urlPattern: `${stack.uploadBase}*${fragment}*`,
      requestStage: 'Request' as const,
    })),
  })
}

/** A gate a request can be held at: `reached` resolves when it is, `release()` lets it go. */
export function gate() {
  let reach = () => {}
  let release = () => {}
  const reached = new Promise<void>((resolve) => {
    reach = resolve
  })
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  return {
    reached,
    release,
    hold(): Promise<void> {
      reach()
      return released
    },
  }
}

/** Attributes of a `<dropgate-upload>` mounted by `mountElement`; `true` is a bare boolean attribute. */
export type ElementAttributes = Record<string, string | true>

/**
 * Opens the static page (only the script tag) and puts one `<dropgate-upload>` with these attributes
 * in its body, alone or inside a form that posts nowhere (its submits are recorded on `window`).
 */
export async function mountElement(
  page: Page,
  stack: StoreStack,
  attributes: ElementAttributes,
  { form = false }: { form?: boolean } = {},
): Promise<Locator> {
  await page.goto(stack.staticPage)
  await page.evaluate(
    ({ attributes, form }) => {
      const element = document.createElement('dropgate-upload')
      for (const [name, value] of Object.entries(attributes))
        element.setAttribute(name, value === true ? '' : value)
      const submits: string[][] = []
      Object.defineProperty(window, '__submits', { value: submits })
      document.body.replaceChildren()
      if (!form) return void document.body.append(element)
      const f = document.createElement('form')
      f.innerHTML = '<label>Title <input name="title" value="Holiday"></label>'
      f.append(element)
      const button = document.createElement('button')
      button.textContent = 'Publish'
      f.append(button)
      f.addEventListener('submit', (event) => {
        event.preventDefault()
        submits.push(new FormData(f).getAll(element.getAttribute('name') ?? 'media').map(String))
      })
      document.body.append(f)
    },
    { attributes, form },
  )
  return page.locator('dropgate-upload')
}

/** The form submits `mountElement` recorded: the values of the element's field, per submit. */
export const submits = (page: Page) =>
  page.evaluate(() => (window as unknown as { __submits: string[][] }).__submits)

/** A server of a test's own (same settings as the store's), to crash and restart (harness control). */
export interface SpareServer {
  readonly url: string
  start(): Promise<void>
  kill(): Promise<void>
}

export async function spareServer(
  stack: Stack,
  store: Store,
): Promise<SpareServer & { stop(): Promise<void> }> {
  const call = async (method: string, path: string) => {
    const response = await fetch(`${stack.control}${path}`, { method })
    const body = await response.text()
    if (!response.ok) throw new Error(`harness control ${method} ${path}: ${response.status} ${body}`)
    return body ? JSON.parse(body) : undefined
  }
  const { id, url } = (await call('POST', `/spares/${store}`)) as { id: string; url: string }
  await call('POST', `/spares/${id}/start`)
  return {
    url,
    start: () => call('POST', `/spares/${id}/start`),
    kill: () => call('POST', `/spares/${id}/kill`),
    stop: () => call('DELETE', `/spares/${id}`),
  }
}

/** Mints an upload token with the server's secret key, as a site's backend does (README "upload tokens"). */
export async function mintToken(stack: StoreStack, claims: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${stack.server}/api/v1/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${stack.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(claims),
  })
  const body = (await response.json()) as { data?: { token?: string }; msg?: string }
  if (!response.ok || !body.data?.token) throw new Error(`could not mint a token: ${body.msg}`)
  return body.data.token
}

/** Waits until the server itself calls `token` expired (never a sleep of a guessed length). */
export async function untilTokenExpired(stack: StoreStack, token: string): Promise<void> {
  await expect
    .poll(async () => {
      const answer = await fetch(`${stack.server}/api/v1/files/nothing`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      return ((await answer.json()) as { msg: string }).msg
    })
    .toBe('Upload token expired')
}

/** The element inside the widget's shadow root that has focus, described for assertions. */
export function focused(host: Locator) {
  return host.evaluate((el) => {
    const active = el.shadowRoot?.activeElement as HTMLElement | null | undefined
    if (!active) return { where: document.activeElement?.tagName.toLowerCase() ?? 'none' }
    const card = active.closest('.uppy-Dashboard-Item')
    return {
      where: 'widget',
      className: active.className,
      label: active.getAttribute('aria-label') ?? active.textContent?.trim() ?? '',
      file: card?.querySelector('.uppy-Dashboard-Item-name')?.textContent ?? '',
    }
  })
}
