import { download, png, refused, sha256 } from '../harness/media.js'
import { expect, test, widget } from '../harness/test.js'

// Issue 6's acceptance in a real browser: a static page with nothing but the widget's script tag
// and the element, on its own origin, against a running server.

test.describe('a static page with only the script tag and <dropgate-upload>', () => {
  test('uploads an image and receives dropgate:upload with a link that serves the same bytes', async ({
    page,
    stack,
    pageEvents,
    signerRequests,
  }) => {
    await page.goto(stack.staticPage)
    const dg = widget(page.locator('dropgate-upload'))
    const image = png({ seed: 7 })
    await dg.add({ name: 'sunset.png', mimeType: 'image/png', buffer: image })
    await dg.uploadButton.click()

    const { detail } = await pageEvents.next('dropgate:upload')
    expect(detail).toMatchObject({ name: 'sunset.png', type: 'image/png', size: image.length })
    const link = String(detail.publicUrl)
    const served = await download(link)
    expect(served.status).toBe(200)
    expect(served.contentType).toBe('image/png')
    expect(served.sha256).toBe(sha256(image))
    // The element is also a form value: its value is the list of links.
    expect(await page.locator('dropgate-upload').evaluate((el) => (el as HTMLInputElement).value)).toEqual([
      link,
    ])
    // The upload went through the signer (what the next test expects not to happen).
    expect(signerRequests.some((r) => r.startsWith('POST /api/v1/files'))).toBe(true)
  })

  test('a refused file shows a message and makes no request to the signer', async ({
    page,
    stack,
    pageEvents,
    signerRequests,
  }) => {
    await page.goto(stack.staticPage)
    const dg = widget(page.locator('dropgate-upload'))
    await dg.add(refused.text)

    const { detail } = await pageEvents.next('dropgate:rejected')
    expect(detail).toMatchObject({ name: 'notes.txt' })
    await expect(dg.notices).toHaveCount(1)
    await expect(dg.notices.first()).toContainText('notes.txt')
    await expect(dg.files).toHaveCount(0)
    // Give a wrongly sent request every chance to show up before checking that none did.
    await page.waitForLoadState('networkidle')
    expect(signerRequests).toEqual([])
  })
})
