import { download } from '../harness/media.js'
import { expect, gate, partAttempts, test } from './harness.js'
import {
  addFiles,
  click,
  events,
  nextEvent,
  openScriptTagPage,
  PAUSE_RESUME,
  progress,
  UPLOAD_BUTTON,
  waitForPauseResume,
} from './widget.js'

// The 120 MiB video in Firefox: S3 multipart parts straight from Firefox to the store, 15 parts of
// 8 MiB (the e2e server sets DROPGATE_PART_SIZE_MB=8), as tests/large-files.spec.ts in Chromium.

const PARTS = 15

test('Firefox: a 120 MiB video goes up in multipart parts with rising progress, and its link serves the same bytes', async ({
  ff,
  stack,
  fullStack,
  signerRequests,
  storeRequests,
  logged,
}, testInfo) => {
  const video = fullStack.bigVideo
  // The progress bar as each part is stored: read when Firefox reports the part's answer.
  const seen: number[] = []
  ff.on('response', (response) => {
    if (response.request().method() === 'PUT' && response.url().includes('partNumber='))
      void progress(ff).then(
        (value) => value !== null && seen.push(value),
        () => {},
      )
  })
  await openScriptTagPage(ff, stack)
  await addFiles(ff, video.path)
  await click(ff, UPLOAD_BUTTON)

  const { detail } = await nextEvent(ff, 'dropgate:upload')
  const served = await download(String(detail.publicUrl))
  expect(served).toMatchObject({ status: 200, contentType: 'video/mp4', size: video.size })
  expect(served.sha256).toBe(video.sha256)

  // Visible progress: between 0 and 100 while parts went up, never going back.
  const during = seen.filter((value) => value > 0 && value < 100)
  expect(during.length).toBeGreaterThan(3)
  expect(during).toEqual([...during].sort((a, b) => a - b))
  // Multipart for real: each part once, one complete; the signer created the upload (the browser sends
  // no CreateMultipartUpload, docs/API.md §2.5) and signed the steps.
  const attempts = partAttempts(storeRequests)
  expect([...attempts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: PARTS }, (_, i) => i + 1))
  expect([...attempts.values()].every((n) => n === 1)).toBe(true)
  expect(storeRequests.filter((r) => r.method === 'POST' && r.url.searchParams.has('uploads'))).toHaveLength(
    0,
  )
  expect(storeRequests.filter((r) => r.method === 'POST' && r.url.searchParams.has('uploadId'))).toHaveLength(
    1,
  )
  expect(signerRequests.filter((r) => r.startsWith('POST /api/v1/uploads')).length).toBeGreaterThan(2)
  expect(signerRequests.filter((r) => r === 'POST /api/v1/uploads')).toHaveLength(1)
  expect(await events(ff, 'dropgate:error')).toEqual([])
  if (stack.store === 'local') expect(logged).toEqual([])
  else testInfo.annotations.push({ type: 'firefox log on Swift', description: JSON.stringify(logged) })
})

test('Firefox: pause and resume of a large upload; nothing goes to the store while paused', async ({
  ff,
  stack,
  fullStack,
  storeRequests,
  storedParts,
}) => {
  const video = fullStack.bigVideo
  // Part 4 is held when first asked for (BiDi network interception), so the pause lands mid-upload
  // however fast the store is, after parts 1-3 (sent alongside it, four at a time) are stored.
  const part4 = gate()
  await ff.setRequestInterception(true)
  ff.on('request', (request) => {
    const url = new URL(request.url())
    const first = request.method() === 'PUT' && url.searchParams.get('partNumber') === '4' && !part4.held
    // The page may have given up on a held request meanwhile (a pause aborts the one in flight).
    void (first ? part4.hold() : Promise.resolve()).then(() => request.continue().catch(() => {}))
  })
  await openScriptTagPage(ff, stack)
  await addFiles(ff, video.path)
  await click(ff, UPLOAD_BUTTON)

  await part4.reached
  await expect.poll(() => [1, 2, 3].every((n) => storedParts.has(n)), { timeout: 60_000 }).toBe(true)
  await waitForPauseResume(ff, 'Pause')
  await click(ff, PAUSE_RESUME)
  await waitForPauseResume(ff, 'Resume')
  part4.release()
  const storedBeforePause = new Set(storedParts)
  expect(storedBeforePause.has(4)).toBe(false)
  const sentBeforePause = storeRequests.length
  // Paused: the network goes quiet and no part PUT (nor any other store request) is sent.
  await ff.waitForNetworkIdle({ idleTime: 2_000, timeout: 30_000 })
  expect(storeRequests.length).toBe(sentBeforePause)
  const pausedAt = await progress(ff)
  expect(pausedAt).toBeGreaterThan(0)
  expect(pausedAt).toBeLessThan(100)

  await click(ff, PAUSE_RESUME)
  const { detail } = await nextEvent(ff, 'dropgate:upload')
  expect((await download(String(detail.publicUrl))).sha256).toBe(video.sha256)

  const attempts = partAttempts(storeRequests)
  expect(attempts.size).toBe(PARTS)
  // What was stored before the pause is not sent again; the held part 4 is sent again.
  for (const part of storedBeforePause) expect(attempts.get(part), `part ${part}`).toBe(1)
  expect(attempts.get(4)).toBe(2)
  expect(storeRequests.length).toBeGreaterThan(sentBeforePause)
  expect(await events(ff, 'dropgate:error')).toEqual([])
})
