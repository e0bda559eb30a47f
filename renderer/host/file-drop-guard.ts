/**
 * Keeps a file dropped anywhere outside the editor (the preview, the library, a dialog) from
 * navigating the window to that file or opening it: the browser's default for a drop. The editor
 * handles its own drops first (and prevents the default), so this only ever swallows the rest.
 * Returns a function that removes the guard.
 */
export function installFileDropGuard(win: Window = window): () => void {
  const carriesFiles = (event: DragEvent) => !!event.dataTransfer && Array.from(event.dataTransfer.types ?? []).includes('Files')
  const onDragOver = (event: DragEvent) => {
    if (!carriesFiles(event) || event.defaultPrevented) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none'
  }
  const onDrop = (event: DragEvent) => {
    if (carriesFiles(event) || (event.dataTransfer?.files?.length ?? 0) > 0) event.preventDefault()
  }
  win.addEventListener('dragover', onDragOver)
  win.addEventListener('drop', onDrop)
  return () => {
    win.removeEventListener('dragover', onDragOver)
    win.removeEventListener('drop', onDrop)
  }
}
