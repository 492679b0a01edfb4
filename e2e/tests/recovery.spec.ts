import { download, MiB, png, sha256 } from '../harness/media.js'
import {
  expect,
  mintToken,
  mountElement,
  recordStoreRequests,
  spareServer,
  test,
  untilTokenExpired,
  widget,
} from '../harness/test.js'

// Issue 16: what the widget shows when an upload fails, and that Retry really recovers: a failed
// `complete`, a signer that crashed mid-upload, an expired upload token, a revoked key.

test('a 503 on complete ends in a visible failure; Retry confirms it and fills the form value', async ({
  page,
  stack,
  pageEvents,
}) => {
  const sent = recordStoreRequests(page, stack)
  const completes: number[] = []
  await page.route(`${stack.server}/api/v1/files/complete`, async (route) => {
    // The widget's own OPTIONS at mount (preflight-warm.ts) is no confirmation.
    if (route.request().method() !== 'POST') return route.fallback()
    completes.push(Date.now())
    await route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ code: 503, msg: 'Storage is unavailable, try again shortly' }),
    })
  })
  const host = await mountElement(
    page,
    stack,
    { endpoint: stack.server, 'publishable-key': stack.publishableKey, name: 'media', inline: true },
    { form: true },
  )
  const dg = widget(host)
  const image = png({ seed: 41 })
  await dg.add({ name: 'quay.png', mimeType: 'image/png', buffer: image })

  // Inside a form the upload starts at once; the bytes are stored, the confirmation keeps failing.
  const { detail: error } = await pageEvents.next('dropgate:error')
  expect(error).toMatchObject({ name: 'quay.png', code: 503 })
  const card = dg.file('quay.png')
  await expect(card).toHaveClass(/is-error/)
  await expect(card).not.toHaveClass(/is-complete/)
  await expect(host.locator('.uppy-StatusBar')).not.toHaveClass(/is-complete/)
  await expect(host.locator('.uppy-StatusBar')).toContainText('Upload failed')
  await expect(host.locator('.uppy-DashboardContent-title')).toHaveText('Upload failed')
  await expect(dg.notices).toHaveCount(1)
  await expect(dg.notices.first()).toContainText('quay.png could not be uploaded: the server had a problem')
  await expect(dg.retryAll).toBeVisible()
  await expect(dg.retryFile('quay.png')).toBeVisible()
  expect(await dg.value()).toEqual([])
  expect(await pageEvents.all('dropgate:upload')).toEqual([])
  // The form is not valid while a file failed, and says which.
  expect(await host.evaluate((el) => (el as HTMLInputElement).validationMessage)).toContain('quay.png')
  const puts = sent.filter((r) => r.method === 'PUT').length
  expect(puts).toBe(1)
  const triedBefore = completes.length

  // The store is back: Retry asks the server to confirm again, and sends no byte again.
  await page.unroute(`${stack.server}/api/v1/files/complete`)
  await dg.retryFile('quay.png').click()
  const { detail } = await pageEvents.next('dropgate:upload')
  await expect(card).toHaveClass(/is-complete/)
  await expect(dg.notices).toHaveCount(0)
  expect(await dg.value()).toEqual([detail.publicUrl])
  expect(await host.evaluate((el) => (el as HTMLInputElement).validationMessage)).toBe('')
  expect(sent.filter((r) => r.method === 'PUT').length).toBe(puts)
  expect(triedBefore).toBeGreaterThan(0)
  expect((await download(String(detail.publicUrl))).sha256).toBe(sha256(image))
})

test('complete answers that the object is gone: Retry sends the file again, with a new upload URL', async ({
  page,
  stack,
  pageEvents,
}) => {
  const sent = recordStoreRequests(page, stack)
  let refused = 0
  await page.route(`${stack.server}/api/v1/files/complete`, async (route) => {
    if (route.request().method() !== 'POST' || refused++ > 0) return route.fallback()
    await route.fulfill({
      status: 404,
      contentType: 'application/json',
      body: JSON.stringify({ code: 404, msg: 'File not found' }),
    })
  })
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    inline: true,
  })
  const dg = widget(host)
  const image = png({ seed: 45 })
  await dg.add({ name: 'pier.png', mimeType: 'image/png', buffer: image })
  await dg.uploadButton.click()
  await pageEvents.next('dropgate:error')
  await expect(dg.notices.first()).toContainText(
    'the file did not arrive in storage. Retry to send it again.',
  )
  await dg.retryFile('pier.png').click()
  const { detail } = await pageEvents.next('dropgate:upload')
  const puts = sent.filter((r) => r.method === 'PUT')
  expect(puts).toHaveLength(2)
  // A fresh answer of the server: another upload URL (another object key) the second time.
  expect(puts[0]?.url.pathname).not.toBe(puts[1]?.url.pathname)
  expect((await download(String(detail.publicUrl))).sha256).toBe(sha256(image))
})

