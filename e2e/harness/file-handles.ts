import type { Locator, Page } from '@playwright/test'

// File System Access handles a test can really have. Playwright cannot answer showOpenFilePicker()
// (Chromium's picker is aborted by Playwright's file chooser interception, and no `filechooser`
// event comes), and a drop dispatched by script gives no handle. Two ways do: a drop of files from
// disk through Chromium's own input pipeline (CDP `Input.dispatchDragEvent`, as a person's drag from
// the desktop), whose items give real handles; and a file of the origin private file system
// (navigator.storage.getDirectory()), a real FileSystemFileHandle the page can hand the widget.

/** Drops the files at `paths` on the middle of `target`, as a drag from the desktop does. */
export async function dropFromDisk(page: Page, target: Locator, paths: readonly string[]): Promise<void> {
  const box = await target.boundingBox()
  if (!box) throw new Error('the drop target is not visible')
  const cdp = await page.context().newCDPSession(page)
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  const data = { items: [], files: [...paths], dragOperationsMask: 1 }
  try {
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
      await cdp.send('Input.dispatchDragEvent', { type, ...at, data })
  } finally {
    await cdp.detach()
  }
}

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
