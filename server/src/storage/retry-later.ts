import type { Logger } from '../log.js'

/**
 * Runs a clean-up the store could not take when it was due (it was down, or its answer was lost) a
 * few more times in the background, so what a failed upload left in the store goes without anyone
 * asking: after 1, 5 and 30 seconds by default. The timers never keep the process alive; what still
 * fails is logged and left to `dropgate storage sweep` or the store's lifecycle rule.
 */
export function retryLater(
  what: Record<string, string>,
  task: () => Promise<void>,
  logger: Logger | undefined,
  delaysMs: readonly number[] = [1000, 5000, 30_000],
): void {
  const attempt = (index: number) => {
    const timer = setTimeout(() => {
      task().then(
        () => logger?.info('cleanup_done', what),
        (error: unknown) => {
          if (index + 1 < delaysMs.length) attempt(index + 1)
          else logger?.error('cleanup_failed', { ...what, error: String(error) })
        },
      )
    }, delaysMs[index])
    timer.unref()
  }
  attempt(0)
}
