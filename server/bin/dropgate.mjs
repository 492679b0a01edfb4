#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so the CLI needs no build step.
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
