// The `pageDrop` option: the whole page takes dropped files, not only the widget's drop zone.

/** Takes files dropped anywhere on the page; answers a function that stops. */
export function listenForPageDrops(
  root: HTMLElement,
  add: (files: File[], event: DragEvent) => void,
): () => void {
  const doc = root.ownerDocument
  const carriesFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files')
  const onOwnZone = (event: Event) =>
    event.composedPath().some((node) => node instanceof Element && node.classList.contains('uppy-Dashboard'))
  const over = (event: DragEvent) => {
    if (!carriesFiles(event) || onOwnZone(event)) return
    event.preventDefault()
    root.dataset.pageDrag = 'true'
  }
  const leave = (event: DragEvent) => {
    if (event.relatedTarget === null) delete root.dataset.pageDrag
  }
  const drop = (event: DragEvent) => {
    delete root.dataset.pageDrag
    if (!carriesFiles(event) || onOwnZone(event)) return
    event.preventDefault()
    add([...(event.dataTransfer?.files ?? [])], event)
  }
  doc.addEventListener('dragover', over)
  doc.addEventListener('dragleave', leave)
  doc.addEventListener('drop', drop)
  return () => {
    doc.removeEventListener('dragover', over)
    doc.removeEventListener('dragleave', leave)
    doc.removeEventListener('drop', drop)
  }
}
