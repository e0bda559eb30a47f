import { isolateHistory } from '@codemirror/commands'
import { StateEffect, StateField, Transaction, type Extension } from '@codemirror/state'
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view'
import type { ImportedImage } from '../../shared/services/assets-service'
import { sniffImageType } from '../../shared/assets/image-type'
import { figureInsertion } from './figure-insertion'

/** What the image drop/paste extension needs from the window. */
export interface ImageDropOptions {
  /** Imports one image file into the site (the host copies, names and optimises it), reporting progress 0–1. */
  importImage(file: File, onProgress: (fraction: number) => void): Promise<ImportedImage>
  /** Tells the writer something (a refused file, an import notice). */
  notify(message: string, kind: 'info' | 'error'): void
  /** Called after figures were inserted (to refresh the images panel and tell what was copied, with each image's notices). */
  onInserted?(images: ImportedImage[]): void
}

interface Pending {
  id: number
  label: string
}

const addPending = StateEffect.define<{ id: number; pos: number; label: string }>({ map: (value, mapping) => ({ ...value, pos: mapping.mapPos(value.pos) }) })
const removePending = StateEffect.define<number>()

/** Labels of the placeholders on screen, updated in place while an import uploads. */
const labels = new Map<number, HTMLElement>()

class PendingWidget extends WidgetType {
  constructor(readonly pending: Pending) {
    super()
  }

  eq(other: PendingWidget): boolean {
    return other.pending.id === this.pending.id
  }

  toDOM(): HTMLElement {
    const el = document.createElement('span')
    el.className = 'cm-image-import'
    el.setAttribute('role', 'status')
    el.dataset.testid = 'image-import-progress'
    el.textContent = this.pending.label
    labels.set(this.pending.id, el)
    return el
  }

  destroy(): void {
    labels.delete(this.pending.id)
  }
}

/** Placeholders where imports are running: kept at their place as the text changes around them. */
const pendingField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(set, tr) {
    set = set.map(tr.changes)
    for (const effect of tr.effects) {
      if (effect.is(addPending)) {
        set = set.update({ add: [Decoration.widget({ widget: new PendingWidget({ id: effect.value.id, label: effect.value.label }), side: 1 }).range(effect.value.pos)] })
      } else if (effect.is(removePending)) {
        set = set.update({ filter: (_from, _to, deco) => (deco.spec.widget as PendingWidget).pending.id !== effect.value })
      }
    }
    return set
  },
  provide: (field) => EditorView.decorations.from(field),
})

function pendingPos(view: EditorView, id: number): number | null {
  let found: number | null = null
  view.state.field(pendingField).between(0, view.state.doc.length, (from, _to, deco) => {
    if ((deco.spec.widget as PendingWidget).pending.id === id) { found = from; return false }
    return undefined
  })
  return found
}

let nextId = 0

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Sorts dropped files into images (by their first bytes, not their names) and refusals with a reason. */
async function screenFiles(files: File[], folders: Set<File>): Promise<{ images: File[]; refused: string[] }> {
  const images: File[] = []
  const refused: string[] = []
  for (const file of files) {
    if (folders.has(file)) { refused.push(`"${file.name}" is a folder; drop image files instead. Nothing was copied.`); continue }
    let head: Uint8Array
    try {
      head = new Uint8Array(await file.slice(0, 4096).arrayBuffer())
    } catch {
      refused.push(`"${file.name}" cannot be read (a folder, or a file that is gone). Nothing was copied.`)
      continue
    }
    if (head.length === 0) { refused.push(`"${file.name}" is empty. Nothing was copied.`); continue }
    if (!sniffImageType(head)) { refused.push(`"${file.name}" is not an image (PNG, JPEG, GIF, WebP, AVIF or SVG). Nothing was copied or inserted.`); continue }
    images.push(file)
  }
  return { images, refused }
}

/**
 * Imports `files` dropped or pasted at `pos`: refuses non-images with a message, shows one
 * placeholder with progress while the host copies them, then inserts every figure in one
 * transaction (one undo step), in the order given, with the first caption selected.
 */
