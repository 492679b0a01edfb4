import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { readStack, type Stack, type Store, type StoreStack } from './stack.js'

export { expect }

export interface StoreOption {
  /** Which store's server the project runs against (playwright.config.ts sets one per project). */
  store: Store
}

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

export const test = base.extend<Fixtures, StoreOption & { stack: StoreStack; fullStack: Stack }>({
  store: ['local', { option: true, scope: 'worker' }],
  fullStack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture names from the pattern
    async ({}, use) => {
      await use(readStack())
    },
    { scope: 'worker' },
  ],
  stack: [
    async ({ store, fullStack }, use) => {
      const stack = fullStack.stores[store]
      if (!stack) throw new Error(`the global setup did not start the ${store} store`)
      await use(stack)
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ stack }, use) => {
    await use(`${stack.demo}/`)
  },
  signerRequests: async ({ page, stack }, use) => {
    const seen: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.origin === stack.server && url.pathname !== '/api/v1/policy')
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
    async add(files: Parameters<Locator['setInputFiles']>[0]) {
      await host.locator('input[type=file]').first().setInputFiles(files)
    },
    uploadButton: host.locator('.uppy-StatusBar-actionBtn--upload'),
    progress: host.locator('.uppy-StatusBar-progress[role=progressbar]'),
    pauseResume: host.locator('[data-cy=togglePauseResume]'),
    notices: host.locator('.dg-notice'),
    files: host.locator('.uppy-Dashboard-Item'),
  }
}
