/**
 * Keeps keyboard focus where a person expects it while the Dashboard re-renders. The Dashboard
 * replaces the control that was just used (the "browse" button once files are picked, a file's ✕
 * once it is removed, the Upload button once uploads start or end), which drops focus to the top of
 * the page. This module puts it back: on the file list after picking, on the next file after a
 * removal, and on the opener once the modal closes.
 */
export interface FocusKeeper {
  /** Files were just added: focus the file list if focus is nowhere (the picker closed). */
  afterAdd(): void
  /** A file at `index` is being removed: focus the file now at that place (or the one before). */
  afterRemoval(index: number): void
  /** Focus `find()`'s element as soon as it is rendered. */
  focusWhenReady(find: () => HTMLElement | null | undefined): void
  destroy(): void
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([type="file"]):not([disabled]), [tabindex]:not([tabindex="-1"])'
const WAIT_MS = 2_000

export function keepFocus(root: HTMLElement): FocusKeeper {
  const shadow = root.getRootNode() as ShadowRoot | Document
  const doc = root.ownerDocument
  let lastFocused: HTMLElement | null = null
  let removalIndex = -1
  let restoring = false
  let waiting: (() => void) | undefined
  const view = doc.defaultView

  /** Focus is nowhere in particular: on the page's body, or on the host with nothing inside focused. */
  const focusIsNowhere = () => {
    const active = doc.activeElement
    if (!active || active === doc.body) return true
    return 'host' in shadow && active === shadow.host && !shadow.activeElement
  }

  const activeInside = () => ('host' in shadow ? shadow.activeElement : doc.activeElement)
  /** Focuses `el` if it is shown; answers whether focus is there now. */
  const focus = (el: HTMLElement | null | undefined) => {
    if (!el?.isConnected || el.getClientRects().length === 0) return false
    // The file list is a plain element: focusable from script only.
    if (!el.matches(FOCUSABLE) && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
    restoring = true
    el.focus({ preventScroll: false })
    restoring = false
    if (activeInside() !== el) return false
    lastFocused = el
    return true
  }

  const items = () => [...root.querySelectorAll<HTMLElement>('.uppy-Dashboard-Item')]
  const fileList = () => root.querySelector<HTMLElement>('.uppy-Dashboard-files')
  const addFiles = () =>
    root.querySelector<HTMLElement>('.uppy-Dashboard-browse') ??
    root.querySelector<HTMLElement>('.uppy-Dashboard-AddFiles button')

  /** Where focus goes when what held it was re-rendered away. */
  const fallback = (): HTMLElement | null => {
    const list = items()
    if (removalIndex >= 0) {
      const next = list[removalIndex] ?? list[removalIndex - 1]
      if (next)
        return (
          next.querySelector<HTMLElement>('.uppy-Dashboard-Item-action--remove') ??
          next.querySelector<HTMLElement>(FOCUSABLE)
        )
      return addFiles()
    }
    if (list.length > 0) return fileList()
    return addFiles() ?? root.querySelector<HTMLElement>(FOCUSABLE)
  }

  const onFocusIn = (event: Event) => {
    if (restoring) return
    lastFocused = event.composedPath()[0] as HTMLElement
    // A person moved focus themselves: a removal's "next file" no longer applies.
    removalIndex = -1
  }
  const onFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null
    // Focus went somewhere else on purpose (another control of the page): let it be.
    if (to && !root.contains(to)) lastFocused = null
  }
  root.addEventListener('focusin', onFocusIn)
  root.addEventListener('focusout', onFocusOut)

  const observer = new MutationObserver(() => {
    if (waiting) return
    if (lastFocused && !lastFocused.isConnected && focusIsNowhere()) {
      const target = fallback()
      if (!focus(target)) focusWhenReady(fallback)
    }
  })
  observer.observe(root, { childList: true, subtree: true })

  /** Tries on each frame (the Dashboard renders and animates in its own time) until shown, or gives up. */
  const focusWhenReady = (find: () => HTMLElement | null | undefined) => {
    const started = Date.now()
    const attempt = () => {
      // A later request replaced this one.
      if (waiting !== attempt) return
      if (focus(find()) || Date.now() - started > WAIT_MS) waiting = undefined
      else (view?.requestAnimationFrame ?? setTimeout)(attempt)
    }
    waiting = attempt
    attempt()
  }

  return {
    afterAdd() {
      if (focusIsNowhere() || (lastFocused && !lastFocused.isConnected)) focusWhenReady(fileList)
    },
    afterRemoval(index) {
      removalIndex = index
      const active = 'host' in shadow ? shadow.activeElement : doc.activeElement
      // Removed with the keyboard or a click on its ✕: focus was on that file's card.
      if (active && root.contains(active)) lastFocused = active as HTMLElement
    },
    focusWhenReady,
    destroy() {
      observer.disconnect()
      root.removeEventListener('focusin', onFocusIn)
      root.removeEventListener('focusout', onFocusOut)
    },
  }
}
