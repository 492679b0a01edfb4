import type { Readable } from 'node:stream'
import { Miniflare, type WorkerOptions } from 'miniflare'
import { bundleWorker } from './bundle.js'

/**
 * The Worker under workerd on this machine, through Miniflare 4 (no Cloudflare account, no network):
 * the bundle of bundle.ts, nodejs_compat, the given vars (DROPGATE_*, S3_*), and the RATE_LIMITER
 * Durable Object of wrangler.toml. `instances` > 1 runs that many Workers (separate isolates) that
 * share the one Durable Object class, as instances of a deployed Worker do; HTTP on `port` reaches
 * the first (through Miniflare's entry, which sets CF-Connecting-IP as Cloudflare's edge would),
 * `urls[i]` each one directly (a socket of workerd's own, where a test sets CF-Connecting-IP).
 */

/** A date the workerd bundled with miniflare supports; wrangler.toml says the same. */
export const COMPATIBILITY_DATE = '2026-07-01'

export interface LocalWorkers {
  url: URL
  /** Each instance's own address; `urls[0]` is the first instance's direct socket, not `url`. */
  urls: URL[]
  close(): Promise<void>
}

export interface LocalWorkersOptions {
  vars: Record<string, string>
  port?: number
  /** Where the HTTP listener binds: 127.0.0.1 by default. */
  host?: string
  instances?: number
  /** Drop the Worker's log lines (one a request) instead of printing them: for the bench. */
  quiet?: boolean
}

const nameOf = (instance: number) => (instance === 0 ? 'dropgate' : `dropgate-${instance}`)

export async function startLocalWorkers(options: LocalWorkersOptions): Promise<LocalWorkers> {
  // Miniflare otherwise downloads Cloudflare's request.cf object at startup.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false'
  const { code } = await bundleWorker()
  const instances = options.instances ?? 1
  const workers: WorkerOptions[] = Array.from({ length: instances }, (_, instance) => ({
    name: nameOf(instance),
    modules: [{ type: 'ESModule', path: 'worker.js', contents: code }],
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ['nodejs_compat'],
    bindings: options.vars,
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
    durableObjects: {
      RATE_LIMITER: { className: 'PublishableRateLimit', scriptName: nameOf(0) },
    },
  }))
  const mf = new Miniflare({
    workers,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    ...(options.quiet && {
      handleRuntimeStdio(stdout: Readable, stderr: Readable) {
        stdout.resume()
        stderr.resume()
      },
    }),
  })
  const url = await mf.ready
  const urls = await Promise.all(workers.map(({ name }) => mf.unsafeGetDirectURL(name)))
  return {
    url,
    urls,
    close: () => mf.dispose(),
  }
}
