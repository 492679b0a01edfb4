import { download, png } from '../harness/media.js'
import {
  expect,
  focused,
  gate,
  interceptStore,
  mintToken,
  mountElement,
  submits,
  test,
  widget,
} from '../harness/test.js'

// Issue 16: one button for a form (auto-upload, a submit that waits), focus where a keyboard user
// expects it, remove after upload, the modal's opener, copy link, the limits line, the drop zone.

const image = (name: string, seed: number) => ({ name, mimeType: 'image/png', buffer: png({ seed }) })

test('inside a form the upload starts by itself; a submit during it waits, then sends the links', async ({
  page,
  stack,
  pageEvents,
}) => {
  const put = gate()
  await interceptStore(page, stack, [''], (r) =>
    r.method === 'PUT' && r.attempt === 1 ? put.hold() : undefined,
  )
  const host = await mountElement(
    page,
    stack,
    {
      endpoint: stack.server,
      'publishable-key': stack.publishableKey,
      name: 'media',
      inline: true,
      required: true,
    },
    { form: true },
  )
  const dg = widget(host)
  await dg.add(image('dock.png', 51))
  // No Upload button to press: the PUT is on its way (held here).
  await put.reached
  await expect(dg.uploadButton).toHaveCount(0)

  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(dg.status).toHaveText('The form will be sent as soon as the uploads finish.')
  expect(await submits(page)).toEqual([])

  put.release()
  const { detail } = await pageEvents.next('dropgate:upload')
  await expect.poll(() => submits(page)).toEqual([[detail.publicUrl]])
  await expect(dg.status).toHaveText('')
})

test('a form with a failed file is not sent, and says which file', async ({ page, stack, pageEvents }) => {
  const host = await mountElement(
    page,
    stack,
    { endpoint: stack.server, 'publishable-key': 'dg_pk_revoked_long_ago', name: 'media', inline: true },
    { form: true },
  )
  await widget(host).add(image('gone.png', 52))
  await pageEvents.next('dropgate:error')
  await page.getByRole('button', { name: 'Publish' }).click()
  expect(await host.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe(
    'Not uploaded: gone.png. Retry or remove them, then send the form again.',
  )
  expect(await submits(page)).toEqual([])
})

test('remove after upload drops the file from the value; focus moves to the next file', async ({
  page,
  stack,
  pageEvents,
}) => {
  const host = await mountElement(
    page,
    stack,
    {
      endpoint: stack.server,
      'publishable-key': stack.publishableKey,
      name: 'media',
      inline: true,
      multiple: true,
    },
    { form: true },
  )
  const dg = widget(host)
  await dg.add([image('one.png', 53), image('two.png', 54), image('three.png', 55)])
  await pageEvents.next('dropgate:upload', 2)
  await expect(host.locator('.uppy-Dashboard-Item.is-complete')).toHaveCount(3)
  const links = await dg.value()
  expect(links).toHaveLength(3)

  // With the keyboard: focus the ✕ of the first file and press Enter.
  await dg.removeFile('one.png').focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => dg.value()).toHaveLength(2)
  expect(links.slice(1).sort()).toEqual((await dg.value()).sort())
  await expect.poll(() => focused(host)).toMatchObject({ where: 'widget', file: 'two.png' })
  expect((await focused(host)).className).toContain('uppy-Dashboard-Item-action--remove')
})

test('focus: on the file list after picking, never on the page body', async ({ page, stack }) => {
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    inline: true,
    multiple: true,
  })
  const dg = widget(host)
  // A keyboard user reaches "browse files" and picks two files: the button is replaced by the list.
  await host.locator('.uppy-Dashboard-browse').focus()
  await dg.add([image('a.png', 56), image('b.png', 57)])
  await expect(dg.files).toHaveCount(2)
  await expect.poll(async () => (await focused(host)).className).toContain('uppy-Dashboard-files')
  // Its focus ring is visible.
  const outline = await host
    .locator('.uppy-Dashboard-files')
    .evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(outline).toBe('solid')
})

