import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { mp4 } from '../media.js'
import { abortUpload, createUpload, putParts, signStep } from '../s3-multipart-client.js'
import { type RunningServer, startServer } from '../server-process.js'

/**
 * A large-file upload across a restart of a server without DROPGATE_TOKEN_SECRET (its token secret
 * is drawn per process): the upload's ticket dies with the process, the parts already stored do not.
 * The caller can still abort them, and is told plainly why the other steps are refused.
 */
const KEY = 'restart-key'
const MiB = 1024 * 1024
const env = { DROPGATE_API_KEYS: KEY, DROPGATE_PART_SIZE_MB: '5' }
const servers: RunningServer[] = []
let dataDir: string | undefined
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()))
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

async function start(dir: string) {
  const server = await startServer(env, [], { dataDir: dir })
  servers.push(server)
  return { server, api: { base: server.url, headers: { authorization: `Bearer ${KEY}` } } }
}

it('after a restart, abort still works and the other steps say to start again', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropgate-restart-'))
  const first = await start(dataDir)
  expect(first.server.logs.join('')).toContain(
    'upload tokens and large-file upload tickets are valid on this instance only and die when it restarts',
  )
  const file = randomBytes(11 * MiB)
  mp4(0).copy(file, 0)
  const upload = await createUpload(first.api, {
    filename: 'clip.mp4',
    contentType: 'video/mp4',
    fileSize: file.length,
  })
  expect(upload.partCount).toBe(3)
  await putParts(first.api, upload, file, [1])
  await first.server.stop()

  const second = await start(dataDir)
  const parts = await signStep(second.api, upload, 'parts', [2])
  expect([parts.status, parts.msg]).toEqual([
    403,
    'This upload was started by a server that has restarted or uses another DROPGATE_TOKEN_SECRET; start the upload again',
  ])
  expect(await readdir(join(dataDir, 'multipart'))).toHaveLength(1)
  expect((await abortUpload(second.api, upload)).status).toBe(204)
  expect(await readdir(join(dataDir, 'multipart'))).toEqual([])
}, 60_000)
