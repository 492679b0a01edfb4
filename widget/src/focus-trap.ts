const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable], [tabindex]'

/**
 * Keeps Tab and Shift+Tab inside `container`. A focus trap that compares `document.activeElement`
 * (as Uppy's Dashboard does) sees only the shadow host and pins focus to the first control; this
 * one asks the container's own root, so it works inside a shadow root as well as outside.
 */
export function trapTab(event: KeyboardEvent, container: Element): void {
  const root = container.getRootNode() as Document | ShadowRoot
  const active = root.activeElement
  const nodes = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (node) =>
      node.tabIndex >= 0 && node.getClientRects().length > 0 && !node.closest('[inert],[aria-hidden="true"]'),
  )
  const first = nodes[0]
  const last = nodes[nodes.length - 1]
  if (!first || !last) return
  const target =
    !active || !container.contains(active)
      ? first
      : event.shiftKey
        ? active === first
          ? last
          : undefined
        : active === last
          ? first
          : undefined
  if (target) {
    target.focus()
    event.preventDefault()
  }
}
