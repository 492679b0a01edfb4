import type { Page } from '@playwright/test'
import { download, png, refused, sha256 } from '../harness/media.js'
import type { StoreStack } from '../harness/stack.js'
import { expect, mintToken, mountElement, recordStoreRequests, test, widget } from '../harness/test.js'

// Issue 21: many small files reach their links in few round trips. The widget asks for the upload
// URLs of every file an upload starts with in one batch request (docs/API.md §2.2 `{files}`), and
// confirms the files whose bytes landed together in one (§2.3 `{fileIds}`); each file keeps its own
// outcome, and a batch request that fails is sent again.

interface SignerCall {
  readonly path: string
  /** How many files the request is about: a batch's length, or 1 for the single form. */
  readonly files: number
  readonly names: readonly string[]
}

/** The page's POSTs to the signer's create and complete routes, and the mounted widget's reads of the policy. */
function recordSignerCalls(page: Page, stack: StoreStack) {
  const creates: SignerCall[] = []
  const completes: SignerCall[] = []
  let policies = 0
  // The static page's own element reads the policy as the page loads; the test's is mounted after.
  let loaded = false
  page.on('load', () => {
    loaded = true
  })
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.origin !== stack.server) return
    if (url.pathname === '/api/v1/policy' && request.method() === 'GET' && loaded) policies++
    if (request.method() !== 'POST') return
    const body = request.postDataJSON() as {
      files?: { filename: string }[]
      fileIds?: string[]
      filename?: string
      fileId?: string
    }
    if (url.pathname === '/api/v1/files') {
      const names = body.files ? body.files.map((f) => f.filename) : [body.filename ?? '']
      creates.push({ path: url.pathname, files: names.length, names })
    } else if (url.pathname === '/api/v1/files/complete') {
      const ids = body.fileIds ?? [body.fileId ?? '']
      completes.push({ path: url.pathname, files: ids.length, names: ids })
    }
  })
  return { creates, completes, policies: () => policies }
}

const photos = (count: number, seedFrom = 0) =>
  Array.from({ length: count }, (_, i) => ({
    name: `photo-${String(i + 1).padStart(2, '0')}.png`,
    mimeType: 'image/png',
    buffer: png({ seed: seedFrom + i + 1, width: 48 + i, height: 32, padTo: 20_000 + i * 97 }),
  }))

test('20 photos added at once reach 20 links with one request for their URLs and few confirmations', async ({
  page,
  stack,
  pageEvents,
}) => {
  const calls = recordSignerCalls(page, stack)
  const sent = recordStoreRequests(page, stack)
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    multiple: true,
    inline: true,
  })
  const dg = widget(host)
  const files = photos(20)
  await dg.add(files)
  await dg.uploadButton.click()

  const { detail } = await pageEvents.next('dropgate:complete')
  expect(detail.failed).toEqual([])
  const uploaded = detail.successful as { name: string; publicUrl: string }[]
  expect(uploaded.map((f) => f.name).sort()).toEqual(files.map((f) => f.name))
  expect((await dg.value()).sort()).toEqual(uploaded.map((f) => f.publicUrl).sort())
  for (const file of files) {
    const link = uploaded.find((u) => u.name === file.name)?.publicUrl as string
    expect((await download(link)).sha256).toBe(sha256(file.buffer))
  }

  // Every URL in one batch (the server's limit is 20 a request); one PUT a file; the confirmations
  // of files stored while one was on its way went together, so fewer requests than files.
  expect(calls.creates.map((c) => c.files)).toEqual([20])
  expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(20)
  expect(calls.completes.reduce((n, c) => n + c.files, 0)).toBe(20)
  expect(calls.completes.length).toBeLessThan(20)
  expect(Math.max(...calls.completes.map((c) => c.files))).toBeGreaterThan(1)
  test.info().annotations.push({
    type: 'signer requests',
    description: `create ${JSON.stringify(calls.creates.map((c) => c.files))}, complete ${JSON.stringify(calls.completes.map((c) => c.files))}`,
  })
  // The policy was read once, when the widget was made, not per file or per batch.
  expect(calls.policies()).toBe(1)
})

