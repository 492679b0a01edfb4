import { directionOf } from './locale-catalog.js'
import type { Theme } from './options.js'
import { HOST_CSS, WIDGET_CSS } from './styles.js'

export interface Mounted {
  readonly root: HTMLElement
  /** Where the widget's own Preact controls render. */
  readonly controls: HTMLElement
  /** Where Uppy's Dashboard renders; Preact's tree for the controls never touches it. */
  readonly dashboard: HTMLElement
  unmount(): void
}

/**
 * Builds the widget's skeleton inside a shadow root: the target's own if it is one or has an open
 * one, otherwise a new open one. Styles go into that root only, so they neither leak out nor are
 * reached by the page's selectors.
 */
export function mount(target: Element | ShadowRoot, uppyCss: string, theme: Theme, label: string): Mounted {
  let shadow: ShadowRoot
  if ('host' in target) shadow = target
  else if (target.shadowRoot) shadow = target.shadowRoot
  else {
    try {
      shadow = target.attachShadow({ mode: 'open' })
    } catch {
      throw new TypeError(`Dropgate: cannot render inside <${target.localName}>; use a <div> or the element`)
    }
  }
  const doc = shadow.ownerDocument
  const style = doc.createElement('style')
  style.textContent = `${HOST_CSS}\n${uppyCss}\n${WIDGET_CSS}`
  const root = doc.createElement('div')
  root.className = 'dg-root'
  root.dataset.theme = theme
  root.setAttribute('role', 'group')
  root.lang = 'en'
  root.dir = 'ltr'
  root.setAttribute('aria-label', label)
  const controls = doc.createElement('div')
  const dashboard = doc.createElement('div')
  root.append(controls, dashboard)
  shadow.append(style, root)
  return {
    root,
    controls,
    dashboard,
    unmount() {
      style.remove()
      root.remove()
    },
  }
}

/**
 * The language the widget speaks, on its root inside the shadow root: `lang` for screen readers and
 * hyphenation, `dir` so that ar, fa and he lay out right to left (styles.ts uses logical properties;
 * Uppy's Dashboard mirrors itself under [dir="rtl"]), whatever the host page's own direction.
 */
export function applyLocale(root: HTMLElement, locale: string, label: string): void {
  root.lang = locale
  root.dir = directionOf(locale)
  root.setAttribute('aria-label', label)
}
