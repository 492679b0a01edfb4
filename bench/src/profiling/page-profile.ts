import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { TMP } from '../paths.ts'

const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const

/**
 * BENCH_PAGE_PROF=1: what an upload costs the page's main thread, where the widget's JavaScript,
 * Uppy's state and the Dashboard's renders run (the bytes go out in the network service, elsewhere).
 * CDP `Performance.getMetrics` before and after (seconds of tasks, script, layout, style), and a
 * sampling profile (`Profiler`, 1 ms) written to bench/.tmp/profiles/page/<name>.cpuprofile, which
 * `pnpm --dir bench run profile-top <file>` reads.
 */
export async function profilePage(page: Page, name: string) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 })
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return new Map(metrics.map((m) => [m.name, m.value]))
  }
  const before = await metrics()
  await cdp.send('Profiler.start')
  return {
    async stop(): Promise<string> {
      const { profile } = await cdp.send('Profiler.stop')
      const after = await metrics()
      const dir = join(TMP, 'profiles', 'page')
      await mkdir(dir, { recursive: true })
      const file = join(dir, `${name}-${Date.now()}.cpuprofile`)
      await writeFile(file, JSON.stringify(profile))
      const spent = METRICS.map(
        (m) => `${m.replace('Duration', '')} ${((after.get(m) ?? 0) - (before.get(m) ?? 0)).toFixed(2)} s`,
      )
      const line = `main thread ${spent.join(', ')}; profile ${file}`
      await cdp.detach()
      return line
    },
  }
}
