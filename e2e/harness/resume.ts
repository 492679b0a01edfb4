import type { Locator, Page, Request } from '@playwright/test'
import { download } from './media.js'
import type { StoreStack } from './stack.js'
import {
  expect,
  gate,
  interceptStore,
  type PageEventLog,
  partAttempts,
  type StoreRequest,
  uploadsCreated,
  widget,
} from './test.js'

// What the resume specs share (README "Resuming uploads"): the 120 MiB video goes up in 15 parts of
// 8 MiB; parts from 7 on are held at the browser until the page reloads, so the reload comes at 40 %
// (6 of 15 parts stored) by the store's own count, not by a timer.
export const PARTS = 15
export const HELD_FROM = 7

/** The parts a resumed upload must send: those the store did not hold at the reload. */
export const MISSING_PARTS = Array.from({ length: PARTS - HELD_FROM + 1 }, (_, i) => HELD_FROM + i)

export interface StoredRecord {
  fileId: string
  ticket: string
  uploadId: string
  name: string
}

/** The widget's resume records, as the page's IndexedDB holds them. */
export const records = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<StoredRecord[]>((resolve, reject) => {
        const open = indexedDB.open('dropgate-resume')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('uploads')) return resolve([])
          const all = db.transaction('uploads').objectStore('uploads').getAll()
          all.onsuccess = () => resolve(all.result as StoredRecord[])
          all.onerror = () => reject(all.error)
        }
      }),
  )

/**
 * The link of the first upload the page reported. The shared CI machine sends 120 MiB to Swift in
 * well over the harness's 60 s wait, so the wait here is the event's, with more room.
 */
export async function uploadedLink(pageEvents: PageEventLog): Promise<string> {
  let link = ''
  await expect
    .poll(
      async () => {
        const [event] = await pageEvents.all('dropgate:upload')
        link = String((event?.detail as { publicUrl?: string } | undefined)?.publicUrl ?? '')
        return link !== ''
      },
      { message: 'waiting for dropgate:upload', timeout: 180_000 },
    )
    .toBe(true)
  return link
}

/**
 * Starts the big video through the widget `start` opens and adds it to (a navigation of its own),
 * holds parts from HELD_FROM on, and leaves the page (`leave`: a reload by default) once the first
 * six are stored and the widget has written its record.
 */
export async function leaveAtFortyPercent(
  page: Page,
  stack: StoreStack,
  start: () => Promise<unknown>,
  leave: () => Promise<unknown> = () => page.reload(),
) {
  let holding = true
  const held = gate()
  await interceptStore(page, stack, ['partNumber='], (r) =>
    holding && r.method === 'PUT' && (r.partNumber ?? 0) >= HELD_FROM ? held.hold() : undefined,
  )
  const stored = new Set<number>()
  const firstSix = new Promise<void>((resolve) => {
    const count = async (request: Request) => {
      const part = Number(new URL(request.url()).searchParams.get('partNumber'))
      if (request.method() !== 'PUT' || !part) return
      // The page may be gone by the time a late part's answer is read.
      if ((await request.response().catch(() => null))?.status() === 200) stored.add(part)
      if (stored.size < HELD_FROM - 1) return
      page.off('requestfinished', count)
      resolve()
    }
    page.on('requestfinished', count)
  })
  await start()
  await firstSix
  await expect.poll(async () => (await records(page)).length).toBe(1)
  // Parts stay held until the page has gone: one let through between here and the reload would be
  // stored, and the store would hold more than the six counted. The next page's parts start only
  // once the test adds the file again, after this returns.
  await leave()
  holding = false
  held.release()
}

/**
 * `leaveAtFortyPercent` on the demo page's script-tag embed, left by a reload. `add`: the file's path,
 * added through the picker, or a function that adds it once the page is open.
 */
export const reloadAtFortyPercent = (
  page: Page,
  stack: StoreStack,
  add: string | ((page: Page) => Promise<void>),
) =>
  leaveAtFortyPercent(page, stack, async () => {
    await page.goto('/')
    if (typeof add === 'string') await widget(page.locator('#script-embed')).add(add)
    else await add(page)
  })

/** The unfinished uploads the widget lists after a reload. */
export const resumeItem = (host: Locator) => host.locator('.dg-resume-item')

/**
 * Waits for the resumed upload's link and checks it: the same bytes as the file (`sha256`), only the
 * missing parts sent (`parts`: MISSING_PARTS unless the test changed a stored one), once each, and no
 * new multipart upload created (`sent`: the store requests the page sent since the file was added
 * again).
 */
export async function expectResumed(
  sent: readonly StoreRequest[],
  pageEvents: PageEventLog,
  sha256: string,
  parts: readonly number[] = MISSING_PARTS,
) {
  expect((await download(await uploadedLink(pageEvents))).sha256).toBe(sha256)
  const attempts = partAttempts(sent)
  expect([...attempts.keys()].sort((a, b) => a - b)).toEqual(parts)
  expect([...attempts.values()].every((n) => n === 1)).toBe(true)
  expect(uploadsCreated(sent)).toEqual([])
}
