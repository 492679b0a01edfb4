import { fingerprintOf } from './fingerprint.js'
import type { ResumeRecord } from './record.js'

/** Chromium's permission methods of a handle, not in TypeScript's DOM library. */
type PermissionedHandle = FileSystemFileHandle & {
  requestPermission?(descriptor: { mode: 'read' }): Promise<PermissionState>
}

/** Why a record's file could not be read again: permission refused, file gone, or another file now. */
export type Refusal = 'denied' | 'gone' | 'changed'

/**
 * The file behind a record's handle, if it may be read and is still the file the upload began with.
 * Call it from the click itself: Chromium asks the person for permission only during a user
 * gesture, so `requestPermission` is the first thing awaited. A handle of the origin's private file
 * system is always granted; one from a drop or a picker asks again after a reload.
 */
export async function reopen(record: ResumeRecord): Promise<{ file: File } | { refused: Refusal }> {
  const handle = record.handle as PermissionedHandle | undefined
  if (!handle) return { refused: 'gone' }
  let permission: PermissionState
  try {
    permission = handle.requestPermission ? await handle.requestPermission({ mode: 'read' }) : 'granted'
  } catch {
    permission = 'denied'
  }
  if (permission !== 'granted') return { refused: 'denied' }
  let file: File
  try {
    file = await handle.getFile()
  } catch {
    // NotFoundError: moved or deleted since; NotReadableError: changed while being read.
    return { refused: 'gone' }
  }
  // A changed file never continues the old upload: the parts stored are another file's.
  if (file.size !== record.size || (await fingerprintOf(file, record.partSize)) !== record.fingerprint)
    return { refused: 'changed' }
  return { file }
}
