import { createLogger } from '../log.js'
import { type Built, buildWorker, type WorkerEnv } from './workers-app.js'

/**
 * The Cloudflare Workers entry (wrangler.toml `main`): the handler and the Durable Object class, the
 * only exports a Worker module may have. The app is built by workers-app.ts.
 */
export { PublishableRateLimit } from './workers-rate-limit.js'

// Built once per isolate: Cloudflare hands the same env object to every request of an isolate.
const builtFor = new WeakMap<object, Built>()

function builtOnce(env: WorkerEnv): Built {
  let built = builtFor.get(env)
  if (!built) {
    // console.log is the Worker's log stream (wrangler tail, Workers Logs): one JSON line per event.
    built = buildWorker(
      env,
      createLogger((line) => console.log(line)),
    )
    if ('problem' in built) console.error(`dropgate: cannot start: ${built.problem}`)
    builtFor.set(env, built)
  }
  return built
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: unknown): Response | Promise<Response> {
    const built = builtOnce(env)
    // A Worker that cannot start answers every request with the generic 500 of docs/API.md §2.12
    // (the reason is in its log, never on the wire, as secrets may be involved).
    if ('problem' in built) return Response.json({ code: 500, msg: 'Internal server error' }, { status: 500 })
    return built.app.fetch(request, env, ctx as never)
  },
}
