import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Workspace packages (@dropgate/core) are read from their sources: their exports map lists them under
// this condition first, so no build step stands between an edit in core/ and a test here.
const conditions = ['@dropgate/source', 'module', 'node', 'development|production']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/*.test.ts'],
    // Starts the S3 test server (Swift, scripts/swift-s3.sh) once for every file that needs it.
    globalSetup: ['test/swift-global-setup.ts'],
    // Vitest's default is one worker per CPU minus one: a single worker on a 2-CPU CI machine. The
    // slow files mostly wait (on servers starting, on timeouts they prove), so two run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
