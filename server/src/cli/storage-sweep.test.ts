import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPort } from '../../test/black-hole.js'
import { type BucketSettingsProxy, bucketSettingsProxy } from '../../test/bucket-settings-proxy.js'
import { startUploadAt, type ThrowawayBucket, throwawayBucket } from '../../test/swift.js'
import { main } from '../cli.js'
import type { S3Client } from '../storage/s3/s3-client.js'
import { type IncompleteUpload, listIncompleteUploads } from '../storage/s3/s3-incomplete-uploads.js'
import { completeUpload } from '../storage/s3/s3-multipart-steps.js'

/**
 * `dropgate storage sweep`, and the count `storage check` adds, on Swift's S3 API, in a bucket of this
 * file's own: whole-bucket listings see only what this file made. Uploads really are as old as the
 * test says (Swift keeps the X-Timestamp they were created with), and every command measures ages
 * against the same injected clock, so nothing depends on how long the run takes. The tests run in
 * order on one bucket: each starts from what the one before left.
 */

const HOUR = 3_600_000
const NOW = Date.now()
const ago = (ms: number) => new Date(NOW - ms)
/**
 * Whether a time the CLI printed is the one an upload was started at: Swift keeps `Initiated` in
 * whole seconds, rounded, so 02:41:59.6 comes back as 02:42:00 (a minute prefix compared as text
 * failed at random on a clean clone).
 */
const startedNear = (printed: string | undefined, expected: Date) =>
  printed !== undefined && Math.abs(Date.parse(printed) - expected.getTime()) <= 1000

let bucket: ThrowawayBucket
let env: Record<string, string>
/** Swift behind a proxy that can refuse aborts and counts listings. */
let proxy: BucketSettingsProxy
let client: S3Client
/** Name → upload id of what beforeAll started. */
const ids: Record<string, string> = {}
const DONE_KEY = 'uploads/owner-a/done.mp4'

async function cli(args: string[], runEnv = env, options: { uploadsPageSize?: number } = {}) {
  let out = ''
  let err = ''
  const code = await main(
    args,
    { write: (text: string) => (out += text) },
    { write: (text: string) => (err += text) },
    runEnv,
    { now: () => NOW, ...options },
  )
  return { code, out, err }
}

async function openUploads(prefix = ''): Promise<IncompleteUpload[]> {
  const out: IncompleteUpload[] = []
  for await (const upload of listIncompleteUploads(client, prefix)) out.push(upload)
  return out
}

const openKeys = async (prefix = '') => (await openUploads(prefix)).map((upload) => upload.key).sort()

async function putPart(key: string, uploadId: string, bytes: number): Promise<string> {
  const answer = await client.send({
    method: 'PUT',
    key,
    query: { partNumber: '1', uploadId },
    body: new Uint8Array(bytes).fill(7),
  })
  return answer.headers.get('etag') as string
}

beforeAll(async () => {
  bucket = await throwawayBucket('dropgate-sweep')
  env = { ...bucket.env, DROPGATE_STORAGE: 's3' }
  proxy = await bucketSettingsProxy(env.S3_ENDPOINT as string)
  client = bucket.storage.client
  const uploads: [name: string, key: string, age: number, part: boolean][] = [
    ['old1', 'uploads/owner-a/old-1.mp4', 30 * HOUR, true],
    ['old2', 'uploads/owner-a/old-2.mp4', 72 * HOUR, false],
    ['old3', 'uploads/owner-b/old-3.mp4', 25 * HOUR, true],
    // Two uploads of one key, one old and one not: the sweep tells uploads apart, not keys.
    ['old4', 'uploads/owner-b/twice.mp4', 26 * HOUR, false],
    ['mid', 'uploads/owner-b/twice.mp4', 2 * HOUR, true],
    ['fresh', 'uploads/owner-a/fresh.mp4', 0, false],
    // Not under uploads/: not Dropgate's, never swept.
    ['outside', 'elsewhere/stale.mp4', 48 * HOUR, false],
  ]
  for (const [name, key, age, part] of uploads) {
    ids[name] = await startUploadAt(client, key, ago(age))
    if (part) await putPart(key, ids[name] as string, 1024)
  }
  // An upload as old as the others, completed: an object, not an incomplete upload.
  const doneId = await startUploadAt(client, DONE_KEY, ago(30 * HOUR))
  await completeUpload(client, DONE_KEY, doneId, [await putPart(DONE_KEY, doneId, 2048)])
})
afterAll(async () => {
  await proxy?.close()
  await bucket?.destroy()
})

/** Each line's label and key (`would abort uploads/…`), in order. */
const lines = (out: string) =>
  out
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => /^ {2}(\S+(?: abort)?) +(\S+)/.exec(line)?.slice(1).join(' '))

