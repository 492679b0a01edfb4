import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { isLive, newRecord, percentSent, TICKET_LIFETIME_MS } from './record.js'
import { openRecordStore } from './record-store.js'

const upload = (endpoint: string, fingerprint: string) => ({
  endpoint,
  fingerprint,
  name: 'video.mp4',
  size: 100,
  fileId: 'f1.mp4',
  ticket: 'dg_mp_x',
  uploadId: 'u1',
  partSize: 10,
  partCount: 10,
})
const E = 'http://127.0.0.1:8787'

describe('resume records', () => {
  it('live until the ticket expires, and no longer', () => {
    const record = newRecord(upload(E, 'fp'), 1_000)
    expect(isLive(record, 1_000 + TICKET_LIFETIME_MS - 1)).toBe(true)
    expect(isLive(record, 1_000 + TICKET_LIFETIME_MS)).toBe(false)
  })

  it('hold no credential: only what the ticket and the store need', () => {
    expect(Object.keys(newRecord(upload(E, 'fp'), 0)).sort()).toEqual(
      [
        'endpoint',
        'expiresAt',
        'fileId',
        'fingerprint',
        'id',
        'name',
        'partCount',
        'partSize',
        'sentBytes',
        'size',
        'ticket',
        'uploadId',
      ].sort(),
    )
  })

  it('percent sent is never 100 before the end', () => {
    const record = newRecord(upload(E, 'fp'), 0)
    expect(percentSent({ ...record, sentBytes: 62 })).toBe(62)
    expect(percentSent({ ...record, sentBytes: 100 })).toBe(99)
  })

  it('keep a record whose file handle the browser cannot store, without the handle', async () => {
    const store = openRecordStore(new IDBFactory(), () => 0)
    // Not structured-cloneable (it holds a function), as a handle is where IndexedDB cannot keep one.
    const handle = { kind: 'file', getFile: () => undefined } as unknown as FileSystemFileHandle
    const record = newRecord({ ...upload(E, 'h'), handle }, 0)
    await store.put(record)
    const { handle: _, ...without } = record
    expect(await store.get(record.id)).toEqual(without)
    // Any other refusal still fails the write.
    const bad = { ...newRecord(upload(E, 'i'), 0), ticket: () => 'x' } as unknown as typeof record
    await expect(store.put(bad)).rejects.toThrow()
  })

  it('are kept per endpoint, and an expired one is deleted when read', async () => {
    let now = 0
    const store = openRecordStore(new IDBFactory(), () => now)
    const first = newRecord(upload(E, 'a'), 0)
    const other = newRecord(upload('https://elsewhere.example', 'a'), 0)
    const later = newRecord(upload(E, 'b'), 5_000)
    for (const r of [later, first, other]) await store.put(r)
    expect((await store.list(E)).map((r) => r.id)).toEqual([first.id, later.id])
    expect(await store.get(other.id)).toEqual(other)

    now = TICKET_LIFETIME_MS + 1
    expect((await store.list(E)).map((r) => r.id)).toEqual([later.id])
    // Deleted, not only hidden: a clock set back does not bring it back.
    now = 0
    expect(await store.get(first.id)).toBeUndefined()
    expect(await store.get(other.id)).toBeUndefined()
    await store.remove(later.id)
    expect(await store.list(E)).toEqual([])
  })
})