test('a file refused inside a batch fails alone with its own message; a disguised one never leaves the page', async ({
  page,
  stack,
  pageEvents,
}) => {
  const calls = recordSignerCalls(page, stack)
  // The token allows files up to 40 KB: the widget cannot know (the token is sealed), the server
  // refuses big.png inside the batch and signs the others.
  const token = await mintToken(stack, { maxFileSize: 40_000 })
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    token,
    multiple: true,
    inline: true,
  })
  const dg = widget(host)
  const small = photos(5, 30)
  const big = { name: 'big.png', mimeType: 'image/png', buffer: png({ seed: 77, padTo: 60_000 }) }
  await dg.add([...small.slice(0, 2), big, refused.renamedHtml, ...small.slice(2)])
  const { detail: rejected } = await pageEvents.next('dropgate:rejected')
  expect(rejected).toMatchObject({ name: refused.renamedHtml.name })
  await dg.uploadButton.click()

  const { detail } = await pageEvents.next('dropgate:complete')
  expect((detail.successful as { name: string }[]).map((f) => f.name).sort()).toEqual(
    small.map((f) => f.name),
  )
  expect(detail.failed).toEqual([
    { name: 'big.png', code: 403, msg: expect.stringContaining('for this credential') },
  ])
  await expect(dg.file('big.png')).toHaveClass(/is-error/)
  const notice = dg.notices.filter({ hasText: 'big.png' })
  await expect(notice).toHaveCount(1)
  await expect(notice).toContainText('for this credential')
  for (const file of small) await expect(dg.file(file.name)).toHaveClass(/is-complete/)
  expect((await dg.value()).length).toBe(5)

  // One batch held every file the page checked; the disguised page was never sent.
  expect(calls.creates).toHaveLength(1)
  expect([...(calls.creates[0]?.names ?? [])].sort()).toEqual([big, ...small].map((f) => f.name).sort())
  expect(calls.completes.flatMap((c) => c.names)).toHaveLength(5)
})

test('a batch request that fails is sent again, and every file of it arrives', async ({
  page,
  stack,
  pageEvents,
}) => {
  const calls = recordSignerCalls(page, stack)
  let createsFailed = 0
  let completesFailed = 0
  // The first batch of URLs gets no answer (the connection drops); the first batch confirmation
  // answers 503. Each is sent again, as a single request would be.
  await page.route(`${stack.server}/api/v1/files`, async (route) => {
    const body = route.request().postDataJSON() as { files?: unknown[] } | null
    if (route.request().method() === 'POST' && body?.files && createsFailed++ === 0)
      return route.abort('connectionreset')
    return route.fallback()
  })
  await page.route(`${stack.server}/api/v1/files/complete`, async (route) => {
    const body = route.request().postDataJSON() as { fileIds?: unknown[] } | null
    if (body?.fileIds && completesFailed++ === 0)
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ code: 503, msg: 'Storage is unavailable, try again shortly' }),
      })
    return route.fallback()
  })
  const host = await mountElement(page, stack, {
    endpoint: stack.server,
    'publishable-key': stack.publishableKey,
    multiple: true,
    inline: true,
  })
  const dg = widget(host)
  const files = photos(8, 60)
  await dg.add(files)
  await dg.uploadButton.click()

  const { detail } = await pageEvents.next('dropgate:complete')
  expect(detail.failed).toEqual([])
  const uploaded = detail.successful as { name: string; publicUrl: string }[]
  expect(uploaded).toHaveLength(8)
  for (const file of files) {
    const link = uploaded.find((u) => u.name === file.name)?.publicUrl as string
    expect((await download(link)).sha256).toBe(sha256(file.buffer))
  }
  expect(await pageEvents.all('dropgate:error')).toEqual([])
  // The dropped batch went again as the same batch, not one request per file.
  expect(calls.creates.map((c) => c.files)).toEqual([8, 8])
  expect(calls.creates[1]?.names).toEqual(calls.creates[0]?.names)
  expect(createsFailed).toBe(2)
  // The confirmation that answered 503 was sent again with the same files; every file confirmed.
  const batches = calls.completes.filter((c) => c.files > 1)
  expect(completesFailed).toBeGreaterThanOrEqual(2)
  expect(batches[1]?.names).toEqual(batches[0]?.names)
  expect(new Set(calls.completes.flatMap((c) => c.names)).size).toBe(8)
})
