import { describe, expect, it, vi } from 'vitest'
import { createEmitter } from './emitter.js'
import type { DropgateEventMap } from './events.js'

const uploaded = { fileId: 'f1', publicUrl: 'https://x/f1.png', name: 'a.png', type: 'image/png', size: 3 }

describe('createEmitter', () => {
  it('delivers typed details to the listeners of that event only', () => {
    const events = createEmitter<DropgateEventMap>()
    const onUpload = vi.fn()
    const onError = vi.fn()
    events.on('dropgate:upload', onUpload)
    events.on('dropgate:error', onError)
    events.emit('dropgate:upload', uploaded)
    expect(onUpload).toHaveBeenCalledWith(uploaded)
    expect(onError).not.toHaveBeenCalled()
  })

  it('unsubscribes through off and through the answer of on', () => {
    const events = createEmitter<DropgateEventMap>()
    const a = vi.fn()
    const b = vi.fn()
    events.on('dropgate:upload', a)
    const stop = events.on('dropgate:upload', b)
    events.off('dropgate:upload', a)
    stop()
    events.emit('dropgate:upload', uploaded)
    expect(a).not.toHaveBeenCalled()
    expect(b).not.toHaveBeenCalled()
  })

  it('keeps going when a listener throws, and reports the error', () => {
    const report = vi.fn()
    const events = createEmitter<DropgateEventMap>(report)
    const after = vi.fn()
    events.on('dropgate:upload', () => {
      throw new Error('host page bug')
    })
    events.on('dropgate:upload', after)
    events.emit('dropgate:upload', uploaded)
    expect(after).toHaveBeenCalledOnce()
    expect(report).toHaveBeenCalledWith(new Error('host page bug'))
  })

  it('lets a listener remove itself while the event is delivered', () => {
    const events = createEmitter<DropgateEventMap>()
    const calls: string[] = []
    const once = () => {
      calls.push('once')
      events.off('dropgate:upload', once)
    }
    events.on('dropgate:upload', once)
    events.on('dropgate:upload', () => calls.push('always'))
    events.emit('dropgate:upload', uploaded)
    events.emit('dropgate:upload', uploaded)
    expect(calls).toEqual(['once', 'always', 'always'])
  })
})
