import type { Locator, Page } from '@playwright/test'
import { seriousViolations, WIDTHS } from '../harness/axe.js'
import { png, refused } from '../harness/media.js'
import { expect, test, widget } from '../harness/test.js'

// Issue 22 in a real browser: the demo in Arabic (right to left) and Japanese at 375 and 1280 px,
// both embeds (the script tag loads dist/locales/<tag>.js, the npm build its own chunk); a refusal and
// an upload in the language; axe clean; the script-tag-only page; a language file that 404s.

const CASES = [
  {
    locale: 'ar',
    dir: 'rtl',
    refusal: 'لم تتم إضافة notes.txt',
    limits: 'حتى',
    uploaded: 'اكتمل',
  },
  {
    locale: 'ja',
    dir: 'ltr',
    refusal: 'notes.txt は追加されませんでした',
    limits: 'まで',
    uploaded: '完了しました',
  },
] as const

/** Each element inside the widget whose own text is wider than its box, or that sticks out of it. */
function overflowing(host: Locator) {
  return host.evaluate((el) => {
    const root = el.shadowRoot ?? el
    const frame = (root.querySelector('.dg-root') ?? el).getBoundingClientRect()
    const found: string[] = []
    for (const node of root.querySelectorAll<HTMLElement>('.dg-root *')) {
      const style = getComputedStyle(node)
      const box = node.getBoundingClientRect()
      const ownText = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent?.trim())
      if (!ownText || box.width === 0 || style.visibility === 'hidden') continue
      // Uppy ends long file names with an ellipsis on purpose: a cut there is the design.
      if (style.textOverflow === 'ellipsis') continue
      const cut = node.scrollWidth > node.clientWidth + 1 && style.overflowX !== 'visible'
      const outside = box.left < frame.left - 1 || box.right > frame.right + 1
      if (cut || outside) found.push(`${node.className || node.localName}: “${node.textContent?.trim()}”`)
    }
    return found
  })
}

/** Where a control's centre sits across a box: < 0.5 on its left half, > 0.5 on its right. */
async function across(box: Locator, control: Locator): Promise<number> {
  const outer = await box.boundingBox()
  const inner = await control.boundingBox()
  if (!outer || !inner) throw new Error('the box or its control is not laid out')
  return (inner.x + inner.width / 2 - outer.x) / outer.width
}
const onLineEnd = (where: number, dir: 'ltr' | 'rtl') =>
  dir === 'rtl' ? expect(where).toBeLessThan(0.5) : expect(where).toBeGreaterThan(0.5)

const spoken = (page: Page, selector: string, locale: string) =>
  expect(page.locator(`${selector} .dg-root`)).toHaveAttribute('lang', locale)

for (const c of CASES) {
  test(`the demo in ${c.locale}: both embeds translated, ${c.dir}, no text cut at 375 and 1280 px, axe clean`, async ({
    page,
    pageEvents,
  }, testInfo) => {
    await page.goto(`/?locale=${c.locale}`)
    for (const embed of ['#script-embed', '#npm-embed']) {
      await spoken(page, embed, c.locale)
      await expect(page.locator(`${embed} .dg-root`)).toHaveAttribute('dir', c.dir)
      await expect(page.locator(`${embed} .uppy-Dashboard-note`)).toContainText(c.limits)
    }
    const form = widget(page.locator('#script-embed'))

    // A refusal, in the language; its dismiss button on the line's end (the left, right to left).
    await form.add(refused.text)
    await expect(form.notices).toHaveCount(1)
    await expect(form.notices.first()).toContainText(c.refusal)
    const notice = form.notices.first()
    onLineEnd(await across(notice, notice.locator('button')), c.dir)

    // An upload, confirmed in the language.
    await form.add({ name: 'pier.png', mimeType: 'image/png', buffer: png({ seed: 22 }) })
    await pageEvents.next('dropgate:upload')
    await expect(form.host.locator('.uppy-StatusBar')).toContainText(c.uploaded)
    // Uppy's own bar mirrors too: "add more" sits at the line's end (the left, right to left).
    await expect(form.host.locator('.uppy-Root')).toHaveAttribute('dir', c.dir)
    const bar = form.host.locator('.uppy-DashboardContent-bar')
    onLineEnd(await across(bar, bar.locator('.uppy-DashboardContent-addMore')), c.dir)

    const { height } = page.viewportSize() ?? { height: 900 }
    const found: string[] = []
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height })
      const shot = testInfo.outputPath(`demo-${c.locale}-${width}.png`)
      await page.screenshot({ path: shot, fullPage: true })
      await testInfo.attach(`${c.locale} at ${width} px`, { path: shot, contentType: 'image/png' })
      for (const embed of ['#script-embed', '#npm-embed'])
        expect(await overflowing(page.locator(embed)), `${embed} at ${width} px`).toEqual([])
      found.push(...(await seriousViolations(page)).map((v) => `[${width}px] ${v}`))
    }
    expect(found).toEqual([])
  })
}

test('the script-tag-only page loads its language from next to the script', async ({ page, stack }) => {
  const loaded: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/locales/')) loaded.push(new URL(r.url()).pathname)
  })
  await page.goto(`${stack.staticPage}?locale=ja`)
  const host = page.locator('dropgate-upload')
  await spoken(page, 'dropgate-upload', 'ja')
  const dg = widget(host)
  await dg.add(refused.text)
  await expect(dg.notices.first()).toContainText('notes.txt は追加されませんでした')
  expect(loaded).toEqual(['/locales/ja.js'])
})

test('a language file that cannot be loaded leaves a working widget in English, with a console note', async ({
  page,
  stack,
  pageEvents,
}) => {
  const notes: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'warning') notes.push(m.text())
  })
  let asked = false
  await page.route('**/locales/ar.js', (route) => {
    asked = true
    return route.fulfill({ status: 404, body: 'not found' })
  })
  await page.goto(`${stack.staticPage}?locale=ar`)
  await expect.poll(() => notes.some((n) => n.includes('"ar" strings could not be loaded'))).toBe(true)
  expect(asked).toBe(true)
  const host = page.locator('dropgate-upload')
  await expect(host.locator('.dg-root')).toHaveAttribute('lang', 'en')
  await expect(host.locator('.dg-root')).toHaveAttribute('dir', 'ltr')
  const dg = widget(host)
  await dg.add(refused.text)
  await expect(dg.notices.first()).toContainText('notes.txt was not added')
  await dg.add({ name: 'dune.png', mimeType: 'image/png', buffer: png({ seed: 23 }) })
  await dg.uploadButton.click()
  await pageEvents.next('dropgate:upload')
})
