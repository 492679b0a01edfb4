import type { CreatedUpload } from './api.js'

/** What the widget knows of one file on its way up. */
export interface Tracked {
  readonly id: string
  readonly name: string
  readonly size: number
  /** The type it is uploaded as, set once its bytes were checked. */
  type: string
  /** The answer of `POST /api/v1/files`, kept to reuse its URL on a retry and to confirm the upload. */
  created?: CreatedUpload
  createdFor?: string
  /** The answer being asked for (a file signed ahead, sign-request.ts), and for which type. */
  creating?: { readonly contentType: string; readonly answer: Promise<CreatedUpload> }
}

export interface Registry {
  track(file: {
    readonly id: string
    readonly name: string
    readonly size: number
    readonly type: string
  }): Tracked
  get(id: string): Tracked | undefined
  /**
   * The object key handed to Uppy for a file. Uppy's `signRequest` receives the key but not the
   * file, so the key is the handle back to it; the server picks the real key, and since `signRequest`
   * never returns a `key` override, every later step (multipart parts included) carries this handle.
   */
  keyFor(id: string): string
  byKey(key: string): Tracked | undefined
  forget(id: string): void
  clear(): void
}

export function createRegistry(random: () => number = Math.random): Registry {
  const byId = new Map<string, Tracked>()
  const keys = new Map<string, string>()
  const ids = new Map<string, string>()
  let sequence = 0

  return {
    track(file) {
      const tracked: Tracked = { id: file.id, name: file.name, size: file.size, type: file.type }
      byId.set(file.id, tracked)
      return tracked
    },
    get: (id) => byId.get(id),
    keyFor(id) {
      let key = keys.get(id)
      if (!key) {
        // Not crypto.randomUUID: it exists only in secure contexts, and the handle is no secret.
        key = `dropgate-${++sequence}-${Math.floor(random() * 2 ** 32).toString(36)}`
        keys.set(id, key)
        ids.set(key, id)
      }
      return key
    },
    byKey(key) {
      const id = ids.get(key)
      return id === undefined ? undefined : byId.get(id)
    },
    forget(id) {
      byId.delete(id)
      const key = keys.get(id)
      if (key) ids.delete(key)
      keys.delete(id)
    },
    clear() {
      byId.clear()
      keys.clear()
      ids.clear()
    },
  }
}
