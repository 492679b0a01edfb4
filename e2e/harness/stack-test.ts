import { test as base } from '@playwright/test'
import { readStack, type Stack, type Store, type StoreStack } from './stack.js'

export interface StoreOption {
  /** Which store's server the project runs against (playwright.config.ts sets one per project). */
  store: Store
}

/**
 * The worker fixtures every browser's specs share: the servers the global setup started
 * (`fullStack`) and the one store this project runs against (`stack`). Chromium's (test.ts) and
 * Firefox's (firefox/harness.ts) fixtures extend it.
 */
export const stackTest = base.extend<object, StoreOption & { stack: StoreStack; fullStack: Stack }>({
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
})
