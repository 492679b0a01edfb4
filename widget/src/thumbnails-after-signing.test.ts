// @vitest-environment happy-dom
import Uppy, { BasePlugin, type Body, type Meta, type UppyFile } from '@uppy/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { drawThumbnailsAfterSigning, THUMBNAIL_WAIT_MS } from './thumbnails-after-signing.js'

// The real Uppy, with a stand-in for the Dashboard's thumbnail generator that records what it was
// asked to draw (drawing needs a canvas and image decoding, which this DOM has not).
class RecordingThumbnails extends BasePlugin<{ id: string }, Meta, Body> {
  drawn: string[] = []
  constructor(uppy: Uppy<Meta, Body>) {
    super(uppy, { id: 'Thumbs' })
    this.id = 'Thumbs'
    this.type = 'modifier'
  }
  async requestThumbnail(file: UppyFile<Meta, Body>): Promise<void> {
    this.drawn.push(file.name ?? '')
  }
}

function setUp() {
  const uppy = new Uppy<Meta, Body>()
  uppy.use(RecordingThumbnails)
  const thumbs = uppy.getPlugin('Thumbs') as unknown as RecordingThumbnails
  drawThumbnailsAfterSigning(uppy, 'Thumbs')
  const request = (id: string) => {
    const file = uppy.getFile(id)
    return thumbs.requestThumbnail(file)
  }
  return { uppy, thumbs, request }
}

const photo = (name: string) => ({ name, type: 'image/png', data: new Blob(['x']) })

describe('drawThumbnailsAfterSigning', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it("draws a new file's thumbnail one task after its upload has started, not before", async () => {
    const { uppy, thumbs, request } = setUp()
    const id = uppy.addFile(photo('a.png'))
    const drawing = request(id)
    await vi.advanceTimersByTimeAsync(THUMBNAIL_WAIT_MS / 2)
    expect(thumbs.drawn).toEqual([])
    uppy.emit('upload-start', [uppy.getFile(id)])
    expect(thumbs.drawn).toEqual([])
    await vi.advanceTimersByTimeAsync(0)
    await drawing
    expect(thumbs.drawn).toEqual(['a.png'])
  })

  it('draws anyway once the wait is over when no upload starts', async () => {
    const { uppy, thumbs, request } = setUp()
    const drawing = request(uppy.addFile(photo('b.png')))
    await vi.advanceTimersByTimeAsync(THUMBNAIL_WAIT_MS - 1)
    expect(thumbs.drawn).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await drawing
    expect(thumbs.drawn).toEqual(['b.png'])
  })

  it('draws nothing for a file removed while it waited, and draws at once when nothing is pending', async () => {
    const { uppy, thumbs, request } = setUp()
    const gone = uppy.addFile(photo('gone.png'))
    const kept = uppy.addFile(photo('kept.png'))
    const drawings = [request(gone), request(kept)]
    uppy.removeFile(gone)
    uppy.emit('upload-start', [uppy.getFile(kept)])
    await vi.advanceTimersByTimeAsync(0)
    await Promise.all(drawings)
    expect(thumbs.drawn).toEqual(['kept.png'])
    // The wait is over: a thumbnail asked for now (the Dashboard's larger one, say) is drawn at once.
    await request(kept)
    expect(thumbs.drawn).toEqual(['kept.png', 'kept.png'])
  })
})
