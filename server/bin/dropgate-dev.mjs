#!/usr/bin/env node
// `dropgate` for in-repo use (pnpm dev, the tests, e2e, bench): runs the TypeScript sources through
// tsx's loader, so nothing needs building first and an edit is live on the next start. Not part of
// the package: the installed `dropgate` is dist/bin.js, plain JavaScript (`pnpm --dir server build`).
import { register as registerHooks } from 'node:module'
import { register } from 'tsx/esm/api'

// Workspace packages (@dropgate/core) are read from their sources too: their exports map lists them
// under the "@dropgate/source" condition, which this resolve hook adds (node --conditions, in effect).
registerHooks(
  'data:text/javascript,export function resolve(specifier, context, next) {' +
    ' return next(specifier, { ...context, conditions: [...context.conditions, "@dropgate/source"] }) }',
)
register()
const { main } = await import('../src/cli.ts')
const code = await main(process.argv.slice(2))
if (code >= 0) process.exitCode = code
