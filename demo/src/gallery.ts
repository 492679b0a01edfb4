import type { UploadedFile } from '@dropgate/widget'
import { formatBytes, h } from './format.js'

export type Source = 'script tag' | 'npm'

/**
 * "Returned files": each confirmed upload rendered from the public URL the server returned —
 * an `<img>`, a `<video controls>` or an `<audio controls>` — with its name, type, size and link.
 */
export function createGallery(list: HTMLElement, empty: HTMLElement, count: HTMLElement) {
  let total = 0
  return {
    add(file: UploadedFile, source: Source) {
      const kind = file.type.split('/')[0]
      const media =
        kind === 'image'
          ? h('img', { src: file.publicUrl, alt: file.name, loading: 'lazy' })
          : kind === 'video'
            ? h('video', { src: file.publicUrl, controls: '', preload: 'metadata', 'aria-label': file.name })
            : h('audio', { src: file.publicUrl, controls: '', preload: 'metadata', 'aria-label': file.name })
      const item = h(
        'li',
        { class: `file file-${kind}`, 'data-file-id': file.fileId, 'data-type': file.type },
        h('div', { class: 'file-media' }, media),
        h(
          'div',
          { class: 'file-meta' },
          h('strong', { class: 'file-name', title: file.name }, file.name),
          h('span', { class: 'file-sub' }, `${file.type} · ${formatBytes(file.size)} · via ${source}`),
          h(
            'a',
            { class: 'file-link', href: file.publicUrl, target: '_blank', rel: 'noopener' },
            file.publicUrl,
          ),
        ),
      )
      list.prepend(item)
      total++
      count.textContent = String(total)
      empty.hidden = true
    },
  }
}
