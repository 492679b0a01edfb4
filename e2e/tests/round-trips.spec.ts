import type { Page } from '@playwright/test'
import { png, wav } from '../harness/media.js'
import { expect, mountElement, test, widget } from '../harness/test.js'

// Issue 21, "faster to a link": what a page pays after a file is dropped. The widget clears its
// signer routes' CORS preflights and starts loading the media reader as it mounts, so after the drop
// a photo costs its signing request, its PUT (with the store's preflight: a new URL each time, the
// floor) and its confirmation, and nothing else. Counted from Chromium's own network events (CDP),
// which, unlike Playwright's request events, include every preflight.

interface Sent {
  readonly method: string
  readonly url: URL
}

async function recordNetwork(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  const sent: Sent[] = []
  cdp.on('Network.requestWillBeSent', ({ request }) => {
    if (request.url.startsWith('http')) sent.push({ method: request.method, url: new URL(request.url) })
  })
  return sent
}

const name = ({ method, url }: Sent) => `${method} ${url.pathname}`
const isMediaReader = ({ url }: Sent) => url.pathname.endsWith('/dropgate-media.js')

test('after a drop a photo pays sign, PUT and confirm: no signer preflight, no media chunk', async ({
  page,
  stack,
  pageEvents,
}) => {
  const sent = await recordNetwork(page)
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    inline: true,
    'auto-upload': true,
  })
  const signer = new URL(stack.server).origin
  const toSigner = (s: Sent) => s.url.origin === signer && s.url.pathname.startsWith('/api/')
  // As it mounts: the media reader, and each route's preflight then the widget's own OPTIONS, which
  // the browser sends only once the preflight's answer is in hand (and in its cache).
  await expect
    .poll(() => ({
      reader: sent.some(isMediaReader),
      options: sent
        .filter((s) => toSigner(s) && s.method === 'OPTIONS')
        .map(name)
        .sort(),
    }))
    .toEqual({
      reader: true,
      // Each route twice: the browser's preflight, then the widget's own OPTIONS it cleared.
      options: [
        'OPTIONS /api/v1/files',
        'OPTIONS /api/v1/files',
        'OPTIONS /api/v1/files/complete',
        'OPTIONS /api/v1/files/complete',
      ],
    })
  const atDrop = sent.length

  await widget(host).add({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: png({ width: 256, height: 256 }),
  })
  await pageEvents.next('dropgate:upload')

  const after = sent.slice(atDrop)
  expect(after.filter(toSigner).map(name)).toEqual(['POST /api/v1/files', 'POST /api/v1/files/complete'])
  expect(after.filter(isMediaReader)).toEqual([])
  // The PUT and its own preflight, to the store (the signer's /store/ or the bucket): 4 in all.
  const store = after.filter((s) => !toSigner(s))
  expect(store.map((s) => s.method).sort()).toEqual(['OPTIONS', 'PUT'])
  expect(after).toHaveLength(4)
  // Its thumbnail, drawn once the signing request was out (thumbnails-after-signing.ts), is there.
  await expect(host.locator('.uppy-Dashboard-Item-previewImg')).toBeVisible()
})

test('an uploader for sounds alone, with no duration rule, never fetches the media reader', async ({
  page,
  stack,
  pageEvents,
}) => {
  const sent = await recordNetwork(page)
  // The static page, its one uploader taking sounds only (a page served by the harness: Chromium
  // lets a page the test fulfilled itself reach no loopback server).
  await page.goto(`${stack.staticPage}?accept=${encodeURIComponent('audio/*')}`)
  await expect(page.locator('dropgate-upload')).toHaveAttribute('accept', 'audio/*')
  const dg = widget(page.locator('dropgate-upload'))
  await dg.add({ name: 'blip.wav', mimeType: 'audio/wav', buffer: wav(1) })
  await dg.uploadButton.click()
  const { detail } = await pageEvents.next('dropgate:upload')
  expect(detail).toMatchObject({ name: 'blip.wav', type: 'audio/wav' })
  expect(sent.filter(isMediaReader)).toEqual([])
  // It did load its script, so the chunk's absence is the widget's choice, not a page that failed.
  expect(sent.some((s) => s.url.pathname.endsWith('/dropgate.iife.js'))).toBe(true)
})

test('a page left open past the preflight cache clears the signer routes again when the pointer comes', async ({
  page,
  stack,
}) => {
  // The page's clock, moved on by hand: the browser keeps a preflight 2 hours at most, and a tab may
  // stay open all day. (Chromium's own preflight cache runs on the real clock; what is counted here is
  // the widget's asking again.)
  await page.clock.install()
  const sent = await recordNetwork(page)
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    inline: true,
  })
  const signer = new URL(stack.server).origin
  const warmUps = () =>
    sent.filter(
      (s) => s.url.origin === signer && s.method === 'OPTIONS' && s.url.pathname === '/api/v1/files',
    ).length
  await expect.poll(warmUps).toBe(2)
  // Within the cache's life a pointer over the widget, or focus in it, sends nothing more: a request
  // of the page's own, sent after both, is seen with no warm-up before it (CDP reports in order).
  await page.mouse.move(0, 0)
  await host.hover()
  await page.keyboard.press('Tab')
  await page.evaluate((url) => fetch(url).then((r) => r.status), `${stack.server}/healthz?marker`)
  await expect.poll(() => sent.some((s) => s.url.search === '?marker')).toBe(true)
  expect(warmUps()).toBe(2)
  // Near two hours on, the same move clears both routes again, ahead of the drop.
  await page.clock.fastForward('01:56:00')
  await page.mouse.move(0, 0)
  await host.hover()
  await expect.poll(warmUps).toBeGreaterThan(2)
  await expect
    .poll(
      () =>
        sent.filter(
          (s) =>
            s.url.origin === signer && s.method === 'OPTIONS' && s.url.pathname === '/api/v1/files/complete',
        ).length,
    )
    .toBeGreaterThan(2)
})
