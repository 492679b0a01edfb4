import type { Page, Request } from 'playwright-core'

/**
 * BENCH_TRACE=1: every request the page makes during an upload, in order, with when it started and
 * how long it took (ms from the first), to see where a browser upload spends its time.
 */
export function traceRequests(page: Page) {
  const started = new Map<Request, number>()
  const lines: { at: number; ms: number; what: string }[] = []
  let zero = 0
  page.on('request', (request) => {
    zero ||= performance.now()
    started.set(request, performance.now())
  })
  const done = (request: Request) => {
    const at = started.get(request)
    if (at === undefined) return
    const url = new URL(request.url())
    const query = [...url.searchParams.keys()].filter((k) => !k.startsWith('X-Amz-')).join('&')
    lines.push({
      at: at - zero,
      ms: performance.now() - at,
      what: `${request.method()} ${url.pathname.slice(0, 48)}${query ? `?${query}` : ''}`,
    })
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  return {
    print() {
      for (const line of lines.sort((a, b) => a.at - b.at))
        console.log(
          `    ${line.at.toFixed(0).padStart(6)} ms +${line.ms.toFixed(0).padStart(5)} ms  ${line.what}`,
        )
    },
  }
}
