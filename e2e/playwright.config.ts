import { CHROMIUM_LAUNCH } from '@dropgate/testkit'
import { defineConfig } from '@playwright/test'
import { selectedStores } from './harness/stack.js'
import type { StoreOption } from './harness/test.js'

// Debian's Chromium, never a downloaded browser (scripts/install-chromium.sh installs it).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig<StoreOption>({
  testDir: 'tests',
  outputDir: 'test-results',
  globalSetup: './harness/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two cores: one browser per store at a time.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 900 },
    locale: 'en-US',
    colorScheme: 'light',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [...CHROMIUM_LAUNCH.args],
    },
  },
  // The same specs against each store: the embedded one and Swift's S3 API. The firefox-* projects
  // run firefox/*.spec.ts in Debian's firefox-esr over WebDriver BiDi (puppeteer-core; see
  // firefox/harness.ts), against the same servers: `--project='firefox-*'` runs only them.
  projects: [
    ...selectedStores().map((store) => ({ name: store, testDir: 'tests', use: { store } })),
    ...selectedStores().map((store) => ({ name: `firefox-${store}`, testDir: 'firefox', use: { store } })),
  ],
})
