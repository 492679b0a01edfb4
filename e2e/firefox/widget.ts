import type { ElementHandle, Page } from 'puppeteer-core'
import type { StoreStack } from '../harness/stack.js'

// The script-tag page's <dropgate-upload> as a person uses it in Firefox: files through the
// Dashboard's picker, its buttons, its progress bar. `>>>` pierces the element's open shadow root.

const IN_WIDGET = 'dropgate-upload >>>'

/** One `dropgate:*` event as the page's document received it. */
export interface PageEvent {
  readonly type: string
  readonly detail: Record<string, unknown>
}

/** Opens the static page (only the script tag and the element) and records its `dropgate:*` events. */
export async function openScriptTagPage(page: Page, stack: StoreStack): Promise<void> {
  await page.goto(stack.staticPage)
  await page.evaluate(() => {
    const events: { type: string; detail: unknown }[] = []
    Object.defineProperty(window, '__dropgateEvents', { value: events })
    for (const type of ['dropgate:upload', 'dropgate:complete', 'dropgate:error', 'dropgate:rejected'])
      document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }))
  })
}

/** Adds files through the Dashboard's first file input (the second takes folders). */
export async function addFiles(page: Page, ...paths: string[]): Promise<void> {
  const input = (await page.waitForSelector(
    `${IN_WIDGET} input[type=file]`,
  )) as ElementHandle<HTMLInputElement>
  await input.uploadFile(...paths)
}

export async function click(page: Page, selector: string): Promise<void> {
  const button = await page.waitForSelector(`${IN_WIDGET} ${selector}`, { visible: true })
  await button?.click()
}

export const UPLOAD_BUTTON = '.uppy-StatusBar-actionBtn--upload'
export const PAUSE_RESUME = '[data-cy=togglePauseResume]'

/** Waits until the pause/resume button reads `label` ('Pause' or 'Resume'). */
export async function waitForPauseResume(page: Page, label: 'Pause' | 'Resume'): Promise<void> {
  await page.waitForSelector(`${IN_WIDGET} ${PAUSE_RESUME}[aria-label="${label}"]`)
}

/** The status bar's progress in percent (its progressbar's aria-valuenow), or null without one. */
export function progress(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const bar = document
      .querySelector('dropgate-upload')
      ?.shadowRoot?.querySelector('.uppy-StatusBar-progress[role=progressbar]')
    const value = bar?.getAttribute('aria-valuenow')
    return value === null || value === undefined ? null : Number(value)
  })
}

/** The `index`-th (from 0) event of `type`, once the page has it. */
export async function nextEvent(page: Page, type: string, index = 0): Promise<PageEvent> {
  const handle = await page.waitForFunction(
    (type: string, index: number) =>
      (window as unknown as { __dropgateEvents: PageEvent[] }).__dropgateEvents.filter(
        (e) => e.type === type,
      )[index],
    { polling: 100, timeout: 90_000 },
    type,
    index,
  )
  return (await handle.jsonValue()) as PageEvent
}

export function events(page: Page, type: string): Promise<PageEvent[]> {
  return page.evaluate(
    (type: string) =>
      (window as unknown as { __dropgateEvents: PageEvent[] }).__dropgateEvents.filter(
        (e) => e.type === type,
      ),
    type,
  )
}

/** What the widget's shadow root shows as notices (refusals). */
export function notices(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(document.querySelector('dropgate-upload')?.shadowRoot?.querySelectorAll('.dg-notice') ?? [])].map(
      (n) => n.textContent ?? '',
    ),
  )
}

export function fileCards(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      document.querySelector('dropgate-upload')?.shadowRoot?.querySelectorAll('.uppy-Dashboard-Item')
        .length ?? 0,
  )
}
