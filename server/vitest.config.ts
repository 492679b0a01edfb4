import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Starts the S3 test server (Swift, scripts/swift-s3.sh) once for every file that needs it.
    globalSetup: ['test/swift-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
