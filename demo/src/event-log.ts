import type { DropgateEventMap, DropgateEventName } from '@dropgate/widget'
import { clockTime, formatBytes, h } from './format.js'
import type { Source } from './gallery.js'

/** The event log: every `dropgate:*` event of both embeds, newest first, with what it carried. */
export function createEventLog(list: HTMLElement, empty: HTMLElement, clear: HTMLElement) {
  clear.addEventListener('click', () => {
    list.replaceChildren()
    empty.hidden = false
  })
  return {
    add<K extends DropgateEventName>(source: Source, type: K, detail: DropgateEventMap[K]) {
      const entry = h(
        'li',
        { class: `log-entry log-${type.slice('dropgate:'.length)}` },
        h('time', {}, clockTime(new Date())),
        h('span', { class: 'log-source' }, source),
        h('code', { class: 'log-type' }, type),
        h('span', { class: 'log-detail' }, ...describe(type, detail)),
      )
      list.prepend(entry)
      empty.hidden = true
    },
  }
}

function describe<K extends DropgateEventName>(type: K, detail: DropgateEventMap[K]): (Node | string)[] {
  switch (type) {
    case 'dropgate:upload': {
      const file = detail as DropgateEventMap['dropgate:upload']
      return [
        `${file.name} (${formatBytes(file.size)}) → `,
        h('a', { href: file.publicUrl, target: '_blank', rel: 'noopener' }, file.publicUrl),
      ]
    }
    case 'dropgate:complete': {
      const { successful, failed } = detail as DropgateEventMap['dropgate:complete']
      return [`${successful.length} uploaded, ${failed.length} failed`]
    }
    case 'dropgate:error': {
      const { name, code, msg } = detail as DropgateEventMap['dropgate:error']
      return [`${name}: ${msg} (code ${code})`]
    }
    default: {
      const { name, reason, message } = detail as DropgateEventMap['dropgate:rejected']
      return [`${name} refused (${reason}): ${message}`]
    }
  }
}
