import type { Page } from '@playwright/test'

// File System Access handles a test can really have: Playwright cannot answer showOpenFilePicker()
// (Chromium's picker is aborted by Playwright's file chooser interception, and no `filechooser`
// event comes), and a synthetic drop gives no handle. A file of the origin private file system
// (navigator.storage.getDirectory()) is a real FileSystemFileHandle the page can hand the widget.

/** Copies the file at `path` into the page's origin private file system as `name`. */
export async function putInPrivateFiles(page: Page, path: string, name: string): Promise<void> {
  // The bytes reach the page through a file input of its own (outside the widget), then OPFS.
  await page.evaluate(() => {
    const input = document.createElement('input')
    input.type = 'file'
    input.id = 'dg-test-opfs-source'
    input.hidden = true
    document.body.append(input)
  })
  await page.locator('#dg-test-opfs-source').setInputFiles(path)
  await page.evaluate(async (name) => {
    const input = document.getElementById('dg-test-opfs-source') as HTMLInputElement
    const file = input.files?.[0]
    if (!file) throw new Error('no file in the test input')
    const handle = await (await navigator.storage.getDirectory()).getFileHandle(name, { create: true })
    const writable = await handle.createWritable()
    await writable.write(file)
    await writable.close()
    input.remove()
  }, name)
}

/** Adds the private file `name` to the widget `selector` through the uploader's `addFileHandles`. */
export async function addPrivateFile(page: Page, selector: string, name: string): Promise<void> {
  await page.evaluate(
    async ({ selector, name }) => {
      const handle = await (await navigator.storage.getDirectory()).getFileHandle(name)
      const element = document.querySelector(selector) as HTMLElement & {
        uploader?: { addFileHandles(handles: FileSystemFileHandle[]): Promise<void> }
      }
      if (!element.uploader) throw new Error(`${selector} has no uploader yet`)
      await element.uploader.addFileHandles([handle])
    },
    { selector, name },
  )
}

/** Changes a few bytes at the start of the private file `name`: same name and size, other contents. */
export async function editPrivateFile(page: Page, name: string): Promise<void> {
  await page.evaluate(async (name) => {
    const handle = await (await navigator.storage.getDirectory()).getFileHandle(name)
    const writable = await handle.createWritable({ keepExistingData: true })
    await writable.write({ type: 'write', position: 1024, data: new Uint8Array(64).fill(0x5a) })
    await writable.close()
  }, name)
}

export async function removePrivateFile(page: Page, name: string): Promise<void> {
  await page.evaluate(async (name) => {
    await (await navigator.storage.getDirectory()).removeEntry(name)
  }, name)
}
