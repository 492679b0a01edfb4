import type { Logger } from '../src/log.js'

export interface LoggedLine {
  level: 'info' | 'warn' | 'error'
  event: string
  fields: Record<string, unknown>
}

/** A Logger that keeps its lines, and lets a test wait for the next line of an event (no polling). */
export function recordingLogger() {
  const lines: LoggedLine[] = []
  const waiting: { event: string; count: number; resolve: () => void }[] = []
  const write =
    (level: LoggedLine['level']) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      lines.push({ level, event, fields })
      for (const waiter of [...waiting])
        if (count(event) >= waiter.count && waiter.event === event) {
          waiting.splice(waiting.indexOf(waiter), 1)
          waiter.resolve()
        }
    }
  const count = (event: string) => lines.filter((line) => line.event === event).length
  const logger: Logger = { info: write('info'), warn: write('warn'), error: write('error') }
  return {
    logger,
    lines,
    count,
    /** Resolves once `event` has been logged `times` times in all. */
    logged(event: string, times = 1): Promise<void> {
      if (count(event) >= times) return Promise.resolve()
      return new Promise((resolve) => waiting.push({ event, count: times, resolve }))
    },
  }
}
