/**
 * The one thing the widget keeps of an unfinished large upload, so that a reload can finish it: where
 * it goes and the ticket to sign its steps. Never a credential: the ticket only lets its owner's own
 * credential sign steps for this one file (docs/API.md §2.5), while an API key or upload token would
 * let anyone who reads the browser's storage upload as the page. The caller's credential is asked for
 * again (a token through `getToken()`) when the upload resumes.
 */
export interface ResumeRecord {
  /** `endpoint + '\n' + fingerprint`: one record per file and signer. */
  readonly id: string
  /** The signer's base URL; records of another endpoint are never offered. */
  readonly endpoint: string
  readonly fingerprint: string
  readonly name: string
  readonly size: number
  readonly fileId: string
  readonly ticket: string
  readonly uploadId: string
  readonly partSize: number
  readonly partCount: number
  /** Epoch ms after which the ticket is refused and the record is useless. */
  readonly expiresAt: number
  /** Bytes the store holds, as last seen: for "62% sent". */
  readonly sentBytes: number
  /**
   * The file's File System Access handle, when it came with one (file-handles.ts): "Continue" reads
   * the file through it after a reload. It lets this origin read that one file, and only once the
   * person grants it again; it lets nobody upload anything.
   */
  readonly handle?: FileSystemFileHandle
}

/** An upload ticket is valid a day (docs/API.md §2.5); a record never outlives it. */
export const TICKET_LIFETIME_MS = 86_400_000

/** What the upload's creation tells; the record adds its id, lifetime and progress. */
export type NewRecord = Omit<ResumeRecord, 'id' | 'expiresAt' | 'sentBytes'>

/** A record for an upload created at `createdAt` (the ticket's issue, as near as the page knows it). */
export const newRecord = (upload: NewRecord, createdAt: number): ResumeRecord => ({
  ...upload,
  id: recordId(upload.endpoint, upload.fingerprint),
  expiresAt: createdAt + TICKET_LIFETIME_MS,
  sentBytes: 0,
})

export const recordId = (endpoint: string, fingerprint: string) => `${endpoint}\n${fingerprint}`

export const isLive = (record: ResumeRecord, now: number) => now < record.expiresAt

/** Share of the file sent, in whole percent, never 100 before the upload is complete. */
export const percentSent = (record: ResumeRecord) =>
  Math.min(99, Math.floor((record.sentBytes / Math.max(1, record.size)) * 100))
