/**
 * Uppy 6's Dashboard renders a lone file as `role="listitem"` without a `role="list"` around it (its
 * single-file branch drops the virtual list that carries the role), which screen readers and axe
 * (aria-required-parent, critical) both flag. This keeps the files container a list whatever Uppy
 * re-renders. Returns a function that stops watching.
 */
export function keepFileListRole(root: HTMLElement): () => void {
  const repair = () => {
    for (const list of root.querySelectorAll('.uppy-Dashboard-files'))
      if (!list.hasAttribute('role') && list.querySelector('[role="listitem"]'))
        list.setAttribute('role', 'list')
  }
  repair()
  const observer = new MutationObserver(repair)
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}
