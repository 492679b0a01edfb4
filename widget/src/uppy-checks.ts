// The widget's checks in Uppy's flow: those that need no bytes as a file is added, and those that
// read it before anything is signed or sent.
import type { Body, Meta, Uppy, UppyFile } from '@uppy/core'
import type { DriverFile, DriverHooks } from './driver-contract.js'

type DropgateFile = UppyFile<Meta, Body>

const asDriverFile = (file: DropgateFile): DriverFile => ({
  id: file.id,
  name: file.name,
  type: file.type,
  size: file.size ?? 0,
  data: file.data as Blob,
})

/** Uppy's `onBeforeFileAdded`: refuses a file already in the list or one the widget refuses. */
export function admitFile(
  hooks: DriverHooks,
  file: DropgateFile,
  files: Readonly<Record<string, DropgateFile>>,
): DropgateFile | boolean {
  if (Object.hasOwn(files, file.id)) return false
  const type = hooks.admit(asDriverFile(file), Object.keys(files).length)
  if (type === false) return false
  return type === file.type ? true : { ...file, type, meta: { ...file.meta, type } }
}

/** Reads every added file's bytes through `hooks.inspect`; uploads wait for it. */
export function inspectAddedFiles(uppy: Uppy<Meta, Body>, hooks: DriverHooks): void {
  const checks = new Map<string, Promise<void>>()

  uppy.on('file-added', (file) => {
    const check = hooks.inspect(asDriverFile(file)).then(
      (type) => {
        if (!uppy.getFile(file.id)) return
        if (type === false) uppy.removeFile(file.id)
        else if (type !== file.type) {
          uppy.setFileMeta(file.id, { type })
          uppy.setFileState(file.id, { type })
        }
      },
      () => uppy.removeFile(file.id),
    )
    checks.set(file.id, check)
    hooks.changed()
  })
  uppy.on('file-removed', (file) => checks.delete(file.id))

  // Nothing is signed or sent before every added file's bytes were checked; a refused file is
  // removed from the upload before the uploader step reads its list.
  uppy.addPreProcessor(async (fileIds) => {
    await Promise.all(fileIds.map((id) => checks.get(id)))
  })
}
