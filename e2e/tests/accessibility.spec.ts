import { seriousViolations } from '../harness/axe.js'
import { png, refused } from '../harness/media.js'
import { expect, test, widget } from '../harness/test.js'

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