test('the signer crashes mid-upload: the failure offers Retry, and Retry after the restart completes', async ({
  page,
  stack,
  fullStack,
  store,
  pageEvents,
}) => {
  const server = await spareServer(fullStack, store)
  try {
    const host = await mountElement(page, stack, {
      endpoint: server.url,
      'publishable-key': stack.publishableKey,
      inline: true,
    })
    const dg = widget(host)
    // 3 MiB at 256 KiB/s: the PUT takes ~12 s, so the crash lands while its body is on the way.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    const throttle = (uploadThroughput: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      })
    await throttle(256 * 1024)
    const image = png({ seed: 42, padTo: 3 * MiB })
    await dg.add({ name: 'ferry.png', mimeType: 'image/png', buffer: image })
    await dg.uploadButton.click()
    await expect.poll(async () => Number(await dg.progress.getAttribute('aria-valuenow'))).toBeGreaterThan(5)
    await server.kill()

    const { detail: error } = await pageEvents.next('dropgate:error')
    expect(error).toMatchObject({ name: 'ferry.png', code: 0 })
    await expect(dg.notices.first()).toContainText('the server could not be reached')
    await expect(dg.retryFile('ferry.png')).toBeVisible()

    await server.start()
    await throttle(-1)
    await dg.retryFile('ferry.png').click()
    const { detail } = await pageEvents.next('dropgate:upload')
    expect(detail.name).toBe('ferry.png')
    await expect(dg.file('ferry.png')).toHaveClass(/is-complete/)
    await expect(dg.notices).toHaveCount(0)
    expect((await download(String(detail.publicUrl))).sha256).toBe(sha256(image))
  } finally {
    await server.stop()
  }
})

test('an expired upload token is replaced through getToken and the upload goes on', async ({
  page,
  stack,
  pageEvents,
}) => {
  const expired = await mintToken(stack, { ttl: 1 })
  await untilTokenExpired(stack, expired)
  // The page's backend: the first token it hands out has expired, every later one is fresh.
  await page.exposeFunction('nextToken', async (call: number) => (call === 1 ? expired : mintToken(stack)))
  const host = await mountElement(page, stack, { endpoint: stack.server, inline: true })
  await host.evaluate((el) => {
    const w = window as unknown as { calls: number; nextToken: (call: number) => Promise<string> }
    w.calls = 0
    ;(el as unknown as { getToken: () => Promise<string> }).getToken = () => w.nextToken(++w.calls)
  })
  const dg = widget(host)
  await dg.add({ name: 'token.png', mimeType: 'image/png', buffer: png({ seed: 43 }) })
  await dg.uploadButton.click()

  const { detail } = await pageEvents.next('dropgate:upload')
  expect(detail.name).toBe('token.png')
  expect(await page.evaluate(() => (window as unknown as { calls: number }).calls)).toBe(2)
  expect(await pageEvents.all('dropgate:error')).toEqual([])
})

test('a revoked publishable key says what to do and offers no Retry', async ({ page, stack, pageEvents }) => {
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': 'dg_pk_revoked_long_ago',
    inline: true,
  })
  const dg = widget(host)
  await dg.add({ name: 'lost.png', mimeType: 'image/png', buffer: png({ seed: 44 }) })
  await dg.uploadButton.click()

  const { detail } = await pageEvents.next('dropgate:error')
  expect(detail).toMatchObject({ name: 'lost.png', code: 401 })
  await expect(dg.notices).toHaveCount(1)
  await expect(dg.notices.first()).toContainText('upload key is not accepted (revoked or mistyped)')
  await expect(dg.notices.first()).toContainText("Retrying will not help: tell the site's owner")
  await expect(dg.file('lost.png')).toHaveClass(/is-error/)
  await expect(dg.retryFile('lost.png')).toBeHidden()
  await expect(dg.retryAll).toBeHidden()
  // The file can still be removed, which clears its notice.
  await dg.removeFile('lost.png').click()
  await expect(dg.notices).toHaveCount(0)
})
