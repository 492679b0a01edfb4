import { percentSent, type ResumeRecord } from './record.js'

/**
 * The unfinished uploads a reload left, shown above the drop zone with a Discard button each, and a
 * Continue button for those whose file can be read again through its handle (file-handles.ts).
 * Plain DOM: it is drawn by the lazily loaded chunk, apart from the Preact tree of the controls.
 */
export interface ResumeList {
  show(records: readonly ResumeRecord[]): void
  /** A line for the connection's state (offline, back), '' to clear. */
  status(text: string): void
  destroy(): void
}

export function createResumeList(
  parent: HTMLElement,
  words: {
    list: string
    discard: string
    continue: string
    line(record: ResumeRecord, percent: number): string
  },
  actions: {
    discard(record: ResumeRecord): void
    /** Called inside the click, so that it can ask for permission to read the file. */
    continue(record: ResumeRecord): void
  },
): ResumeList {
  const doc = parent.ownerDocument
  const box = doc.createElement('div')
  box.className = 'dg-resume'
  const line = doc.createElement('p')
  line.className = 'dg-resume-status'
  line.setAttribute('role', 'status')
  const list = doc.createElement('ul')
  list.setAttribute('aria-label', words.list)
  box.append(line, list)
  parent.prepend(box)
  return {
    show(records) {
      list.replaceChildren(
        ...records.map((record) => {
          const item = doc.createElement('li')
          item.className = 'dg-resume-item'
          const text = doc.createElement('span')
          text.textContent = words.line(record, percentSent(record))
          const button = (label: string, action: (record: ResumeRecord) => void) => {
            const element = doc.createElement('button')
            element.type = 'button'
            element.textContent = label
            element.setAttribute('aria-label', `${label}: ${record.name}`)
            element.addEventListener('click', () => action(record))
            return element
          }
          item.append(text)
          if (record.handle) item.append(' ', button(words.continue, actions.continue))
          item.append(' ', button(words.discard, actions.discard))
          return item
        }),
      )
      list.hidden = records.length === 0
    },
    status(text) {
      line.textContent = text
      line.hidden = text === ''
    },
    destroy: () => box.remove(),
  }
}
