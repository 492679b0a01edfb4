import { describe, expect, it } from 'vitest'
import { sweepS3 } from '../../src/cli/storage-sweep.js'
import { parseSweepOptions, type SweepOptions } from '../../src/cli/sweep-options.js'
import { loadConfig } from '../../src/config.js'
import { png } from '../media.js'
import { startServer } from '../server-process.js'
import { openMultipartUploads, throwawayBucket } from '../swift.js'

/**
 * A browser that vanishes between steps of a large upload (docs/API.md §2.5), on Swift: the signer
 * created the multipart upload at `POST /api/v1/uploads`, then nobody sent its parts (closed tab), or
 * sent one part and went (lost connection). Nothing of either is served, and `storage sweep` (its
 * clock a day on, as the lifecycle rule of `storage setup` would) aborts both, parts and all, while a
 * sweep at today's clock keeps them, as they may still be finished.
 */
const KEY = 'abandoned-uploads-key'
const MiB = 1024 * 1024

describe('large uploads whose browser went away', () => {
  it('leave no multipart upload after the sweep, and serve nothing meanwhile', async () => {
    // A bucket of its own: the sweep's clock is moved on, so every upload in the bucket looks old.
    const bucket = await throwawayBucket('abandoned')
    const env = { DROPGATE_API_KEYS: KEY, DROPGATE_STORAGE: 's3', DROPGATE_PART_SIZE_MB: '5', ...bucket.env }
    const server = await startServer(env)
    const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }
    try {
      const bytes = Buffer.concat([png(8, 8, 1), Buffer.alloc(6 * MiB, 1)])
      const start = async (filename: string) => {
        const res = await fetch(`${server.url}/api/v1/uploads`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ filename, contentType: 'image/png', fileSize: bytes.length }),
        })
        expect(res.status).toBe(200)
        return (await res.json()).data as {
          fileId: string
          uploadId: string
          ticket: string
          partSize: number
          publicUrl: string
        }
      }
      const closedTab = await start('closed-tab.png')
      const lostConnection = await start('lost-connection.png')
      const signed = await fetch(`${server.url}/api/v1/uploads/${lostConnection.fileId}/sign`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          ticket: lostConnection.ticket,
          uploadId: lostConnection.uploadId,
          step: 'parts',
          partNumbers: [1],
        }),
      })
      const [part] = (await signed.json()).data.parts as { url: string }[]
      const sent = await fetch(part?.url ?? '', {
        method: 'PUT',
        body: new Uint8Array(bytes.subarray(0, lostConnection.partSize)),
      })
      expect(sent.status).toBe(200)

      const open = () => openMultipartUploads(bucket.storage, 'quarantine/')
      expect(await open()).toHaveLength(2)
      for (const upload of [closedTab, lostConnection])
        expect((await fetch(upload.publicUrl)).status).toBe(404)

      const sweep = async (now: number) => {
        const out: string[] = []
        const status = await sweepS3(
          loadConfig(env),
          parseSweepOptions([]) as SweepOptions,
          { now },
          {
            write: (text: string) => out.push(text),
          },
        )
        expect(status, out.join('')).toBe(0)
        return out.join('')
      }
      // Today both may still be finished: kept.
      expect(await sweep(Date.now())).toMatch(/Found 0 older than 24h, aborted 0, failed 0; 2 younger kept/)
      expect(await open()).toHaveLength(2)
      expect(await sweep(Date.now() + 25 * 3600_000)).toMatch(
        /Found 2 older than 24h, aborted 2, failed 0; 0 younger kept/,
      )
      expect(await open()).toEqual([])
      // The part sent is gone with its upload: nothing under the staging prefix or at the links.
      const left: string[] = []
      for await (const info of bucket.storage.list('')) left.push(info.key)
      expect(left).toEqual([])
      for (const upload of [closedTab, lostConnection])
        expect((await fetch(upload.publicUrl)).status).toBe(404)
    } finally {
      await server.stop()
      await bucket.destroy()
    }
  }, 60_000)
})
