import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { download, writeMp4 } from '../harness/media.js'
import {
  expectResumed,
  records,
  reloadAtFortyPercent,
  type StoredRecord,
  uploadedLink,
} from '../harness/resume.js'
import type { StoreStack } from '../harness/stack.js'
import {
  expect,
  gate,
  interceptStore,
  partAttempts,
  recordStoreRequests,
  test,
  uploadsCreated,
  widget,
} from '../harness/test.js'

// Uploads that outlive a reload (README "Resuming uploads"); harness/resume.ts says how the reload
// comes at 40 %.

test('a 120 MiB upload reloaded at 40 % and added again sends only the missing parts', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  await reloadAtFortyPercent(page, stack, video.path)
  const form = widget(page.locator('#script-embed'))
  const item = form.host.locator('.dg-resume-item')
  await expect(item).toContainText(`${basename(video.path)}: `)
  await expect(item).toContainText(/\d+% sent — add the file again to continue/)

  const sent = recordStoreRequests(page, stack)
  await form.add(video.path)
  // Only the parts the store did not hold went up, once each; no new multipart upload was created.
  await expectResumed(sent, pageEvents, video.sha256)
  // Done: nothing is left to offer after another reload.
  await expect.poll(async () => (await records(page)).length).toBe(0)
})

test('a different file of the same name, size and type starts fresh', async ({ page, stack, fullStack }) => {
  const video = fullStack.bigVideo
  await reloadAtFortyPercent(page, stack, video.path)
  const form = widget(page.locator('#script-embed'))
  await expect(form.host.locator('.dg-resume-item')).toHaveCount(1)
  const other = join(await mkdtemp(join(tmpdir(), 'dg-resume-')), basename(video.path))
  await writeMp4(other, video.size, 'another-video')
  const sent = recordStoreRequests(page, stack)
  await form.add(other)
  // A new multipart upload from part 1; the old one is still offered, untouched.
  await expect.poll(() => uploadsCreated(sent).length > 0).toBe(true)
  await expect.poll(() => partAttempts(sent).has(1)).toBe(true)
  await expect(form.host.locator('.dg-resume-item')).toHaveCount(1)
  await expect(form.host).not.toContainText('continuing where it stopped')
})

test('an upload aborted on the store restarts from the beginning, with a message', async ({
  page,
  stack,
  fullStack,
}) => {
  const video = fullStack.bigVideo
  await reloadAtFortyPercent(page, stack, video.path)
  const form = widget(page.locator('#script-embed'))
  await expect(form.host.locator('.dg-resume-item')).toHaveCount(1)
  // Aborted behind the page's back (a sweep, another tab's Discard), through the signer's abort step.
  const [record] = await records(page)
  expect((await storeStep(stack, record, 'abort', 'DELETE')).status).toBe(204)
  const sent = recordStoreRequests(page, stack)
  await form.add(video.path)
  await expect(form.host.locator('.dg-resume-status')).toContainText(
    'the earlier upload is no longer in storage; it starts again',
  )
  await expect.poll(() => uploadsCreated(sent).length > 0).toBe(true)
  await expect.poll(() => partAttempts(sent).has(1)).toBe(true)
  await expect(form.host.locator('.dg-resume-item')).toHaveCount(0)
})