describe('storage sweep on Swift', () => {
  it('--dry-run lists the uploads older than 24h, aborts nothing, and counts the rest', async () => {
    const before = await openKeys()
    const { code, out, err } = await cli(['storage', 'sweep', '--dry-run'])
    expect(err).toBe('')
    expect(code).toBe(0)
    const text = out.split('\n')
    expect(text[0]).toBe(`S3 bucket "${env.S3_BUCKET}" at ${env.S3_ENDPOINT} (region auto)`)
    expect(text[1]).toBe(
      'Incomplete multipart uploads under uploads/ and quarantine/ started more than 24h ago (dry run: nothing is aborted):',
    )
    expect(lines(out)).toEqual([
      'would abort uploads/owner-a/old-1.mp4',
      'would abort uploads/owner-a/old-2.mp4',
      'would abort uploads/owner-b/old-3.mp4',
      'would abort uploads/owner-b/twice.mp4',
    ])
    const started = new RegExp(
      `  would abort  uploads/owner-a/old-2\\.mp4 \\(upload ${ids.old2}, started (\\S+),`,
    )
    expect(startedNear(started.exec(out)?.[1], ago(72 * HOUR))).toBe(true)
    expect(out).toMatch(/old-2\.mp4 \(upload \S+, started \S+, (?:2d 23h|3d 0h) ago\)\n/)
    expect(out).toContain(`twice.mp4 (upload ${ids.old4},`)
    expect(out).not.toContain(ids.mid)
    expect(out.endsWith('Found 4 older than 24h, aborted 0 (dry run), failed 0; 2 younger kept.\n')).toBe(
      true,
    )
    expect(await openKeys()).toEqual(before)
    expect(before).toHaveLength(7)
  })

  it('storage check counts the uploads older than 24h, as a warning that does not fail the check', async () => {
    const { code, out, err } = await cli(['storage', 'check'])
    expect(err).toBe('')
    expect(code).toBe(0)
    const oldest =
      / {2}warn {2}incomplete uploads: 4 multipart upload\(s\) under uploads\/ started more than 24h ago were never completed \(the oldest on ([^)]+)\)/
    expect(startedNear(oldest.exec(out)?.[1], ago(72 * HOUR))).toBe(true)
    expect(out).toMatch(/run `dropgate storage sweep`.*AbortIncompleteMultipartUpload/)
    // lifecycle (Swift has none), the quarantine (a throwaway bucket keeps it in its public self) and this
    expect(out).toMatch(/\nReady, with 3 warning\(s\)\.\n$/)
  })

  it('aborts exactly the old ones, across pages of 2; the young, the completed object and other prefixes stay', async () => {
    proxy.uploadListings.length = 0
    const { code, out, err } = await cli(
      ['storage', 'sweep'],
      { ...env, S3_ENDPOINT: proxy.url },
      {
        uploadsPageSize: 2,
      },
    )
    expect(err).toBe('')
    expect(code).toBe(0)
    // Six uploads under uploads/, two a page: at least three listings (Swift answers a full last page
    // as truncated, so it takes a fourth, empty one).
    expect(proxy.uploadListings.length).toBeGreaterThanOrEqual(3)
    expect(new Set(proxy.uploadListings)).toEqual(new Set(['2']))
    expect(lines(out)).toEqual([
      'aborted uploads/owner-a/old-1.mp4',
      'aborted uploads/owner-a/old-2.mp4',
      'aborted uploads/owner-b/old-3.mp4',
      'aborted uploads/owner-b/twice.mp4',
    ])
    expect(out.endsWith('Found 4 older than 24h, aborted 4, failed 0; 2 younger kept.\n')).toBe(true)
    const left = await openUploads()
    expect(left.map((upload) => upload.uploadId).sort()).toEqual([ids.fresh, ids.mid, ids.outside].sort())
    expect(await bucket.storage.head(DONE_KEY)).toMatchObject({ size: 2048 })
    // Once more: nothing is left to do.
    const again = await cli(['storage', 'sweep'])
    expect(again.code).toBe(0)
    expect(lines(again.out)).toEqual([])
    expect(again.out.endsWith('Found 0 older than 24h, aborted 0, failed 0; 2 younger kept.\n')).toBe(true)
  })

  it('--older-than 90m takes the 2-hour-old upload too, and leaves the one just started', async () => {
    const { code, out } = await cli(['storage', 'sweep', '--older-than', '90m'])
    expect(code).toBe(0)
    expect(lines(out)).toEqual(['aborted uploads/owner-b/twice.mp4'])
    expect(out).toContain(`(upload ${ids.mid}, started `)
    expect(out.endsWith('Found 1 older than 90m, aborted 1, failed 0; 1 younger kept.\n')).toBe(true)
    expect(await openKeys('uploads/')).toEqual(['uploads/owner-a/fresh.mp4'])
  })

  it('a bad duration is a usage error, before any store call', async () => {
    const { code, out, err } = await cli(['storage', 'sweep', '--older-than', '24'], {
      ...env,
      S3_ENDPOINT: 'http://127.0.0.1:1',
    })
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('dropgate storage sweep: --older-than takes a duration above zero such as 24h')
  })
})

