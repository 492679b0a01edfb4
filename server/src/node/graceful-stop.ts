import type { Server } from 'node:http'
import type { Logger } from '../log.js'

/**
 * How the Node entry stops on SIGTERM or SIGINT without leaving anything partial behind:
 *
 * 1. Stop accepting connections (`server.close()`; idle kept-alive ones close at once).
 * 2. Let running requests finish for up to `graceMs`: an upload that ends within it is stored.
 * 3. Then abort `cutOff`: every body still arriving fails with `shuttingDown` (http/guarded-body.ts),
 *    so each upload's own failure path runs, deleting its temp file or aborting its multipart upload,
 *    and its client gets a 503 to retry elsewhere.
 * 4. Wait up to `cleanupMs` for those handlers to finish, give their answers a moment to go out,
 *    then close every connection left.
 *
 * A process killed outright (SIGKILL, a crash) gets none of this: `dropgate storage sweep` and the
 * store's lifecycle rule remove what it leaves.
 */

/** Counts the requests whose handler is still running, so a stop knows when they are done. */
export function trackRequests<A extends unknown[]>(fetch: (...args: A) => Response | Promise<Response>) {
  let running = 0
  let onIdle: (() => void) | null = null
  const settle = () => {
    running -= 1
    if (running === 0) onIdle?.()
  }
  return {
    fetch(...args: A): Response | Promise<Response> {
      running += 1
      let answer: Response | Promise<Response>
      try {
        answer = fetch(...args)
      } catch (error) {
        settle()
        throw error
      }
      if (answer instanceof Promise) return answer.finally(settle)
      settle()
      return answer
    },
    get running() {
      return running
    },
    /** Resolves when no handler runs, or after `ms`, whichever is first; true if none runs. */
    idle(ms: number): Promise<boolean> {
      if (running === 0) return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          onIdle = null
          resolve(false)
        }, ms)
        onIdle = () => {
          clearTimeout(timer)
          onIdle = null
          resolve(true)
        }
      })
    },
  }
}

/** How long answers already made get to reach their clients before the last connections are closed. */
const FLUSH_MS = 2000

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref()
  })

export interface StopOptions {
  server: Server
  requests: { readonly running: number; idle(ms: number): Promise<boolean> }
  cutOff: AbortController
  graceMs: number
  cleanupMs: number
  logger: Logger
}

export async function stopGracefully(options: StopOptions): Promise<void> {
  const { server, requests, cutOff, graceMs, cleanupMs, logger } = options
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  logger.info('stopping', { running: requests.running, graceMs })
  if (!(await requests.idle(graceMs))) {
    logger.warn('stop_cut_off', { running: requests.running })
    cutOff.abort()
    if (!(await requests.idle(cleanupMs)))
      logger.error('stop_cleanup_unfinished', { running: requests.running })
  }
  // The handlers are done, their answers may still be on the way out (a 503 to a cut-off upload):
  // connections close as their answers end, and whatever is still open after a moment is closed.
  server.closeIdleConnections()
  const flushed = await Promise.race([closed.then(() => true), delay(FLUSH_MS).then(() => false)])
  if (!flushed) server.closeAllConnections()
  await closed
  logger.info('stopped', {})
}
