import type { Route } from '@playwright/test'
import { checkState, seriousViolations } from '../harness/axe.js'
import { png, refused } from '../harness/media.js'
import { type ElementAttributes, expect, gate, mountElement, test, widget } from '../harness/test.js'

// axe-core, injected as its own script (it reaches into open shadow roots, so both widgets' UIs
// are checked too), on the demo page as it first shows and once everything on it is filled in.

test('axe-core finds no serious or critical violations on the demo page as it first shows', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.locator('#server-dot')).toHaveAttribute('data-state', 'ok')
  expect(await seriousViolations(page)).toEqual([])
})

test('axe-core finds no serious or critical violations once files, a refusal, the log and the echo are shown, in dark theme', async ({
  page,
  pageEvents,
}) => {
  await page.goto('/?theme=dark')
  const form = widget(page.locator('#script-embed'))
  await form.add({ name: 'pier.png', mimeType: 'image/png', buffer: png({ seed: 21 }) })
  await pageEvents.next('dropgate:upload')
  await form.add(refused.text)
  await expect(form.notices).toHaveCount(1)
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.frameLocator('#echo-frame').locator('tbody tr')).toHaveCount(2)
  await expect(page.locator('#gallery li.file')).toHaveCount(1)
  expect(await seriousViolations(page)).toEqual([])
})

// Every state of the widget, in both themes, at 1280 and 375 px: axe-core finds nothing serious or
// critical, and each state's screenshot is kept (test-results/accessibility-every-state-…/).
for (const theme of ['light', 'dark'] as const) {
  test(`axe-core finds no serious or critical violations in every state of the widget, ${theme} theme`, async ({
    page,
    stack,
    pageEvents,
  }, testInfo) => {
    test.setTimeout(180_000)
    const found: string[] = []
    const background = theme === 'dark' ? '#111418' : '#ffffff'
    const setUp = async (attributes: ElementAttributes) => {
      const host = await mountElement(page, stack, { endpoint: stack.server, theme, ...attributes })
      await page.evaluate((bg) => {
        document.body.style.background = bg
      }, background)
      return widget(host)
    }

    // Inline: empty, a refusal, a file waiting, uploading, failed with Retry, confirmed.
    const put = gate()
    let held = false
    await page.route(
      (url) => url.href.startsWith(stack.uploadBase),
      async (route) => {
        if (route.request().method() === 'PUT' && !held) {
          held = true
          await put.hold()
        }
        await route.continue()
      },
    )
    const failComplete = async (route: Route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ code: 503, msg: 'Storage is unavailable, try again shortly' }),
      })
    await page.route(`${stack.server}/api/v1/files/complete`, failComplete)

    const inline = await setUp({ 'publishable-key': stack.publishableKey, inline: true, multiple: true })
    await expect(inline.host.locator('.uppy-Dashboard-note')).toContainText('MiB')
    found.push(...(await checkState(page, testInfo, `${theme}-1-empty`)))
    await inline.add(refused.text)
    await expect(inline.notices).toHaveCount(1)
    found.push(...(await checkState(page, testInfo, `${theme}-2-refused`)))
    await inline.add({
      name: 'harbour.png',
      mimeType: 'image/png',
      buffer: png({ seed: 61, width: 320, height: 200 }),
    })
    await expect(inline.uploadButton).toBeVisible()
    found.push(...(await checkState(page, testInfo, `${theme}-3-added`)))
    await inline.uploadButton.click()
    await put.reached
    found.push(...(await checkState(page, testInfo, `${theme}-4-uploading`)))
    put.release()
    await pageEvents.next('dropgate:error')
    await expect(inline.retryAll).toBeVisible()
    found.push(...(await checkState(page, testInfo, `${theme}-5-failed-retry`)))
    await page.unroute(`${stack.server}/api/v1/files/complete`, failComplete)
    await inline.retryAll.click()
    await pageEvents.next('dropgate:upload')
    await expect(inline.file('harbour.png')).toHaveClass(/is-complete/)
    found.push(...(await checkState(page, testInfo, `${theme}-6-confirmed`)))

    // A failure no retry fixes.
    const revoked = await setUp({ 'publishable-key': 'dg_pk_revoked_long_ago', inline: true })
    await revoked.add({ name: 'lost.png', mimeType: 'image/png', buffer: png({ seed: 62 }) })
    await revoked.uploadButton.click()
    await expect(revoked.notices).toContainText(['Retrying will not help'])
    found.push(...(await checkState(page, testInfo, `${theme}-7-failed-no-retry`)))

    // The modal: open, then closed with a file attached.
    const modal = await setUp({ 'publishable-key': stack.publishableKey, multiple: true })
    await modal.host.locator('.dg-open').click()
    await expect(modal.host.getByRole('dialog')).toBeVisible()
    found.push(...(await checkState(page, testInfo, `${theme}-8-modal-open`)))
    await modal.add({
      name: 'cover.png',
      mimeType: 'image/png',
      buffer: png({ seed: 63, width: 200, height: 200 }),
    })
    await modal.uploadButton.click()
    await expect(modal.file('cover.png')).toHaveClass(/is-complete/)
    await page.keyboard.press('Escape')
    await expect(modal.host.getByRole('dialog')).toBeHidden()
    await expect(modal.host.locator('.uppy-Dashboard--isClosing')).toHaveCount(0)
    await expect(modal.host.locator('.dg-attached')).toContainText('1 file attached')
    found.push(...(await checkState(page, testInfo, `${theme}-9-modal-attached`)))

    // Targets of at least 24×24 px (WCAG 2.2 target size), at the narrow width.
    await page.setViewportSize({ width: 375, height: 900 })
    const small = await modal.host.evaluate((el) =>
      [...(el.shadowRoot?.querySelectorAll<HTMLElement>('button') ?? [])]
        .filter((b) => b.getClientRects().length > 0)
        .map((b) => ({ name: b.className, ...b.getBoundingClientRect().toJSON() }))
        .filter((b) => b.width < 24 || b.height < 24)
        .map((b) => `${b.name} ${Math.round(b.width)}×${Math.round(b.height)}`),
    )
    expect(small).toEqual([])
    expect(found).toEqual([])
  })
}
