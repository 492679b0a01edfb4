/**
 * What tells a re-added file from another with the same name: tus-js-client's fingerprint (name, type,
 * size, lastModified), which a copy edited in place can still match, plus a SHA-256 of the file's
 * first part, which it cannot without having the same first bytes. The part hashed is the plan's
 * first part (docs/API.md §2.5), so the check reads no more than resuming sends anyway.
 */
export interface FileIdentity {
  readonly name: string
  readonly size: number
  readonly type: string
  readonly lastModified: number
}

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')

/** `name|size|type|lastModified|sha256(first part)`, the key a record is stored under. */
export async function fingerprintOf(file: FileIdentity & Blob, partSize: number): Promise<string> {
  const head = await file.slice(0, Math.min(partSize, file.size)).arrayBuffer()
  const digest = await crypto.subtle.digest('SHA-256', head)
  return [encodeURIComponent(file.name), file.size, file.type, file.lastModified, hex(digest)].join('|')
}
