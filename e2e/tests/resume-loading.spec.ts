import { basename } from 'node:path'
import { download, png, sha256 } from '../harness/media.js'
import { expectResumed, leaveAtFortyPercent, records, resumeItem } from '../harness/resume.js'
import {
  expect,
  gate,
  mintToken,
  mountElement,
  recordStoreRequests,
  test,
  untilTokenExpired,
  widget,
} from '../harness/test.js'

// Resuming where the page's credential or the widget's own code arrives late (README "Resuming
// uploads"): an upload token that expired while the page was away, and a file added before the resume
// chunk (dist/dropgate-resume.js) has loaded.

test('an upload token that expired across the reload is fetched again and the upload resumes', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  const expired = await mintToken(stack, { ttl: 1 })
  // The page's backend: after the reload its first answer is a token that has expired meanwhile (the
  // server itself says so below), every later one is fresh.
  let afterReload = false
  let calls = 0
  await page.exposeFunction('nextToken', async () => {
    calls += 1
    return afterReload && calls === 1 ? expired : mintToken(stack)
  })
  const mount = async () => {
    const host = await mountElement(page, stack, { endpoint: stack.server, inline: true })
    await host.evaluate((el) => {
      const w = window as unknown as { nextToken: () => Promise<string> }
      ;(el as unknown as { getToken: () => Promise<string> }).getToken = () => w.nextToken()
    })
    return widget(host)
  }
  await leaveAtFortyPercent(
    page,
    stack,
    async () => {
      const dg = await mount()
      await dg.add(video.path)
      await dg.uploadButton.click()
    },
    async () => {
      // Away from the page first (its held parts go with it), then until the token has expired.
      await page.goto('about:blank')
      await untilTokenExpired(stack, expired)
      afterReload = true
      calls = 0
    },
  )
  const dg = await mount()
  await expect(resumeItem(dg.host)).toContainText(/\d+% sent — add the file again to continue/)
  const sent = recordStoreRequests(page, stack)
  await dg.add(video.path)
  await dg.uploadButton.click()
  await expectResumed(sent, pageEvents, video.sha256)
  // The expired token was refused once and replaced: exactly one more token was asked for.
  expect(calls).toBe(2)
  expect(await pageEvents.all('dropgate:error')).toEqual([])
})

test('a page that hands the widget a fresh token attribute after the reload resumes the upload', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  // Each page view renders a token of its own into the element, as a server-rendered page does.
  const mount = async () =>
    widget(
      await mountElement(page, stack, {
        endpoint: stack.server,
        inline: true,
        token: await mintToken(stack),
      }),
    )
  await leaveAtFortyPercent(page, stack, async () => {
    const dg = await mount()
    await dg.add(video.path)
    await dg.uploadButton.click()
  })
  const dg = await mount()
  await expect(resumeItem(dg.host)).toHaveCount(1)
  const sent = recordStoreRequests(page, stack)
  await dg.add(video.path)
  await dg.uploadButton.click()
  await expectResumed(sent, pageEvents, video.sha256)
})

test('a file added before the resume chunk has loaded still resumes once it arrives', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  const form = widget(page.locator('#script-embed'))
  const chunk = gate()
  await leaveAtFortyPercent(
    page,
    stack,
    async () => {
      await page.goto('/')
      await form.add(video.path)
    },
    async () => {
      // The reloaded page's resume chunk is held (a slow network) until the file has been added.
      await page.route('**/dropgate-resume.js', async (route) => {
        await chunk.hold()
        await route.continue()
      })
      await page.reload({ waitUntil: 'domcontentloaded' })
    },
  )
  await chunk.reached
  const sent = recordStoreRequests(page, stack)
  await form.add(video.path)
  await expect(form.file(basename(video.path))).toBeVisible()
  // Nothing goes to the store while the widget cannot yet tell whether the file is a resume.
  expect(sent).toEqual([])
  chunk.release()
  await expectResumed(sent, pageEvents, video.sha256)
  await expect.poll(async () => (await records(page)).length).toBe(0)
})

test('a resume chunk that fails to load leaves uploads working', async ({ page, pageEvents }) => {
  const warnings: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
  await page.route('**/dropgate-resume.js', (route) => route.abort('connectionreset'))
  await page.goto('/')
  const photo = png({ seed: 91 })
  await widget(page.locator('#script-embed')).add({ name: 'photo.png', mimeType: 'image/png', buffer: photo })
  const { detail } = await pageEvents.next('dropgate:upload')
  expect((await download(String(detail.publicUrl))).sha256).toBe(sha256(photo))
  expect(warnings.some((text) => text.includes('Dropgate: uploads cannot be resumed'))).toBe(true)
})
