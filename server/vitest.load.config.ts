import { defineConfig } from 'vitest/config'

/**
 * The load tests (300 trickling clients for 60 s against each store), run after the rest of the
 * suite, one at a time: what they time (probes answered in under 200 ms) must not be measured while
 * other test files stream hundreds of MiB on the same two cores.
 */
export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    globalSetup: ['test/swift-global-setup.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
})
