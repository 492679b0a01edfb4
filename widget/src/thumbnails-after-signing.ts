import type { Body, Meta, Uppy, UppyFile } from '@uppy/core'

/** The one method of the Dashboard's thumbnail generator this module touches (@uppy/thumbnail-generator). */
interface ThumbnailDrawer {
  requestThumbnail(file: UppyFile<Meta, Body>): Promise<void>
}

/** How long thumbnails wait at most for an upload that may never start (a refused file, say). */
export const THUMBNAIL_WAIT_MS = 1000

/**
 * Draws the Dashboard's thumbnails once a newly added file's upload has sent its first requests.
 * A thumbnail is a decode and a few canvas resizes on the main thread (27–45 ms for a 1 MB photo,
 * twice for a single file: the Dashboard also draws a large one), and it landed between the widget's
 * reads of the file's first bytes, so the signing request went out that much later; drawn after it,
 * the work fills the wait for the signer's answer instead. Uploads that start by themselves only
 * (`autoUpload`): otherwise nothing is about to be sent and thumbnails are drawn at once.
 *
 * Written here because neither the Dashboard nor the thumbnail generator can delay its drawing on
 * anything but `waitForThumbnailsBeforeUpload`, which does the opposite (uploads wait for thumbnails).
 */
export function drawThumbnailsAfterSigning(uppy: Uppy<Meta, Body>, generatorId: string): void {
  const generator = uppy.getPlugin(generatorId) as unknown as ThumbnailDrawer | undefined
  if (!generator) return
  let waiting: Promise<void> | undefined
  uppy.on('file-added', () => {
    waiting ??= new Promise<void>((release) => {
      const done = () => {
        clearTimeout(fallback)
        uppy.off('upload-start', started)
        waiting = undefined
        release()
      }
      // The signing requests are asked for in `upload-start`'s handlers and go out at the end of
      // that task (batcher.ts): one task later they are on their way.
      const started = () => setTimeout(done, 0)
      const fallback = setTimeout(done, THUMBNAIL_WAIT_MS)
      uppy.on('upload-start', started)
    })
  })
  const draw = generator.requestThumbnail.bind(generator)
  generator.requestThumbnail = async (file) => {
    if (waiting) await waiting
    // Removed meanwhile: nothing to draw (the generator would draw it anyway and warn).
    const current = uppy.getFile(file.id)
    if (current) await draw({ ...current, preview: file.preview })
  }
}
