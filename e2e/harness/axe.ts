import { createRequire } from 'node:module'
import type { Page, TestInfo } from '@playwright/test'

// axe-core, injected as its own script (it reaches into open shadow roots, so the widgets' UIs are
// checked too).
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** axe-core's serious and critical violations on the page as it is now, one line per rule. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } })
      .axe
    const results = (await axe.run(document, { resultTypes: ['violations'] })) as { violations: Violation[] }
    return results.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}):\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    )
}

export const WIDTHS = [1280, 375] as const

/**
 * At each width: axe-core (its serious and critical findings are returned, prefixed with the state's
 * name) and a full-page screenshot kept as an artefact in the test's output folder
 * (e2e/test-results/…/<state>-<width>.png) and attached to the report.
 */
export async function checkState(page: Page, testInfo: TestInfo, state: string): Promise<string[]> {
  const found: string[] = []
  const { height } = page.viewportSize() ?? { height: 900 }
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height })
    const shot = testInfo.outputPath(`${state}-${width}.png`)
    await page.screenshot({ path: shot, fullPage: true })
    await testInfo.attach(`${state} at ${width} px`, { path: shot, contentType: 'image/png' })
    found.push(...(await seriousViolations(page)).map((v) => `[${state} @ ${width}px] ${v}`))
  }
  await page.setViewportSize({ width: WIDTHS[0], height })
  return found
}
