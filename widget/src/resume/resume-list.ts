import { percentSent, type ResumeRecord } from './record.js'

/**
 * The unfinished uploads a reload left, shown above the drop zone with a Discard button each. Plain
 * DOM: it is drawn by the lazily loaded chunk, apart from the Preact tree of the controls.
 */
export interface ResumeList {
  show(records: readonly ResumeRecord[]): void
  /** A line for the connection's state (offline, back), '' to clear. */
  status(text: string): void
  destroy(): void
}

export function createResumeList(
  parent: HTMLElement,
  words: { list: string; discard: string; line(record: ResumeRecord, percent: number): string },
  onDiscard: (record: ResumeRecord) => void,
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
          const discard = doc.createElement('button')
          discard.type = 'button'
          discard.textContent = words.discard
          discard.setAttribute('aria-label', `${words.discard}: ${record.name}`)
          discard.addEventListener('click', () => onDiscard(record))
          item.append(text, ' ', discard)
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
