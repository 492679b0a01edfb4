import type { Page } from '@playwright/test'
import type { StoreStack } from './stack.js'
import { expect, gate, interceptStore, type PageEventLog, widget } from './test.js'

// Uploads that outlive a reload (README "Resuming uploads"): the 120 MiB video goes up in 15 parts of
// 8 MiB through the script-tag embed; parts from 7 on are held at the browser until the page reloads,
// so the reload comes at 40 % (6 of 15 parts stored) by the store's own count, not by a timer.
export const PARTS = 15
export const HELD_FROM = 7

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
 * Starts the big video, holds parts from HELD_FROM on, and reloads once the first six are stored.
 * `add`: the file's path, added through the picker, or a function that adds it once the page is open.
 */
export async function reloadAtFortyPercent(
  page: Page,
  stack: StoreStack,
  add: string | ((page: Page) => Promise<void>),
) {
  let holding = true
  const held = gate()
  await interceptStore(page, stack, ['partNumber='], (r) =>
    holding && r.method === 'PUT' && (r.partNumber ?? 0) >= HELD_FROM ? held.hold() : undefined,
  )
  const stored = new Set<number>()
  const firstSix = new Promise<void>((resolve) => {
    page.on('requestfinished', async (request) => {
      const part = Number(new URL(request.url()).searchParams.get('partNumber'))
      if (request.method() !== 'PUT' || !part) return
      // The listener outlives the reload and may outlive the test's page: a response that can no
      // longer be read is not a stored part (and must not fail the next test in this worker).
      const response = await request.response().catch(() => null)
      if (response?.status() === 200) stored.add(part)
      if (stored.size >= HELD_FROM - 1) resolve()
    })
  })
  await page.goto('/')
  if (typeof add === 'string') await widget(page.locator('#script-embed')).add(add)
  else await add(page)
  await firstSix
  await expect.poll(async () => (await records(page)).length).toBe(1)
  holding = false
  await page.reload()
  held.release()
}
