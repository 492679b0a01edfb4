import { copyFile, mkdtemp, open, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { MiB, sha256OfFile } from '../harness/media.js'
import { expectResumed, MISSING_PARTS, reloadAtFortyPercent } from '../harness/resume.js'
import { expect, recordStoreRequests, test, widget } from '../harness/test.js'

// A stored part is kept only if its bytes are the file's (README "Resuming uploads"): after a reload
// at 40 % (parts 1–6 stored), a file that passes for the same one (name, size, type, date and first
// part all equal) but differs inside stored part 3 has part 3 sent again, and only part 3 of those.
const PART = 8 * MiB
const CHANGED_PART = 3

/** Both files' modification time: whole seconds, which every file system keeps exactly. */
const MTIME = new Date('2026-11-30T12:00:00Z')

/** The folders of this worker's copies (120 MiB each), removed after each test. */
const copies: string[] = []
test.afterEach(async () => {
  await Promise.all(copies.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
})

/** A copy of `path` under the same name in a folder of its own, dated MTIME. */
async function dated(path: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'dg-resume-edit-'))
  copies.push(folder)
  const copy = join(folder, basename(path))
  await copyFile(path, copy)
  await utimes(copy, MTIME, MTIME)
  return copy
}

/** Another copy, dated the same, with a few bytes of part `n` changed. */
async function editedCopy(path: string, n: number): Promise<string> {
  const copy = await dated(path)
  const file = await open(copy, 'r+')
  try {
    const at = (n - 1) * PART + 4096
    const bytes = Buffer.alloc(16)
    await file.read(bytes, 0, bytes.length, at)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] as number) ^ 0xa5
    await file.write(bytes, 0, bytes.length, at)
  } finally {
    await file.close()
  }
  await utimes(copy, MTIME, MTIME)
  return copy
}

test('a file changed inside a part already stored has that part sent again, and no other', async ({
  page,
  stack,
  fullStack,
  pageEvents,
}) => {
  test.setTimeout(300_000)
  const video = fullStack.bigVideo
  const original = await dated(video.path)
  const edited = await editedCopy(video.path, CHANGED_PART)
  const editedSha = await sha256OfFile(edited)
  expect(editedSha).not.toBe(video.sha256)
  expect((await stat(edited)).mtimeMs).toBe((await stat(original)).mtimeMs)

  await reloadAtFortyPercent(page, stack, original)
  const form = widget(page.locator('#script-embed'))
  // Offered as the same upload: the fingerprint (name, size, type, date, first part) matches.
  await expect(form.host.locator('.dg-resume-item')).toHaveCount(1)
  const sent = recordStoreRequests(page, stack)
  await form.add(edited)
  await expect(form.host.locator('.dg-resume-status')).toContainText('continuing where it stopped')
  // The changed part and the missing ones, once each, into the same multipart upload.
  await expectResumed(sent, pageEvents, editedSha, [CHANGED_PART, ...MISSING_PARTS])
})
