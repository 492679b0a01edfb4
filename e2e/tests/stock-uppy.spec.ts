import { download } from '../harness/media.js'
import { browserCreates, expect, partAttempts, recordStoreRequests, test } from '../harness/test.js'

// A site that brings its own Uppy instead of the widget: Uppy's CDN bundle, Dashboard and the
// unpatched @uppy/aws-s3 6.1.0 in `signRequest` mode (testkit's pages/stock-uppy.js). That
// @uppy/aws-s3 sends CreateMultipartUpload itself and reads the UploadId from the XML answer, while
// the signer creates every upload (docs/API.md §2.5): it is signed the `initiate` URL, which answers
// the upload already created. The 120 MiB video goes in 15 parts of 8 MiB, one at a time, as stock
// Uppy sends them.

const PARTS = 15

test('stock Uppy uploads the 120 MiB video in parts through the signer, creating no second upload, and its link serves the same bytes', async ({
  page,
  stack,
  fullStack,
}) => {
  const video = fullStack.bigVideo
  const sent = recordStoreRequests(page, stack)
  const initiates: { status: number; type: string | null }[] = []
  page.on('response', (response) => {
    if (
      /\/api\/v1\/uploads\/[^/]+\/initiate\?ticket=/.test(response.url()) &&
      response.request().method() === 'POST'
    )
      initiates.push({ status: response.status(), type: response.headers()['content-type'] ?? null })
  })
  await page.goto(`${stack.stockUppyPage}?auto`)
  await page.waitForFunction(() => (window as { stockReady?: boolean }).stockReady)
  const finished = page.evaluate(
    () =>
      new Promise<{ successful: { publicUrl: string; size: number }[]; failed: string[] }>((resolve) =>
        window.addEventListener('stock:complete', (event) => resolve((event as CustomEvent).detail), {
          once: true,
        }),
      ),
  )
  await page.locator('#uppy input[type=file]').first().setInputFiles(video.path)
  const { successful, failed } = await finished

  expect(failed).toEqual([])
  expect(successful).toHaveLength(1)
  const served = await download(successful[0]?.publicUrl ?? '')
  expect(served).toMatchObject({ status: 200, contentType: 'video/mp4', size: video.size })
  expect(served.sha256).toBe(video.sha256)

  // Its create request went to the signer's initiate URL, which answered the upload's XML; none
  // reached the store, and every part went to the one upload the signer created.
  expect(initiates).toEqual([{ status: 200, type: 'application/xml' }])
  expect(browserCreates(sent)).toHaveLength(0)
  expect(sent.filter((r) => r.createdBySigner)).toHaveLength(1)
  const attempts = partAttempts(sent)
  expect([...attempts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: PARTS }, (_, i) => i + 1))
  const uploadIds = new Set(
    sent.filter((r) => r.partNumber !== undefined).map((r) => r.url.searchParams.get('uploadId')),
  )
  expect(uploadIds.size).toBe(1)
  expect(sent.filter((r) => r.method === 'POST' && r.url.searchParams.has('uploadId'))).toHaveLength(1)
})