test('the modal is named, focus returns to its opener, which then shows what is attached', async ({
  page,
  stack,
  pageEvents,
}) => {
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    multiple: true,
  })
  const dg = widget(host)
  const opener = host.locator('.dg-open')
  await opener.click()
  const dialog = host.getByRole('dialog', { name: 'File upload' })
  await expect(dialog).toBeVisible()
  await expect.poll(async () => (await focused(host)).className).toMatch(/uppy-Dashboard-(browse|close)/)
  await dg.add(image('cover.png', 58))
  await dg.uploadButton.click()
  const { detail } = await pageEvents.next('dropgate:upload')

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect.poll(async () => (await focused(host)).className).toBe('dg-open')
  await expect(host.locator('.dg-attached')).toContainText('1 file attached')
  await expect(host.locator('.dg-attached img')).toHaveAttribute('src', String(detail.publicUrl))
  await expect(host.locator('.dg-attached img')).toHaveAttribute('alt', 'cover.png')
})

test('copy link copies the public URL and says so', async ({ page, stack, pageEvents, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(stack.staticPage).origin,
  })
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    inline: true,
  })
  const dg = widget(host)
  await dg.add(image('link.png', 59))
  await dg.uploadButton.click()
  const { detail } = await pageEvents.next('dropgate:upload')
  await dg.file('link.png').locator('.uppy-Dashboard-Item-action--copyLink').click()
  await expect(dg.status).toHaveText('Link to link.png copied.')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(detail.publicUrl)
})

test('the limits line comes from the policy, in MiB; the whole drop zone opens the picker', async ({
  page,
  stack,
}) => {
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    inline: true,
    'max-files': '3',
  })
  // The e2e server allows 200 MiB videos (global-setup), its other caps are the defaults.
  await expect(host.locator('.uppy-Dashboard-note')).toHaveText(
    'Images up to 10 MiB, audio files up to 100 MiB, videos up to 200 MiB · at most 3 files',
  )
  const zone = host.locator('.uppy-Dashboard-AddFiles')
  const box = await zone.boundingBox()
  if (!box) throw new Error('no drop zone')
  const chooser = page.waitForEvent('filechooser')
  await page.mouse.click(box.x + 12, box.y + 12)
  expect((await chooser).isMultiple()).toBe(true)
})

test('with page-drop, a file dropped anywhere on the page is added', async ({ page, stack }) => {
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    inline: true,
    'page-drop': true,
  })
  await page.evaluate(() => {
    const holder = document.createElement('p')
    holder.id = 'elsewhere'
    holder.textContent = 'Somewhere else on the page'
    document.body.prepend(holder)
  })
  const transfer = await page.evaluateHandle(async () => {
    const data = new DataTransfer()
    const bytes = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      ),
      (c) => c.charCodeAt(0),
    )
    data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }))
    return data
  })
  await page.dispatchEvent('#elsewhere', 'dragover', { dataTransfer: transfer })
  await page.dispatchEvent('#elsewhere', 'drop', { dataTransfer: transfer })
  await expect(widget(host).file('dropped.png')).toBeVisible()
})

test('with an upload token (a backend), removing a confirmed file also deletes it from storage', async ({
  page,
  stack,
  pageEvents,
}) => {
  await page.exposeFunction('backendToken', () => mintToken(stack))
  const host = await mountElement(page, stack, { endpoint: stack.server, inline: true })
  await host.evaluate((el) => {
    ;(el as unknown as { getToken: () => Promise<string> }).getToken = () =>
      (window as unknown as { backendToken: () => Promise<string> }).backendToken()
  })
  const dg = widget(host)
  await dg.add(image('delete-me.png', 60))
  await dg.uploadButton.click()
  const { detail } = await pageEvents.next('dropgate:upload')
  const link = String(detail.publicUrl)
  expect((await download(link)).status).toBe(200)
  await dg.removeFile('delete-me.png').click()
  expect(await dg.value()).toEqual([])
  await expect.poll(async () => (await download(link)).status).toBe(404)
})
