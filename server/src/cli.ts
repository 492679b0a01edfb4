import { type StorageCommandOptions, storageCommand } from './cli/storage-command.js'
import { ConfigError } from './config.js'
import { newSecretKey } from './core/api-keys.js'
import { startNodeServer } from './node/node.js'

/**
 * `dropgate` — the command line. Each command is a few lines over the library; anything with
 * options reads them from the environment, exactly as the server does (docs/API.md §1).
 */

const USAGE = `Usage: dropgate <command>

Commands:
  serve        start the server (default); configured by environment variables
  keys new     print a fresh secret API key and the sha256: line to configure instead of it
  storage check
               is the S3 bucket ready? credentials, bucket, upload URLs, public URL, CORS, lifecycle
               (exit code 1 when something must be fixed)
  storage setup
               write the bucket's CORS and lifecycle rules where the store supports it, then check
  storage sweep [--older-than <duration>] [--dry-run]
               abort multipart uploads under uploads/ never completed, started more than
               --older-than ago (default 24h; e.g. 90m, 36h, 2d); on the embedded store, remove
               what unfinished uploads left; --dry-run only lists them
               (exit code 1 when an abort failed)
  help         show this text
`

export async function main(
  args: string[],
  out: { write(text: string): unknown } = process.stdout,
  err: { write(text: string): unknown } = process.stderr,
  env: Record<string, string | undefined> = process.env,
  /** For tests: the clock, the listing page size. */
  storageOptions: Omit<StorageCommandOptions, 'args'> = {},
): Promise<number> {
  const [command = 'serve', sub, ...rest] = args
  switch (command) {
    case 'serve':
      try {
        {
          const { stop } = await startNodeServer()
          // A stop lets running uploads finish (DROPGATE_SHUTDOWN_GRACE), then ends them cleanly.
          for (const signal of ['SIGTERM', 'SIGINT'] as const)
            process.once(signal, () => {
              void stop().then(() => process.exit(0))
            })
        }
        return -1 // keep running
      } catch (error) {
        if (error instanceof ConfigError) {
          err.write(`${error.message}\n`)
          return 2
        }
        throw error
      }
    case 'keys':
      if (sub !== 'new') break
      {
        const { key, entry } = newSecretKey()
        out.write(
          `Secret key (give it to the server-side caller, keep it out of browsers and logs):\n  ${key}\n` +
            `Configure the server with either the key itself or, better, its digest:\n  DROPGATE_API_KEYS=${entry}\n`,
        )
      }
      return 0
    case 'storage':
      if (sub !== 'check' && sub !== 'setup' && sub !== 'sweep') break
      return storageCommand(sub, env, out, err, { ...storageOptions, args: rest })
    case 'help':
    case '--help':
    case '-h':
      out.write(USAGE)
      return 0
  }
  err.write(`Unknown command: ${args.join(' ')}\n\n${USAGE}`)
  return 2
}
