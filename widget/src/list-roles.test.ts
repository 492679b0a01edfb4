// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { keepAriaRepaired } from './list-roles.js'

describe('keepAriaRepaired', () => {
  it('makes a files container holding list items a list, also after re-renders', async () => {
    const root = document.createElement('div')
    root.innerHTML = '<div class="uppy-Dashboard-files"><div role="listitem" id="uppy_1"></div></div>'
    const stop = keepAriaRepaired(root, 'File upload')
    expect(root.querySelector('.uppy-Dashboard-files')?.getAttribute('role')).toBe('list')
    root.innerHTML = '<div class="uppy-Dashboard-files"><div role="listitem" id="uppy_2"></div></div>'
    // The repair runs in the MutationObserver's callback.
    await vi.waitFor(() =>
      expect(root.querySelector('.uppy-Dashboard-files')?.getAttribute('role')).toBe('list'),
    )
    stop()
  })

  it('leaves a container that has a role, or no items, alone', () => {
    const root = document.createElement('div')
    root.innerHTML =
      '<div class="uppy-Dashboard-files" role="presentation"><div role="listitem"></div></div><div class="uppy-Dashboard-files"></div>'
    keepAriaRepaired(root, 'File upload')()
    const [withRole, empty] = root.querySelectorAll('.uppy-Dashboard-files')
    expect(withRole?.getAttribute('role')).toBe('presentation')
    expect(empty?.hasAttribute('role')).toBe(false)
  })

  it('names the modal dialog and makes it modal', async () => {
    const root = document.createElement('div')
    const stop = keepAriaRepaired(root, 'File upload', 'Files')
    root.innerHTML =
      '<div class="uppy-Dashboard-inner" role="dialog"></div><div class="uppy-Dashboard-files"><div role="listitem"></div></div>'
    const dialog = root.querySelector('[role="dialog"]')
    await vi.waitFor(() => expect(dialog?.getAttribute('aria-label')).toBe('File upload'))
    expect(dialog?.getAttribute('aria-modal')).toBe('true')
    expect(root.querySelector('.uppy-Dashboard-files')?.getAttribute('aria-label')).toBe('Files')
    stop()
  })
})
