type Label = string | (() => string)
const read = (label: Label) => (typeof label === 'function' ? label() : label)

/**
 * ARIA that Uppy 6's Dashboard leaves out, kept in place whatever it re-renders:
 * - a lone file is `role="listitem"` without a `role="list"` around it (its single-file branch drops
 *   the virtual list that carries the role), which screen readers and axe (aria-required-parent,
 *   critical) both flag;
 * - the modal's `role="dialog"` element has no accessible name (the label sits on its parent).
 * The file list is also made focusable from script (`tabindex="-1"`), where focus goes after files
 * are picked. Labels may be functions, read at each repair: a locale loaded later renames them.
 * Returns a function that stops watching.
 */
export function keepAriaRepaired(
  root: HTMLElement,
  dialogLabelOf: Label,
  listLabelOf: Label = '',
): () => void {
  const repair = () => {
    const dialogLabel = read(dialogLabelOf)
    const listLabel = read(listLabelOf)
    for (const list of root.querySelectorAll('.uppy-Dashboard-files')) {
      if (!list.hasAttribute('role') && list.querySelector('[role="listitem"]'))
        list.setAttribute('role', 'list')
      if (listLabel && list.getAttribute('aria-label') !== listLabel)
        list.setAttribute('aria-label', listLabel)
      if (list.getAttribute('tabindex') !== '-1') list.setAttribute('tabindex', '-1')
    }
    for (const dialog of root.querySelectorAll('.uppy-Dashboard-inner[role="dialog"]')) {
      if (dialog.getAttribute('aria-label') !== dialogLabel) dialog.setAttribute('aria-label', dialogLabel)
      if (dialog.getAttribute('aria-modal') !== 'true') dialog.setAttribute('aria-modal', 'true')
    }
  }
  repair()
  const observer = new MutationObserver(repair)
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}
