import { writeFile } from 'node:fs/promises'
import { download, png, refused, sha256 } from '../harness/media.js'
import { expect, test } from './harness.js'
import {
  addFiles,
  click,
  events,
  fileCards,
  nextEvent,
  notices,
  openScriptTagPage,
  UPLOAD_BUTTON,
} from './widget.js'

// The script-tag embed in Debian's firefox-esr over WebDriver BiDi: the same acceptance as
// tests/script-tag-only.spec.ts in Chromium, on both stores.

test.describe('Firefox: a static page with only the script tag and <dropgate-upload>', () => {
  test('uploads an image, its link serves the same bytes, and Firefox logs no error', async ({
    ff,
    stack,
    signerRequests,
    storeRequests,
    logged,
  }, testInfo) => {
    const image = png({ seed: 11 })
    const path = testInfo.outputPath('sunset.png')
    await writeFile(path, image)
    await openScriptTagPage(ff, stack)
    await addFiles(ff, path)
    await click(ff, UPLOAD_BUTTON)

    const { detail } = await nextEvent(ff, 'dropgate:upload')
    expect(detail).toMatchObject({ name: 'sunset.png', type: 'image/png', size: image.length })
    const served = await download(String(detail.publicUrl))
    expect(served).toMatchObject({ status: 200, contentType: 'image/png' })
    expect(served.sha256).toBe(sha256(image))
    expect(signerRequests.some((r) => r.startsWith('POST /api/v1/files'))).toBe(true)
    expect(storeRequests.filter((r) => r.method === 'PUT')).toHaveLength(1)
    expect(await events(ff, 'dropgate:error')).toEqual([])
    // The embedded store's empty PUT answer is typed, so Firefox parses nothing as XML. Swift's own
    // answers are out of our hands: what Firefox logged there is recorded, not asserted.
    if (stack.store === 'local') expect(logged).toEqual([])
    else testInfo.annotations.push({ type: 'firefox log on Swift', description: JSON.stringify(logged) })
  })

  test('a refused file shows a message and makes no request to the signer', async ({
    ff,
    stack,
    signerRequests,
    storeRequests,
  }, testInfo) => {
    const path = testInfo.outputPath(refused.text.name)
    await writeFile(path, refused.text.buffer)
    await openScriptTagPage(ff, stack)
    await addFiles(ff, path)

    const { detail } = await nextEvent(ff, 'dropgate:rejected')
    expect(detail).toMatchObject({ name: 'notes.txt' })
    const shown = await notices(ff)
    expect(shown).toHaveLength(1)
    expect(shown[0]).toContain('notes.txt')
    expect(await fileCards(ff)).toBe(0)
    // Give a wrongly sent request every chance to show up (BiDi network events) before checking.
    await ff.waitForNetworkIdle({ idleTime: 1_000 })
    expect(signerRequests).toEqual([])
    expect(storeRequests).toEqual([])
  })
})
