import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../cli.js'
import { createLocalStorage, type LocalStorage } from '../storage/local/local.js'

/**
 * `dropgate storage sweep` on the embedded store (DROPGATE_STORAGE=local): what unfinished uploads
 * left on disk, dated by their files' real mtimes, measured against an injected clock.
 */

const HOUR = 3_600_000
const NOW = Date.now()

let dataDir: string
let env: Record<string, string>
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropgate-sweep-'))
  env = { DROPGATE_STORAGE: 'local', DROPGATE_DATA_DIR: dataDir }
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

async function cli(args: string[]) {
  let out = ''
  let err = ''
  const code = await main(
    args,
    { write: (text: string) => (out += text) },
    { write: (text: string) => (err += text) },
    env,
    { now: () => NOW },
  )
  return { code, out, err }
}

async function backdate(path: string, ms: number) {
  const when = new Date(NOW - ms)
  await utimes(path, when, when)
}

const STORED = 'uploads/key-1/mwr0cccc-CCCCCCCCCCCCCCCCCCCCCCCC.mp4'
const UNFINISHED = 'uploads/key-1/mwr0dddd-DDDDDDDDDDDDDDDDDDDDDDDD.mp4'

async function* bytes(length: number): AsyncIterable<Uint8Array> {
  yield new Uint8Array(length)
}

/**
 * An old and a young multipart upload, an old and a young temp file, an old object its writer left
 * without its meta (killed between link and meta) beside an old one that has it.
 */
async function leftovers(storage: LocalStorage) {
  const oldKey = 'uploads/key-1/mwr0aaaa-AAAAAAAAAAAAAAAAAAAAAAAA.mp4'
  const youngKey = 'uploads/key-1/mwr0bbbb-BBBBBBBBBBBBBBBBBBBBBBBB.mp4'
  const oldUpload = await storage.multipart.create(oldKey, 'video/mp4', {})
  const youngUpload = await storage.multipart.create(youngKey, 'video/mp4', {})
  await storage.multipart.putPart(youngUpload, youngKey, 1, bytes(10))
  await backdate(join(dataDir, 'multipart', oldUpload), 30 * HOUR)
  await backdate(join(dataDir, 'multipart', youngUpload), 2 * HOUR)
  await writeFile(join(dataDir, 'tmp', 'old.part'), 'x')
  await backdate(join(dataDir, 'tmp', 'old.part'), 48 * HOUR)
  await writeFile(join(dataDir, 'tmp', 'young.part'), 'x')
  await storage.put(STORED, bytes(10), { contentType: 'video/mp4' })
  await backdate(join(dataDir, 'objects', STORED), 30 * HOUR)
  await mkdir(join(dataDir, 'objects', 'uploads', 'key-1'), { recursive: true })
  await writeFile(join(dataDir, 'objects', UNFINISHED), 'x')
  await backdate(join(dataDir, 'objects', UNFINISHED), 30 * HOUR)
  return { oldKey, oldUpload, youngKey, youngUpload }
}

describe('storage sweep on the embedded store', () => {
  it('--dry-run lists what is older than the threshold; the sweep removes exactly that', async () => {
    const storage = await createLocalStorage({
      dataDir,
      publicBaseUrl: 'http://127.0.0.1:8787/files',
      storeBaseUrl: 'http://127.0.0.1:8787/store',
    })
    const { oldKey, oldUpload, youngKey, youngUpload } = await leftovers(storage)

    const dry = await cli(['storage', 'sweep', '--dry-run'])
    expect(dry.err).toBe('')
    expect(dry.code).toBe(0)
    const [first, second, ...rest] = dry.out.split('\n')
    expect(first).toBe(
      `Embedded store in ${dataDir} (expired files are not this command's: the running server deletes them)`,
    )
    expect(second).toBe(
      'Multipart uploads, temp files and meta-less objects of unfinished uploads untouched for more than 24h (dry run: nothing is removed):',
    )
    expect(rest).toEqual([
      `  would remove  multipart upload ${oldUpload} (for ${oldKey}, last touched ${new Date(NOW - 30 * HOUR).toISOString()}, 1d 6h ago)`,
      `  would remove  temp file tmp/old.part (last touched ${new Date(NOW - 48 * HOUR).toISOString()}, 2d 0h ago)`,
      `  would remove  object ${UNFINISHED} without its meta (its writer died) (last touched ${new Date(NOW - 30 * HOUR).toISOString()}, 1d 6h ago)`,
      'Found 3 older than 24h, removed 0 (dry run), failed 0.',
      '',
    ])
    expect((await readdir(join(dataDir, 'multipart'))).sort()).toEqual([oldUpload, youngUpload].sort())
    expect((await readdir(join(dataDir, 'tmp'))).sort()).toEqual(['old.part', 'young.part'])

    const swept = await cli(['storage', 'sweep'])
    expect(swept.code).toBe(0)
    expect(swept.out).toContain(`  removed       multipart upload ${oldUpload} (for ${oldKey}, `)
    expect(swept.out).toContain('  removed       temp file tmp/old.part (')
    expect(swept.out).toContain(`  removed       object ${UNFINISHED} without its meta`)
    expect(swept.out.endsWith('Found 3 older than 24h, removed 3, failed 0.\n')).toBe(true)
    expect(await readdir(join(dataDir, 'objects', 'uploads', 'key-1'))).toEqual([STORED.split('/').at(-1)])
    expect(await readdir(join(dataDir, 'multipart'))).toEqual([youngUpload])
    expect(await readdir(join(dataDir, 'tmp'))).toEqual(['young.part'])
    // The young upload still works.
    expect(await storage.multipart.listParts(youngUpload, youngKey)).toHaveLength(1)

    // A shorter threshold takes the 2-hour-old upload, never the temp file just written.
    const shorter = await cli(['storage', 'sweep', '--older-than', '1h'])
    expect(shorter.out).toContain(`multipart upload ${youngUpload} (for ${youngKey}, `)
    expect(shorter.out.endsWith('Found 1 older than 1h, removed 1, failed 0.\n')).toBe(true)
    expect(await readdir(join(dataDir, 'tmp'))).toEqual(['young.part'])
  })

  it('a folder that holds no store yet: says so, and creates nothing in it', async () => {
    const { code, out } = await cli(['storage', 'sweep'])
    expect(code).toBe(0)
    expect(out).toBe(
      `DROPGATE_STORAGE is local, and ${dataDir} holds no embedded store yet (no signing-secret): nothing to sweep.\n`,
    )
    expect(await readdir(dataDir)).toEqual([])
  })
})