async function importAt(view: EditorView, options: ImageDropOptions, files: File[], pos: number, source: 'drop' | 'paste', folders: Set<File> = new Set()): Promise<void> {
  const { images, refused } = await screenFiles(files, folders)
  for (const message of refused) options.notify(message, 'error')
  if (images.length === 0) return
  const id = ++nextId
  const total = images.reduce((n, f) => n + f.size, 0)
  const what = images.length === 1 ? `${images[0].name} (${megabytes(total)})` : `${images.length} images (${megabytes(total)})`
  view.dispatch({ effects: addPending.of({ id, pos: Math.min(pos, view.state.doc.length), label: `Importing ${what}…` }) })
  const done: ImportedImage[] = []
  let sent = 0
  for (const file of images) {
    try {
      const image = await options.importImage(file, (fraction) => {
        const label = labels.get(id)
        const percent = Math.round(((sent + fraction * file.size) / Math.max(1, total)) * 100)
        if (label) label.textContent = fraction >= 1 ? `Optimising ${file.name}…` : `Importing ${what}… ${percent}%`
      })
      done.push(image)
    } catch (error) {
      options.notify(`Cannot import "${file.name}": ${error instanceof Error ? error.message : String(error)}`, 'error')
    }
    sent += file.size
  }
  if (view.dom.isConnected === false) return
  const at = pendingPos(view, id)
  if (done.length === 0 || at === null) {
    view.dispatch({ effects: removePending.of(id) })
    return
  }
  const plan = figureInsertion(view.state.doc.toString(), at, done)
  view.dispatch({
    changes: { from: plan.from, insert: plan.insert },
    selection: { anchor: plan.selectFrom, head: plan.selectTo },
    effects: [removePending.of(id), EditorView.scrollIntoView(plan.selectFrom, { y: 'nearest' })],
    annotations: [Transaction.userEvent.of(source === 'drop' ? 'input.drop' : 'input.paste'), isolateHistory.of('full')],
  })
  if (plan.movedOutOfFrontmatter) options.notify('Dropped on the frontmatter: the figure went just below it.', 'info')
  view.focus()
  options.onInserted?.(done)
}

function filesOf(list: FileList | null | undefined): File[] {
  return list ? Array.from(list) : []
}

/** Dropped entries that are folders (a folder arrives as a File that cannot be read). */
function folderEntries(transfer: DataTransfer): Set<File> {
  const folders = new Set<File>()
  const items = Array.from(transfer.items ?? [])
  for (const item of items) {
    if (item.kind !== 'file') continue
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null
    const file = item.getAsFile()
    if (entry?.isDirectory && file) folders.add(file)
  }
  return folders
}

/**
 * Drop image files from the OS onto the editor, or paste an image from the clipboard: each is
 * imported into the site by the host and inserted as the site's figure at the drop point (the
 * caret for a paste). Text drops and pastes are left to CodeMirror.
 */
export function imageDrop(options: ImageDropOptions): Extension {
  return [
    pendingField,
    EditorView.baseTheme({ '&.cm-file-dragover': { outline: '2px dashed #3b6ef5', outlineOffset: '-6px' } }),
    EditorView.domEventHandlers({
      dragover(event, view) {
        if (event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files')) {
          event.preventDefault()
          event.dataTransfer.dropEffect = 'copy'
          view.dom.classList.add('cm-file-dragover')
        }
        return false
      },
      dragleave(event, view) {
        if (!view.dom.contains(event.relatedTarget as Node | null)) view.dom.classList.remove('cm-file-dragover')
        return false
      },
      drop(event, view) {
        view.dom.classList.remove('cm-file-dragover')
        const transfer = event.dataTransfer
        const files = filesOf(transfer?.files)
        if (!transfer || files.length === 0) return false
        event.preventDefault()
        if (view.state.readOnly) { options.notify('Open a post first, then drop images onto it.', 'error'); return true }
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.posAtCoords({ x: event.clientX, y: event.clientY }, false) ?? view.state.selection.main.head
        void importAt(view, options, files, pos, 'drop', folderEntries(transfer))
        return true
      },
      paste(event, view) {
        const data = event.clipboardData
        const files = filesOf(data?.files).filter((f) => f.type.startsWith('image/') || f.type === '')
        if (!data || files.length === 0) return false
        // a spreadsheet or a word processor puts text and a picture of it on the clipboard: the text wins
        if ((data.getData('text/plain') ?? '').trim() !== '') return false
        event.preventDefault()
        if (view.state.readOnly) return true
        void importAt(view, options, files, view.state.selection.main.head, 'paste')
        return true
      },
    }),
  ]
}
