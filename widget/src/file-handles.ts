/**
 * Files that came with a File System Access handle (Chromium's `FileSystemFileHandle`): a drop whose
 * items give one, or a page's own `addFileHandles()`. The resume record keeps the handle (IndexedDB
 * stores handles), so after a reload an unfinished upload can be continued with a click instead of
 * picking the file again (README "Resuming uploads"). Browsers without the API never get a handle,
 * and nothing changes for them.
 */
export interface HandleBook {
  /** Reads each handle's file and remembers the handle for it. */
  filesOf(handles: Iterable<FileSystemFileHandle>): Promise<File[]>
  remember(file: File, handle: FileSystemFileHandle): void
  /** Captures the handles a drop's items give; must run while the drop event is dispatched. */
  captureDrop(event: DragEvent): void
  /** The handle `file` came with, once any drop still resolving its handles has. */
  handleOf(file: Blob): Promise<FileSystemFileHandle | undefined>
}

/** Chromium's DataTransferItem method, not in TypeScript's DOM library. */
type HandleItem = DataTransferItem & { getAsFileSystemHandle?(): Promise<FileSystemHandle | null> }

/** What tells a dropped file from another: the drop's File is not the one the handle reads. */
const identity = (file: File) => `${file.name}\n${file.size}\n${file.lastModified}`

export function createHandleBook(): HandleBook {
  const byFile = new WeakMap<Blob, FileSystemFileHandle>()
  /** Handles of dropped files by identity, for the drop's own File objects (Uppy's data). */
  const byIdentity = new Map<string, FileSystemFileHandle>()
  const pending = new Set<Promise<unknown>>()
  const remember = (file: File, handle: FileSystemFileHandle) => {
    byFile.set(file, handle)
    byIdentity.set(identity(file), handle)
  }
  return {
    async filesOf(handles) {
      const files: File[] = []
      for (const handle of handles) {
        const file = await handle.getFile()
        remember(file, handle)
        files.push(file)
      }
      return files
    },
    remember,
    captureDrop(event) {
      // The items can be read only during the event; each handle resolves after it.
      for (const item of [...(event.dataTransfer?.items ?? [])] as HandleItem[]) {
        if (item.kind !== 'file' || typeof item.getAsFileSystemHandle !== 'function') continue
        const read = item
          .getAsFileSystemHandle()
          .then(async (handle) => {
            if (handle?.kind === 'file') {
              const fileHandle = handle as FileSystemFileHandle
              remember(await fileHandle.getFile(), fileHandle)
            }
          })
          .catch(() => {})
          .finally(() => pending.delete(read))
        pending.add(read)
      }
    },
    async handleOf(file) {
      await Promise.all(pending)
      return byFile.get(file) ?? (file instanceof File ? byIdentity.get(identity(file)) : undefined)
    },
  }
}
