import { defineConfig } from 'vitest/config'

/**
 * The load and memory tests (300 trickling clients for 60 s against each store; peak RSS while 100 MiB
 * stream through the server), run after the rest of the suite, one at a time: what they measure
 * (probe latencies, a process's memory) must not be measured while other test files stream hundreds
 * of MiB on the same two cores (a clean-clone run saw the S3 streaming test's growth double then).
 */
const conditions = ['@dropgate/source', 'module', 'node', 'development|production']

export default defineConfig({
  // Workspace packages from their sources, as in vitest.config.ts.
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/load/**/*.test.ts'],
    globalSetup: ['test/swift-global-setup.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
})
