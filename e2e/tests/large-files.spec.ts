import { basename } from 'node:path'
import { download, png, sha256 } from '../harness/media.js'
import type { StoreStack } from '../harness/stack.js'
import {
  browserCreates,
  expect,
  gate,
  interceptStore,
  partAttempts,
  recordStoreRequests,
  test,
  uploadsCreated,
  widget,
} from '../harness/test.js'

// Large files go up in S3 multipart parts, straight from the browser to the store (Swift's S3 API,
// or the embedded store's S3 subset), each step signed by the server. The 120 MiB video is above
// the 100 MiB multipart threshold: 15 parts of 8 MiB (the e2e server sets DROPGATE_PART_SIZE_MB=8).

const PARTS = 15

/**
 * Asks the server to sign a multipart upload, as the widget does first, so a signing failure reads as
 * one rather than as a stalled upload. Signing only: nothing reaches the store.
 */
async function expectMultipartSigning(stack: StoreStack, size: number) {
  const answer = await fetch(`${stack.server}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${stack.publishableKey}`,
      Origin: stack.demo,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ filename: 'probe.mp4', contentType: 'video/mp4', fileSize: size }),
  })
  const body = (await answer.json()) as { msg?: string }
  expect(answer.status, body.msg).toBe(200)
}

test('a 120 MiB video goes up in multipart parts with visible progress, and its link serves the same bytes', async ({
  page,
  stack,
  fullStack,
  signerRequests,
}, testInfo) => {
  const video = fullStack.bigVideo
  await expectMultipartSigning(stack, video.size)
  const sent = recordStoreRequests(page, stack)
  // Hold part 5 for a moment, so the progress in flight can be looked at without a race.
  const part5 = gate()
  await interceptStore(page, stack, ['partNumber=5'], (r) =>
    r.method === 'PUT' && r.partNumber === 5 && r.attempt === 1 ? part5.hold() : undefined,
  )

  await page.goto('/')
  const npm = widget(page.locator('#npm-embed'))
  await npm.add(video.path)
  await npm.uploadButton.click()
  await part5.reached

  // Visible progress: the status bar's progress bar and its text, between 0 and 100 %.
  const progress = () => npm.progress.getAttribute('aria-valuenow').then(Number)
  await expect.poll(progress).toBeGreaterThan(20) // 4 of 15 parts stored
  expect(await progress()).toBeLessThan(100)
  await expect(npm.progress).toBeVisible()
  await expect(npm.host.locator('.uppy-StatusBar-statusPrimary')).toContainText(/\d+%/)
  await testInfo.attach('multipart upload in progress', {
    body: await npm.host.screenshot(),
    contentType: 'image/png',
  })
  part5.release()

  const card = page.locator('#gallery li.file-video')
  await expect(card).toContainText(basename(video.path), { timeout: 60_000 })
  const link = (await card.locator('a.file-link').getAttribute('href')) ?? ''
  const served = await download(link)
  expect(served).toMatchObject({ status: 200, contentType: 'video/mp4', size: video.size })
  expect(served.sha256).toBe(video.sha256)

  // It really was multipart: each part once, one complete; the signer created the upload (no
  // CreateMultipartUpload from the browser, docs/API.md §2.5) and signed each step.
  const attempts = partAttempts(sent)
  expect([...attempts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: PARTS }, (_, i) => i + 1))
  expect([...attempts.values()].every((n) => n === 1)).toBe(true)
  expect(browserCreates(sent)).toHaveLength(0)
  expect(uploadsCreated(sent)).toHaveLength(1)
  expect(sent.filter((r) => r.method === 'POST' && r.url.searchParams.has('uploadId'))).toHaveLength(1)
  expect(signerRequests.filter((r) => r.startsWith('POST /api/v1/uploads')).length).toBeGreaterThan(2)
  expect(signerRequests).toContain('POST /api/v1/files/complete')
})

test('a part PUT that fails once is sent again and the upload completes', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  const video = fullStack.bigVideo
  await expectMultipartSigning(stack, video.size)
  const sent = recordStoreRequests(page, stack)
  // The first attempt at part 2 loses its connection; every later request goes through.
  await interceptStore(page, stack, ['partNumber=2'], (r) =>
    r.method === 'PUT' && r.partNumber === 2 && r.attempt === 1 ? 'abort' : undefined,
  )

  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  await form.add(video.path)

  const { detail } = await pageEvents.next('dropgate:upload')
  const served = await download(String(detail.publicUrl))
  expect(served.sha256).toBe(video.sha256)
  expect(partAttempts(sent).get(2)).toBe(2)
  expect(partAttempts(sent).get(3)).toBe(1)
  expect(await pageEvents.all('dropgate:error')).toEqual([])
})

