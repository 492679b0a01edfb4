import { expect } from '@playwright/test'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { stackTest } from '../harness/stack-test.js'

// The Firefox specs: Playwright's runner (and the e2e global setup's servers, stores and Swift) as
// the harness, Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core (Playwright drives
// only its own patched Firefox builds, which cannot be downloaded here; scripts/install-firefox.sh
// installs Debian's package). Network and console events come from BiDi's network.* and log.* events.

export { expect }

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'

/** One request the page sent, as Firefox reported it (network.beforeRequestSent). */
export interface SentRequest {
  readonly method: string
  readonly url: URL
  /** For S3 multipart: the part's number (PUT ?partNumber=N&uploadId=…). */
  readonly partNumber?: number
}

export interface FirefoxFixtures {
  /** A fresh page in a private browser context of the worker's Firefox. */
  ff: Page
  /** Every request the page sent to the signer (the server's origin), except reading the policy. */
  signerRequests: string[]
  /** Every request the page sent to the store's upload URLs (preflights left out). */
  storeRequests: SentRequest[]
  /** The part numbers the store answered 2xx for. */
  storedParts: Set<number>
  /** Errors and warnings Firefox logged for the page (page errors and console messages). */
  logged: string[]
}

export const test = stackTest.extend<FirefoxFixtures, { firefox: Browser }>({
  firefox: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture names from the pattern
    async ({}, use) => {
      const browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX,
        headless: true,
        protocolTimeout: 120_000,
      })
      await use(browser)
      await browser.close()
    },
    // Firefox takes a while to start on a busy 2-core machine: once per worker, not per test.
    { scope: 'worker', timeout: 120_000 },
  ],
  ff: async ({ firefox }, use) => {
    const context = await firefox.createBrowserContext()
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    await use(page)
    await context.close()
  },
  signerRequests: async ({ ff, stack }, use) => {
    const seen: string[] = []
    ff.on('request', (request) => {
      const url = new URL(request.url())
      if (request.method() === 'OPTIONS' || url.origin !== stack.server) return
      if (url.pathname !== '/api/v1/policy' && !request.url().startsWith(stack.uploadBase))
        seen.push(`${request.method()} ${url.pathname}`)
    })
    await use(seen)
  },
  storeRequests: async ({ ff, stack }, use) => {
    const seen: SentRequest[] = []
    ff.on('request', (request) => {
      if (!request.url().startsWith(stack.uploadBase) || request.method() === 'OPTIONS') return
      seen.push(sentRequest(request.method(), request.url()))
    })
    await use(seen)
  },
  storedParts: async ({ ff, stack }, use) => {
    const stored = new Set<number>()
    ff.on('response', (response) => {
      const { method, partNumber } = sentRequest(response.request().method(), response.url())
      if (response.url().startsWith(stack.uploadBase) && method === 'PUT' && partNumber && response.ok())
        stored.add(partNumber)
    })
    await use(stored)
  },
  logged: async ({ ff }, use) => {
    const seen: string[] = []
    // Firefox reports a malformed XHR answer ("XML Parsing Error: …") as a page error.
    ff.on('pageerror', (error) => seen.push(String(error)))
    ff.on('console', (message) => {
      if (['error', 'warn'].includes(message.type())) seen.push(`${message.type()}: ${message.text()}`)
    })
    await use(seen)
  },
})

function sentRequest(method: string, href: string): SentRequest {
  const url = new URL(href)
  const part = url.searchParams.get('partNumber')
  return { method, url, ...(part !== null && { partNumber: Number(part) }) }
}

/** How many times each part number was sent. */
export function partAttempts(requests: readonly SentRequest[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const { method, partNumber } of requests)
    if (method === 'PUT' && partNumber !== undefined)
      counts.set(partNumber, (counts.get(partNumber) ?? 0) + 1)
  return counts
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
  const state = {
    held: false,
    reached,
    release: () => release(),
    hold(): Promise<void> {
      state.held = true
      reach()
      return released
    },
  }
  return state
}
