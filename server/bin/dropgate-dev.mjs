#!/usr/bin/env node
// `dropgate` for in-repo use (pnpm dev, the tests, e2e, bench): runs the TypeScript sources through
// tsx's loader, so nothing needs building first and an edit is live on the next start. Not part of
// the package: the installed `dropgate` is dist/bin.js, plain JavaScript (`pnpm --dir server build`).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli.ts')
const code = await main(process.argv.slice(2))
if (code >= 0) process.exitCode = code
