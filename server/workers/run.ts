import { buildWorker } from '../src/entries/workers-app.js'
import { silentLogger } from '../src/log.js'
import { startLocalWorkers } from './local.js'

/**
 * `pnpm --dir server run workers`: the Worker under workerd on PORT (default 8788), 127.0.0.1 unless
 * HOST says otherwise, with every DROPGATE_* and S3_* variable of this environment as its vars, and
 * the publishable-key limit counted by its Durable Object, as deployed.
 */
const vars: Record<string, string> = {}
for (const [name, value] of Object.entries(process.env))
  if (value !== undefined && /^(DROPGATE_|S3_)/.test(name)) vars[name] = value
const port = Number(process.env.PORT ?? 8788)
vars.DROPGATE_LINK_BASE_URL ??= `http://127.0.0.1:${port}`

// The Worker would answer every request 500 and log why: say it here, before starting.
const built = buildWorker(vars, silentLogger)
if ('problem' in built) {
  console.error(`dropgate (Workers): cannot start: ${built.problem}`)
  process.exit(1)
}

const workers = await startLocalWorkers({ vars, port, host: process.env.HOST ?? '127.0.0.1' })
console.log(`dropgate (Workers, workerd) listening on ${workers.url.origin}`)
const stop = () => {
  workers.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
