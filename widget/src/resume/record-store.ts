import { isLive, type ResumeRecord } from './record.js'

/**
 * Unfinished uploads in IndexedDB, so that they outlive a reload, a closed tab and a crash.
 * IndexedDB is per origin, so a record is already the page's origin's; the endpoint is part of each
 * record's id, so a page talking to two signers never resumes one's upload on the other.
 * Expired records are deleted as they are read.
 */
export const DB_NAME = 'dropgate-resume'
const STORE = 'uploads'

export interface RecordStore {
  put(record: ResumeRecord): Promise<void>
  get(id: string): Promise<ResumeRecord | undefined>
  /** The live records of `endpoint`, oldest first. */
  list(endpoint: string): Promise<ResumeRecord[]>
  remove(id: string): Promise<void>
}

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })

export function openRecordStore(factory: IDBFactory = indexedDB, now: () => number = Date.now): RecordStore {
  let opened: Promise<IDBDatabase> | undefined
  const db = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' })
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    return opened
  }
  const store = async (mode: IDBTransactionMode) => (await db()).transaction(STORE, mode).objectStore(STORE)

  const remove = async (id: string) => {
    await done((await store('readwrite')).delete(id))
  }
  return {
    async put(record) {
      try {
        await done((await store('readwrite')).put(record))
      } catch (error) {
        // A browser that cannot store this file handle (DataCloneError) keeps the record without it:
        // the upload still resumes when the file is added again, only "Continue" is not offered.
        if (!record.handle || (error as { name?: string }).name !== 'DataCloneError') throw error
        const { handle: _, ...without } = record
        await done((await store('readwrite')).put(without))
      }
    },
    async get(id) {
      const record = (await done((await store('readonly')).get(id))) as ResumeRecord | undefined
      if (record && !isLive(record, now())) {
        await remove(id)
        return undefined
      }
      return record
    },
    async list(endpoint) {
      const all = (await done((await store('readonly')).getAll())) as ResumeRecord[]
      const live: ResumeRecord[] = []
      for (const record of all) {
        if (!isLive(record, now())) await remove(record.id)
        else if (record.endpoint === endpoint) live.push(record)
      }
      return live.sort((a, b) => a.expiresAt - b.expiresAt)
    },
    remove,
  }
}
