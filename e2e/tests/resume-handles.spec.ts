import { basename } from 'node:path'
import type { Page } from '@playwright/test'
import {
  addPrivateFile,
  dropFromDisk,
  editPrivateFile,
  putInPrivateFiles,
  removePrivateFile,
} from '../harness/file-handles.js'
import { expectResumed, records, reloadAtFortyPercent } from '../harness/resume.js'
import { expect, recordStoreRequests, test, widget } from '../harness/test.js'

// "Continue" after a reload (README "Resuming uploads"): a file added with a File System Access
// handle is read again through the handle its resume record keeps, without being picked again.
// The handle is a real one of the origin private file system (harness/file-handles.ts says why).

/** The 120 MiB video, put in the private file system and added through `addFileHandles`. */
const addWithHandle = (path: string) => async (page: Page) => {
  await expect(page.locator('#script-embed input[type=file]').first()).toBeAttached()
  await putInPrivateFiles(page, path, basename(path))
  await addPrivateFile(page, '#script-embed', basename(path))
}

/** Whether the page's resume records hold a file handle, each. */
const handlesKept = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<boolean[]>((resolve, reject) => {
        const open = indexedDB.open('dropgate-resume')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('uploads').objectStore('uploads').getAll()
          all.onsuccess = () =>
            resolve(
              (all.result as { handle?: unknown }[]).map((r) => r.handle instanceof FileSystemFileHandle),
            )
          all.onerror = () => reject(all.error)
        }
      }),
  )

test('a 120 MiB upload added with a handle continues after a reload with one click', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  await reloadAtFortyPercent(page, stack, addWithHandle(video.path))
  expect(await handlesKept(page)).toEqual([true])
  const form = widget(page.locator('#script-embed'))
  const item = form.host.locator('.dg-resume-item')
  await expect(item).toContainText(`${basename(video.path)}: `)
  const sent = recordStoreRequests(page, stack)
  await item.getByRole('button', { name: `Continue: ${basename(video.path)}` }).click()
  await expect(form.host.locator('.dg-resume-status')).toContainText('continuing where it stopped')
  // Only the parts the store did not hold went up, once each, into the same multipart upload.
  await expectResumed(sent, pageEvents, video.sha256)
  await expect.poll(async () => (await records(page)).length).toBe(0)
})

test('a 120 MiB video dropped on the widget keeps its handle, and Continue finishes it', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  await reloadAtFortyPercent(page, stack, async (page) => {
    const zone = page.locator('#script-embed .uppy-Dashboard-AddFiles')
    await expect(zone).toBeVisible()
    await dropFromDisk(page, zone, [video.path])
  })
  expect(await handlesKept(page)).toEqual([true])
  const form = widget(page.locator('#script-embed'))
  const sent = recordStoreRequests(page, stack)
  await form.host.getByRole('button', { name: `Continue: ${basename(video.path)}` }).click()
  await expect(form.host.locator('.dg-resume-status')).toContainText('continuing where it stopped')
  await expectResumed(sent, pageEvents, video.sha256)
})

for (const { change, message, edit } of [
  { change: 'changed', message: 'has changed since its upload began', edit: editPrivateFile },
  { change: 'deleted', message: 'can no longer be read', edit: removePrivateFile },
])
  test(`a handle whose file was ${change} since is refused with a message, and nothing is sent`, async ({
    page,
    stack,
    fullStack,
  }) => {
    test.setTimeout(180_000)
    const video = fullStack.bigVideo
    const name = basename(video.path)
    await reloadAtFortyPercent(page, stack, addWithHandle(video.path))
    const form = widget(page.locator('#script-embed'))
    const item = form.host.locator('.dg-resume-item')
    const continueButton = item.getByRole('button', { name: `Continue: ${name}` })
    await expect(continueButton).toBeVisible()
    await edit(page, name)
    const sent = recordStoreRequests(page, stack)
    await continueButton.click()
    await expect(form.host.locator('.dg-resume-status')).toContainText(`${name} ${message}`)
    // Not added, so nothing went to the store; the upload is still offered, without Continue.
    await expect(continueButton).toHaveCount(0)
    await expect(item).toHaveCount(1)
    expect(await handlesKept(page)).toEqual([false])
    await expect(form.files).toHaveCount(0)
    expect(sent).toEqual([])
  })

test('a refused permission says so and keeps Continue; once allowed, Continue finishes the upload', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  const name = basename(video.path)
  await reloadAtFortyPercent(page, stack, async (page) => {
    const zone = page.locator('#script-embed .uppy-Dashboard-AddFiles')
    await expect(zone).toBeVisible()
    await dropFromDisk(page, zone, [video.path])
  })
  // Headless Chromium grants a dropped file's handle without a prompt, so the person's "Don't allow"
  // is given by the page: the browser's own requestPermission answers 'denied' once, and tells whether
  // it was asked inside the click (Chromium shows its prompt only then).
  await page.evaluate(() => {
    const proto = FileSystemHandle.prototype as unknown as {
      requestPermission(descriptor: unknown): Promise<PermissionState>
    }
    const real = proto.requestPermission
    const asked: boolean[] = []
    ;(window as unknown as { permissionAsks: boolean[] }).permissionAsks = asked
    proto.requestPermission = () => {
      asked.push(navigator.userActivation.isActive)
      proto.requestPermission = real
      return Promise.resolve('denied')
    }
  })
  const form = widget(page.locator('#script-embed'))
  const continueButton = form.host.getByRole('button', { name: `Continue: ${name}` })
  const sent = recordStoreRequests(page, stack)
  await continueButton.click()
  await expect(form.host.locator('.dg-resume-status')).toContainText(
    `${name}: permission to read the file was not given`,
  )
  expect(
    await page.evaluate(() => (window as unknown as { permissionAsks: boolean[] }).permissionAsks),
  ).toEqual([true])
  await expect(form.files).toHaveCount(0)
  expect(sent).toEqual([])
  expect(await handlesKept(page)).toEqual([true])
  // Asked again, the person allows it this time.
  await continueButton.click()
  await expect(form.host.locator('.dg-resume-status')).toContainText('continuing where it stopped')
  await expectResumed(sent, pageEvents, video.sha256)
})