describe('storage sweep when the store fails', () => {
  it('an abort the store refuses: a FAIL line, the others still tried, exit 1', async () => {
    const [key, key2] = ['uploads/owner-c/refused-1.mp4', 'uploads/owner-c/refused-2.mp4']
    const refused = await startUploadAt(client, key, ago(40 * HOUR))
    const refused2 = await startUploadAt(client, key2, ago(40 * HOUR))
    proxy.abortStatus = 403
    try {
      const { code, out, err } = await cli(['storage', 'sweep'], { ...env, S3_ENDPOINT: proxy.url })
      expect(err).toBe('')
      expect(code).toBe(1)
      expect(lines(out)).toEqual([`FAIL ${key}`, `FAIL ${key2}`])
      expect(out).toContain(`(upload ${refused}, started `)
      expect(out).toMatch(/ago\): the store answered 403 AccessDenied: Access Denied\n/)
      expect(out.endsWith('Found 2 older than 24h, aborted 0, failed 2; 1 younger kept.\n')).toBe(true)
    } finally {
      proxy.abortStatus = undefined
    }
    expect((await openUploads('uploads/owner-c/')).map((upload) => upload.uploadId).sort()).toEqual(
      [refused, refused2].sort(),
    )
    // Through the proxy again, aborts allowed: "gone" is fine when another sweep got there first.
    expect((await cli(['storage', 'sweep'], { ...env, S3_ENDPOINT: proxy.url })).code).toBe(0)
  })

  it('a store that fails an abort (503): the sweep stops there instead of waiting on every other one, exit 1', async () => {
    const [key, key2] = ['uploads/owner-d/failing-1.mp4', 'uploads/owner-d/failing-2.mp4']
    const first = await startUploadAt(client, key, ago(40 * HOUR))
    const second = await startUploadAt(client, key2, ago(40 * HOUR))
    proxy.abortStatus = 503
    try {
      const { code, out, err } = await cli(['storage', 'sweep'], { ...env, S3_ENDPOINT: proxy.url })
      expect(err).toBe('')
      expect(code).toBe(1)
      expect(lines(out)).toEqual([`FAIL ${key}`, 'FAIL stopped:'])
      expect(out).toContain(
        'ago): the store answered 503 ServiceUnavailable: Please reduce your request rate.\n',
      )
      expect(out).toContain(
        '  FAIL         stopped: the store is unavailable; run the sweep again once it is back\n',
      )
      expect(out.endsWith('failed 1; 1 younger kept. The sweep did not finish: see FAIL above.\n')).toBe(true)
    } finally {
      proxy.abortStatus = undefined
    }
    const left = (await openUploads('uploads/owner-d/')).map((upload) => upload.uploadId)
    expect(left.sort()).toEqual([first, second].sort())
  })

  it('a store that is down: one line saying so, exit 1, for sweep and dry run alike', async () => {
    const endpoint = await closedPort()
    for (const args of [
      ['storage', 'sweep'],
      ['storage', 'sweep', '--dry-run'],
    ]) {
      const { code, out, err } = await cli(args, { ...env, S3_ENDPOINT: endpoint })
      expect(err).toBe('')
      expect(code).toBe(1)
      expect(lines(out)).toEqual(['FAIL listing'])
      expect(out).toContain(
        `  FAIL         listing incomplete multipart uploads (ListMultipartUploads) failed: cannot reach the store at ${endpoint}: connection refused`,
      )
      expect(out).toMatch(
        /\nFound 0 older than 24h, aborted 0(?: \(dry run\))?, failed 0; 0 younger kept\. The sweep did not finish: see FAIL above\.\n$/,
      )
      expect(out).not.toMatch(/\n\s+at |S3RequestError|TypeError|undefined/)
    }
  })

  it('the installed command exits with the outcome: 0 swept, 1 store down, 2 bad option', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'dropgate-dev.mjs')
    const run = (args: string[], extra: Record<string, string> = {}) =>
      promisify(execFile)(process.execPath, [bin, 'storage', 'sweep', ...args], {
        env: { PATH: process.env.PATH, ...env, ...extra },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      )
    // The real clock here: the uploads this file left are younger than a day, or aborted.
    expect(await run(['--dry-run'])).toMatchObject({ code: 0, stderr: '' })
    const down = await run([], { S3_ENDPOINT: await closedPort() })
    expect(down).toMatchObject({ code: 1, stderr: '' })
    expect(down.stdout).toMatch(/FAIL {9}listing incomplete multipart uploads .*connection refused/)
    expect(await run(['--older-than', 'soon'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('--older-than takes a duration'),
    })
  })
})
