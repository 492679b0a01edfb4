import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { download, png, refused, sha256 } from '../harness/media.js'
import { expect, test, widget } from '../harness/test.js'

// The demo page, built against the project's server (one project per store), driven as a person
// would: files go in through the Dashboards' file inputs, buttons are clicked.

/** Real media made by ffmpeg, a few KB each, shared with the server's suite. */
const REAL_MEDIA = join(import.meta.dirname, '..', '..', 'server', 'test', 'fixtures')

test('an image through the script-tag embed: link returned, same bytes, right Content-Type', async ({
  page,
  pageEvents,
}) => {
  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  const image = png({ seed: 3, width: 64, height: 40 })
  // Inside a form, the upload starts as the file is added: no Upload button to press.
  await form.add({ name: 'harbour.png', mimeType: 'image/png', buffer: image })

  const { detail } = await pageEvents.next('dropgate:upload')
  const link = String(detail.publicUrl)
  const served = await download(link)
  expect(served).toMatchObject({ status: 200, contentType: 'image/png', size: image.length })
  expect(served.sha256).toBe(sha256(image))

  // The page shows what came back: the picture, loaded from that link, and the event.
  const card = page.locator('#gallery li.file', { has: page.locator(`a[href="${link}"]`) })
  await expect(card).toContainText('harbour.png')
  await expect(card).toContainText('via script tag')
  const img = card.locator('img')
  await expect(img).toHaveAttribute('src', link)
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(64)
  await expect(page.locator('#log li.log-upload')).toContainText(link)
})

test('the form submits the uploaded links, and the echo shows what arrived', async ({ page, pageEvents }) => {
  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  const publish = page.getByRole('button', { name: 'Publish' })

  // Required and empty: the browser keeps the form from being sent.
  await publish.click()
  expect(
    await page.locator('#script-embed').evaluate((el) => (el as HTMLInputElement).validity.valueMissing),
  ).toBe(true)
  await expect(page.locator('#echo-frame')).toBeHidden()

  await form.add([
    { name: 'one.png', mimeType: 'image/png', buffer: png({ seed: 11 }) },
    { name: 'two.png', mimeType: 'image/png', buffer: png({ seed: 12 }) },
  ])
  const { detail } = await pageEvents.next('dropgate:complete')
  expect((detail.successful as unknown[]).length).toBe(2)
  const links = await page.locator('#script-embed').evaluate((el) => [...(el as HTMLInputElement).value])
  expect(links).toHaveLength(2)

  await page.getByLabel('Title').fill('Two pictures')
  await publish.click()

  const echo = page.frameLocator('#echo-frame')
  await expect(page.locator('#echo-frame')).toBeVisible()
  const rows = echo.locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toHaveText(/^title\s*Two pictures$/)
  const echoed = await echo
    .locator('tbody tr', { hasText: 'media' })
    .locator('a')
    .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))
  expect(echoed.sort()).toEqual([...links].sort())
})

test('a .txt, an oversize image and a renamed HTML file are refused with a message and no request to the signer', async ({
  page,
  pageEvents,
  signerRequests,
}, testInfo) => {
  // The 11 MiB image goes in from disk, as a person's would (a buffer is copied through the protocol).
  const huge = testInfo.outputPath('huge.png')
  await writeFile(huge, refused.oversizeImage().buffer)
  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  const cases = [
    {
      file: refused.text,
      name: 'notes.txt',
      reason: /^(type|extension)$/,
      message: /notes\.txt.*not accepted/,
    },
    { file: huge, name: 'huge.png', reason: /^size$/, message: /huge\.png.*limit.*10 MiB/ },
    {
      file: refused.renamedHtml,
      name: 'holiday.png',
      reason: /^content$/,
      message: /holiday\.png.*not really/,
    },
  ]
  for (const [index, { file, name, reason, message }] of cases.entries()) {
    await form.add(file)
    const { detail } = await pageEvents.next('dropgate:rejected', index)
    expect(detail.name).toBe(name)
    expect(String(detail.reason)).toMatch(reason)
    // One notice: each new pick replaces the refusals of the one before.
    await expect(form.notices).toHaveCount(1)
    await expect(form.notices.first()).toContainText(message)
  }
  await expect(form.files).toHaveCount(0)
  await expect(form.uploadButton).toHaveCount(0)
  await expect(page.locator('#log li.log-rejected')).toHaveCount(3)
  await page.waitForLoadState('networkidle')
  expect(signerRequests).toEqual([])
})

test('returned files render from their public URLs: <img>, <video controls>, <audio controls>', async ({
  page,
}) => {
  await page.goto('/')
  const npm = widget(page.locator('#npm-embed'))
  await npm.add(['tiny.png', 'tiny.webm', 'tiny.mp3'].map((name) => join(REAL_MEDIA, name)))
  await npm.uploadButton.click()
  await expect(page.locator('#gallery li.file')).toHaveCount(3, { timeout: 30_000 })

  const img = page.locator('#gallery li.file-image img')
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(16)
  for (const kind of ['video', 'audio'] as const) {
    const media = page.locator(`#gallery li.file-${kind} ${kind}[controls]`)
    // Metadata loaded from the public URL: the browser read the real file (with Range requests).
    await expect
      .poll(() => media.evaluate((el: HTMLMediaElement) => el.readyState >= 1 && el.duration > 0), {
        message: `${kind} metadata`,
      })
      .toBe(true)
  }
  await expect(page.locator('#gallery li.file')).toContainText(['via npm', 'via npm', 'via npm'])
})

test('pt-BR locale and dark theme render, and the switches change both embeds', async ({
  page,
}, testInfo) => {
  await page.goto('/?locale=pt-BR&theme=dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  for (const id of ['#script-embed', '#npm-embed']) {
    const embed = page.locator(id)
    await expect(embed.locator('.uppy-Dashboard-AddFiles-title')).toContainText('Solte ou cole arquivos aqui')
    await expect(embed.locator('.dg-root')).toHaveAttribute('data-theme', 'dark')
    await expect(embed.locator('.uppy-Dashboard')).toHaveAttribute('data-uppy-theme', 'dark')
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(luminance(background)).toBeLessThan(0.1)

  // A refusal speaks Portuguese too.
  await widget(page.locator('#script-embed')).add(refused.text)
  await expect(page.locator('#script-embed .dg-notice')).toContainText('notes.txt não foi adicionado')
  await page.locator('#script-embed').scrollIntoViewIfNeeded()
  const darkShot = testInfo.outputPath('demo-pt-BR-dark.png')
  await page.screenshot({ path: darkShot, fullPage: true })
  await testInfo.attach('demo in pt-BR, dark', { path: darkShot, contentType: 'image/png' })

  // The switches: German, light.
  await page.getByLabel('Language').selectOption('de')
  await page.getByRole('radio', { name: 'Light' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect(page).toHaveURL(/locale=de&theme=light/)
  for (const id of ['#script-embed', '#npm-embed']) {
    await expect(page.locator(`${id} .uppy-Dashboard-AddFiles-title`)).toContainText('Dateien hier ablegen')
    await expect(page.locator(`${id} .uppy-Dashboard`)).toHaveAttribute('data-uppy-theme', 'light')
  }
  const lightShot = testInfo.outputPath('demo-de-light.png')
  await page.screenshot({ path: lightShot, fullPage: true })
  await testInfo.attach('demo in German, light', { path: lightShot, contentType: 'image/png' })
})

/** Relative luminance (0 black … 1 white) of a CSS `rgb(r, g, b)` colour. */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
