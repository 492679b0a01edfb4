#!/usr/bin/env node
// The `dropgate` command of the installed package (package.json "bin"), built to dist/bin.js.
import { main } from './cli.js'

const code = await main(process.argv.slice(2))
if (code >= 0) process.exitCode = code