/** Signs `step` of a recorded upload through the signer, as the widget does, and sends it to the store. */
async function storeStep(
  stack: StoreStack,
  record: StoredRecord | undefined,
  step: 'abort' | 'list',
  method: string,
) {
  const signed = await fetch(`${stack.server}/api/v1/uploads/${record?.fileId}/sign`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${stack.publishableKey}`,
      Origin: stack.demo,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ ticket: record?.ticket, uploadId: record?.uploadId, step }),
  })
  expect(signed.status).toBe(200)
  const { data } = (await signed.json()) as { data: { url: string } }
  return fetch(data.url, { method })
}

test('Discard aborts the unfinished upload on the store and forgets it', async ({
  page,
  stack,
  fullStack,
}) => {
  await reloadAtFortyPercent(page, stack, fullStack.bigVideo.path)
  const form = widget(page.locator('#script-embed'))
  const [record] = await records(page)
  expect((await storeStep(stack, record, 'list', 'GET')).status).toBe(200)
  await form.host.locator('.dg-resume-item').getByRole('button', { name: 'Discard' }).click()
  await expect(form.host.locator('.dg-resume-item')).toHaveCount(0)
  await expect.poll(async () => (await records(page)).length).toBe(0)
  // The store no longer has the upload, nor its six stored parts.
  const listed = await storeStep(stack, record, 'list', 'GET')
  expect(listed.status).toBe(404)
  expect(await listed.text()).toContain('NoSuchUpload')
})

test('an upload whose ticket the signer refuses restarts from the beginning, with a message', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  await reloadAtFortyPercent(page, stack, video.path)
  const form = widget(page.locator('#script-embed'))
  await expect(form.host.locator('.dg-resume-item')).toHaveCount(1)
  // A ticket that no longer verifies (as one sealed by a server that restarted without
  // DROPGATE_TOKEN_SECRET, or past its day): the record's ticket with one character changed.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('dropgate-resume')
        open.onsuccess = () => {
          const uploads = open.result.transaction('uploads', 'readwrite').objectStore('uploads')
          const cursor = uploads.openCursor()
          cursor.onsuccess = () => {
            const found = cursor.result
            if (!found) return resolve()
            const ticket = String(found.value.ticket)
            const last = ticket.at(-1) === 'A' ? 'B' : 'A'
            found.update({ ...found.value, ticket: `${ticket.slice(0, -1)}${last}` })
            found.continue()
          }
          cursor.onerror = () => reject(cursor.error)
        }
        open.onerror = () => reject(open.error)
      }),
  )
  const sent = recordStoreRequests(page, stack)
  await form.add(video.path)
  await expect(form.host.locator('.dg-resume-status')).toContainText(
    'the earlier upload is no longer in storage; it starts again',
  )
  expect((await download(await uploadedLink(pageEvents))).sha256).toBe(video.sha256)
  expect(uploadsCreated(sent)).toHaveLength(1)
  expect(partAttempts(sent).get(1)).toBe(1)
  await expect.poll(async () => (await records(page)).length).toBe(0)
})

test('going offline mid-upload pauses it, and it finishes by itself once back online', async ({
  page,
  context,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  const part5 = gate()
  await interceptStore(page, stack, ['partNumber=5'], (r) =>
    r.method === 'PUT' && r.partNumber === 5 && r.attempt === 1 ? part5.hold() : undefined,
  )
  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  await form.add(video.path)
  await part5.reached
  await context.setOffline(true)
  await expect(form.host.locator('.dg-resume-status')).toContainText('uploads are paused')
  part5.release()
  await context.setOffline(false)
  await expect(form.host.locator('.dg-resume-status')).toContainText('uploads continue')
  expect((await download(await uploadedLink(pageEvents))).sha256).toBe(video.sha256)
})

test('a part that failed as the connection went is sent again once it is back, without a click', async ({
  page,
  context,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  const sent = recordStoreRequests(page, stack)
  // Part 5 loses its connection on every attempt until the network "comes back": the upload fails
  // (the browser has not said offline yet), as it does when a part is in flight at the moment a
  // phone loses its signal.
  let connected = false
  await interceptStore(page, stack, ['partNumber=5'], (r) =>
    r.method === 'PUT' && r.partNumber === 5 && !connected ? 'abort' : undefined,
  )
  await page.goto('/')
  const form = widget(page.locator('#script-embed'))
  await form.add(video.path)
  const { detail: failure } = await pageEvents.next('dropgate:error')
  expect(failure.code).toBe(0)

  await context.setOffline(true)
  await expect(form.host.locator('.dg-resume-status')).toContainText('uploads are paused')
  connected = true
  await context.setOffline(false)
  await expect(form.host.locator('.dg-resume-status')).toContainText('uploads continue')
  expect((await download(await uploadedLink(pageEvents))).sha256).toBe(video.sha256)
  // The same multipart upload went on (no second one was created) and part 5 went up in the end.
  expect(uploadsCreated(sent)).toHaveLength(1)
  expect(partAttempts(sent).get(5)).toBeGreaterThan(1)
})
