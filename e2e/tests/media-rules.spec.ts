import type { Page } from '@playwright/test'
import { download, png, pngBomb, sha256, wav } from '../harness/media.js'
import type { StoreStack } from '../harness/stack.js'
import { expect, mountElement, type PageEvent, test, widget } from '../harness/test.js'

// Issue 17, the widget's half: pixels and lengths are checked in the browser before any request
// for the file (no POST /api/v1/files), with the rule and the file's value in the message; a file
// within the rules uploads. The rules come from the server's policy (`media`, once the server
// publishes it) narrowed by the page's documented `mediaRules` option, which is what these pages
// set: the specs hold whether or not the server publishes rules of its own.

/** The static page (only the script tag), with one uploader made by `Dropgate.createUploader`. */
async function mountUploader(page: Page, stack: StoreStack, mediaRules: unknown) {
  await page.goto(stack.staticPage)
  await page.evaluate(
    ({ endpoint, publishableKey, mediaRules }) => {
      const target = document.createElement('div')
      target.id = 'uploader'
      document.body.replaceChildren(target)
      const events: { type: string; detail: unknown }[] = []
      Object.defineProperty(window, '__uploaderEvents', { value: events })
      const { createUploader } = (
        window as unknown as { Dropgate: { createUploader: (o: unknown) => unknown } }
      ).Dropgate
      const uploader = createUploader({ endpoint, publishableKey, target, inline: true, mediaRules }) as {
        on: (type: string, fn: (detail: unknown) => void) => void
      }
      for (const type of ['dropgate:upload', 'dropgate:rejected', 'dropgate:error'])
        uploader.on(type, (detail) => events.push({ type, detail }))
    },
    { endpoint: stack.server, publishableKey: stack.publishableKey, mediaRules },
  )
  const host = page.locator('#uploader')
  const events = async (type: string) =>
    (
      await page.evaluate(() => (window as unknown as { __uploaderEvents: PageEvent[] }).__uploaderEvents)
    ).filter((e) => e.type === type)
  return { dg: widget(host), events }
}

const created = (requests: readonly string[]) => requests.filter((r) => r === 'POST /api/v1/files')

test('an undersized image is refused before any signer request; a valid one uploads', async ({
  page,
  stack,
  signerRequests,
}) => {
  const { dg, events } = await mountUploader(page, stack, { image: { minSide: 128, maxAspect: 4 } })
  await dg.add({ name: 'photo.png', mimeType: 'image/png', buffer: png({ width: 100, height: 90, seed: 3 }) })
  await expect(dg.notices.first()).toHaveText(/photo\.png is 100 × 90 px; at least 128 × 128 px is needed\./)
  await expect(dg.file('photo.png')).toHaveCount(0)
  expect(await events('dropgate:rejected')).toEqual([
    {
      type: 'dropgate:rejected',
      detail: {
        name: 'photo.png',
        reason: 'dimensions',
        message: 'photo.png is 100 × 90 px; at least 128 × 128 px is needed.',
      },
    },
  ])

  await dg.add({
    name: 'strip.png',
    mimeType: 'image/png',
    buffer: png({ width: 1000, height: 200, seed: 4 }),
  })
  await expect(dg.notices.filter({ hasText: 'strip.png' })).toHaveText(
    /strip\.png is 1,000 × 200 px; its long side may be at most 4 times its short side\./,
  )
  expect(created(signerRequests)).toEqual([])

  const image = png({ width: 256, height: 256, seed: 5 })
  await dg.add({ name: 'square.png', mimeType: 'image/png', buffer: image })
  await expect(dg.file('square.png')).toHaveCount(1)
  await dg.uploadButton.click()
  await expect.poll(async () => (await events('dropgate:upload')).length).toBe(1)
  const [upload] = await events('dropgate:upload')
  expect(upload?.detail).toMatchObject({ name: 'square.png', type: 'image/png', size: image.length })
  const { publicUrl } = (upload?.detail ?? {}) as { publicUrl: string }
  expect((await download(publicUrl)).sha256).toBe(sha256(image))
  expect(created(signerRequests)).toHaveLength(1)
})

test('a too-long clip is refused before any signer request; one within the rule uploads', async ({
  page,
  stack,
  signerRequests,
}) => {
  const { dg, events } = await mountUploader(page, stack, { duration: { minSeconds: 1, maxSeconds: 2 } })
  await dg.add({ name: 'long.wav', mimeType: 'audio/wav', buffer: wav(3) })
  await expect(dg.notices.first()).toHaveText(/long\.wav lasts 3 s; at most 2 s is allowed\./)
  await dg.add({ name: 'blip.wav', mimeType: 'audio/wav', buffer: wav(0.5) })
  await expect(dg.notices.filter({ hasText: 'blip.wav' })).toHaveText(
    /blip\.wav lasts 0\.5 s; at least 1 s is needed\./,
  )
  expect((await events('dropgate:rejected')).map((e) => (e.detail as { reason: string }).reason)).toEqual([
    'duration',
    'duration',
  ])
  await expect(dg.files).toHaveCount(0)
  expect(created(signerRequests)).toEqual([])

  const clip = wav(1.5)
  await dg.add({ name: 'ok.wav', mimeType: 'audio/wav', buffer: clip })
  await dg.uploadButton.click()
  await expect.poll(async () => (await events('dropgate:upload')).length).toBe(1)
  const [upload] = await events('dropgate:upload')
  expect(upload?.detail).toMatchObject({ name: 'ok.wav', size: clip.length })
  expect(created(signerRequests)).toHaveLength(1)
})

test('the element refuses a pixel-bomb PNG by default, in the page language, without decoding it', async ({
  page,
  stack,
  signerRequests,
  pageEvents,
}) => {
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    locale: 'de',
    inline: true,
  })
  const dg = widget(host)
  const bomb = pngBomb(30000, 30000)
  expect(bomb.length).toBeLessThan(200)
  await dg.add({ name: 'bombe.png', mimeType: 'image/png', buffer: bomb })
  const { detail } = await pageEvents.next('dropgate:rejected')
  expect(detail).toEqual({
    name: 'bombe.png',
    reason: 'dimensions',
    message: 'bombe.png hat 30.000 × 30.000 px; höchstens 268.402.689 Pixel sind erlaubt.',
  })
  await expect(dg.notices.first()).toContainText('bombe.png hat 30.000 × 30.000 px')
  expect(created(signerRequests)).toEqual([])
})
