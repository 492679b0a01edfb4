// Success means confirmed by the server. The confirmation step after Uppy stores a file's bytes, the
// step every run (upload, retry of one file, retry of all) starts with, and how a failure of either
// shows on the file.
import type { Body, Meta, Uppy } from '@uppy/core'
import type { DriverHooks } from './driver-contract.js'

export function addConfirmation(uppy: Uppy<Meta, Body>, hooks: DriverHooks): void {
  const confirmations = new Map<string, Promise<void>>()

  /** Has the server confirm a stored file; Uppy's upload of it ends only once this settles. */
  const confirm = (fileId: string) => {
    const confirmation = hooks.confirm(fileId).then(
      (publicUrl) => {
        const current = uppy.getFile(fileId)
        if (!current) return
        // The copy-link action and the preview link use the public URL, never the store's.
        uppy.setFileState(fileId, { uploadURL: publicUrl })
        uppy.emit('postprocess-complete', uppy.getFile(fileId))
      },
      (error: unknown) => {
        const current = uppy.getFile(fileId)
        if (!current) return
        const view = hooks.failed(fileId, error, 'confirm')
        // Not complete: neither the file card nor the status bar may say so, and Retry shows. The
        // bytes stay where they are unless the server says the object is gone.
        const {
          postprocess: _postprocess,
          complete: _complete,
          ...progress
        } = current.progress as typeof current.progress & {
          complete?: boolean
        }
        uppy.setFileState(fileId, {
          error: view.message,
          progress: {
            ...progress,
            uploadComplete: false,
            // Sent again from its first byte: its card shows Retry, and no progress.
            ...(view.resend && { percentage: 0, bytesUploaded: 0 }),
          } as typeof current.progress,
          ...(view.resend && { s3Multipart: undefined }),
        })
        uppy.setState({ error: view.message })
      },
    )
    confirmations.set(fileId, confirmation)
    return confirmation
  }

  // Every run (upload, retry of one file, retry of all) starts here, for the files it includes. A
  // file whose bytes are stored is marked uploaded again so that the uploader skips it and only the
  // confirmation runs; a file no retry can fix keeps its error, which makes the uploader skip it.
  uppy.addPreProcessor(async (fileIds) => {
    for (const id of fileIds) {
      const file = uppy.getFile(id)
      if (!file) continue
      const step = hooks.beforeRun(id)
      if (step === 'skip') uppy.setFileState(id, { error: hooks.failureMessage(id) })
      else if (step === 'confirm') {
        uppy.setFileState(id, {
          progress: {
            ...file.progress,
            uploadStarted: file.progress.uploadStarted ?? Date.now(),
            uploadComplete: true,
            percentage: 100,
            postprocess: { mode: 'indeterminate' },
          } as typeof file.progress,
        })
        void confirm(id)
      } else confirmations.delete(id)
    }
    const errors = uppy.getFiles().filter((f) => f.error)
    uppy.setState({ error: errors[0]?.error ?? null })
  })

  uppy.on('upload-success', (file) => {
    if (!file || !uppy.getFile(file.id)) return
    // Uppy stored the store's location as the file's link; the link is the server's, once confirmed.
    uppy.setFileState(file.id, { uploadURL: undefined })
    hooks.stored(file.id)
    void confirm(file.id)
  })

  // Uppy reports the upload complete only after this step: success means confirmed by the server.
  uppy.addPostProcessor(async (fileIds) => {
    await Promise.all(fileIds.map((id) => confirmations.get(id)))
  })

  uppy.on('upload-error', (file, error) => {
    if (!file || !uppy.getFile(file.id)) return
    const view = hooks.failed(file.id, error, 'upload')
    // Uppy's own handler ran first and stored its English text; the file card shows ours.
    uppy.setFileState(file.id, { error: view.message, ...(view.resend && { s3Multipart: undefined }) })
    uppy.setState({ error: view.message })
  })

  uppy.on('file-removed', (file) => confirmations.delete(file.id))
}