test('a single PUT that fails once is sent again and the upload completes', async ({
  page,
  stack,
  pageEvents,
}) => {
  const sent = recordStoreRequests(page, stack)
  const puts = () => sent.filter((r) => r.method === 'PUT').length
  await interceptStore(page, stack, [''], (r) =>
    r.method === 'PUT' && r.attempt === 1 ? 'abort' : undefined,
  )

  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  const image = png({ seed: 31, width: 320, height: 200 })
  await form.add({ name: 'retry.png', mimeType: 'image/png', buffer: image })

  const { detail } = await pageEvents.next('dropgate:upload')
  expect((await download(String(detail.publicUrl))).sha256).toBe(sha256(image))
  expect(puts()).toBe(2)
  expect(sent.some((r) => r.partNumber !== undefined)).toBe(false)
  expect(await pageEvents.all('dropgate:error')).toEqual([])
})

test('pause and resume of a large upload: the parts already stored are not sent again', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  const video = fullStack.bigVideo
  await expectMultipartSigning(stack, video.size)
  const sent = recordStoreRequests(page, stack)
  // Part 4 is held when first asked for, so the pause lands mid-upload, after parts 1–3 (sent
  // alongside it, four at a time) are stored.
  const part4 = gate()
  await interceptStore(page, stack, ['partNumber=4'], (r) =>
    r.method === 'PUT' && r.partNumber === 4 && r.attempt === 1 ? part4.hold() : undefined,
  )
  const stored = new Set<number>()
  page.on('requestfinished', async (request) => {
    const part = new URL(request.url()).searchParams.get('partNumber')
    if (request.method() === 'PUT' && part !== null && (await request.response())?.ok())
      stored.add(Number(part))
  })

  // The page's timers on Playwright's clock: they run in real time until the pause, then only as the
  // test moves that clock on.
  await page.clock.install()
  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  await form.add(video.path)
  await part4.reached
  await expect.poll(() => [1, 2, 3].every((n) => stored.has(n))).toBe(true)

  await expect(form.pauseResume).toHaveAttribute('aria-label', 'Pause')
  await form.pauseResume.click()
  await expect(form.pauseResume).toHaveAttribute('aria-label', 'Resume')
  part4.release()
  // Paused: nothing more goes to the store, and the progress stays where it was. The last reports
  // of parts that finished just before the click can still land after it: the widget reports at most
  // every 100 ms, and Uppy recomputes the total at most every 500 ms (its last call deferred, not
  // dropped). So the page's clock stops, moves on 2 s (every deferred report is made), and then 10 s
  // more of paused time must send nothing and leave the bar where it was.
  const shown = async () => Number(await form.progress.getAttribute('aria-valuenow'))
  // The jump is taken from the page's own clock, with room: on a loaded machine the call reaches the
  // page well after this process's Date.now(), and a moment already past cannot be paused at. What
  // fires in the jump fires at most once, as in the 2 s that follow.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000)
  await page.clock.runFor(2_000)
  const paused = await shown()
  expect(paused).toBeGreaterThan(0)
  expect(paused).toBeLessThan(100)
  const before = sent.length
  await page.clock.runFor(10_000)
  // A round trip to the page first: a request its timers made would be recorded by then.
  expect(await shown()).toBe(paused)
  expect(sent.length).toBe(before)
  await page.clock.resume()

  await form.pauseResume.click()
  const { detail } = await pageEvents.next('dropgate:upload')
  expect((await download(String(detail.publicUrl))).sha256).toBe(video.sha256)

  const attempts = partAttempts(sent)
  expect([1, 2, 3].map((n) => attempts.get(n))).toEqual([1, 1, 1])
  expect(attempts.get(4)).toBe(2)
  expect(attempts.size).toBe(PARTS)
  // On resume the widget asked the store which parts it already has (S3 ListParts).
  expect(sent.filter((r) => r.method === 'GET' && r.url.searchParams.has('uploadId')).length).toBeGreaterThan(
    0,
  )
})
