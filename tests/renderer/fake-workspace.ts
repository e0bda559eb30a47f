import { vi } from 'vitest'
import { WorkspaceStore } from '../../renderer/state/workspace-store'
import type { EditorHost } from '../../renderer/editor/editor-host'
import type { HostConnection } from '../../renderer/host/host-client'
import type { InkpostEvent } from '../../shared/services/events'
import { ServiceError } from '../../shared/services/service-error'

/** A fake editor with the EditorHost surface the store uses; `reads` counts whole-text reads. */
export class FakeEditor {
  texts = new Map<string, string>()
  file: string | null = null
  reads = 0
  constructor(private readonly store: () => WorkspaceStore | null = () => null) {}
  textOf(file: string) { this.reads++; return this.texts.get(file) ?? null }
  lengthOf(file: string) { return this.texts.get(file)?.length ?? null }
  has(file: string) { return this.texts.has(file) }
  show(file: string, text: string, fresh = false) { if (fresh || !this.texts.has(file)) this.texts.set(file, text); this.file = file }
  /** Like EditorHost.setText: the shown post's change reaches the store as a doc change. */
  setText(file: string, text: string) {
    if (!this.texts.has(file)) return
    this.texts.set(file, text)
    if (file === this.file) this.store()?.onDocChange()
  }
  forget(file: string) { this.texts.delete(file); if (this.file === file) this.file = null }
  rename(from: string, to: string) { const t = this.texts.get(from); this.texts.delete(from); if (t !== undefined) this.texts.set(to, t); if (this.file === from) this.file = to }
  focusEnd() { /* not needed */ }
  /** The writer types: the shown post's text becomes `text`. */
  type(text: string) { this.texts.set(this.file!, text); this.store()?.onDocChange() }
}

/** A fake host with an in-memory disk; `hold()` makes the next save wait until its release function is called. */
export function makeHost(files: Record<string, string> = { 'blog/a.md': 'A', 'blog/b.md': 'B' }) {
  let n = 0
  const disk = new Map<string, { text: string; version: string }>(Object.entries(files).map(([file, text]) => [file, { text, version: `v${++n}` }]))
  let emit: (e: InkpostEvent) => void = () => undefined
  const gates: Array<Promise<void>> = []
  const services = {
    app: { info: vi.fn(async () => ({ mode: 'browser', siteFileBase: '/site-file', version: '0' })), openExternal: vi.fn() },
    site: { current: vi.fn(async () => ({ root: '/s', name: 's' })), open: vi.fn(), recent: vi.fn() },
    library: { list: vi.fn(async () => []), tags: vi.fn(async () => []) },
    publish: { siteIndex: vi.fn(async () => ({ posts: [], publicFiles: [] })) },
    post: {
      read: vi.fn(async (file: string) => {
        const d = disk.get(file)
        if (!d) throw new ServiceError('not-found', 'nope')
        return { file, text: d.text, version: d.version, eol: '\n', bom: false }
      }),
      save: vi.fn(async (file: string, text: string, base: string | null, options?: { force?: boolean }) => {
        const gate = gates.shift()
        if (gate) await gate
        const d = disk.get(file)
        if ((d ? d.version !== base : base !== null) && !options?.force) throw new ServiceError('conflict', 'changed', { diskText: d?.text ?? '', diskVersion: d?.version ?? '' })
        const version = `v${++n}`
        disk.set(file, { text, version })
        return { version }
      }),
      create: vi.fn(), rename: vi.fn(), duplicate: vi.fn(), delete: vi.fn(),
    },
    recovery: { journal: vi.fn(async () => undefined), pending: vi.fn(async () => []), discard: vi.fn(async () => undefined) },
  }
  const host = { services, subscribe: (l: (e: InkpostEvent) => void) => { emit = l; return () => undefined }, mode: 'browser' } as unknown as HostConnection
  /** Makes the next save wait; returns the function that lets it go on. */
  const hold = () => {
    let release: () => void = () => undefined
    gates.push(new Promise<void>((resolve) => { release = resolve }))
    return release
  }
  const changeOnDisk = (file: string, text: string) => { const version = `v${++n}`; disk.set(file, { text, version }); emit({ type: 'post-changed', file, kind: 'change', version, mtime: 1 }) }
  const deleteOnDisk = (file: string) => { disk.delete(file); emit({ type: 'post-changed', file, kind: 'unlink', version: null, mtime: 1 }) }
  return { host, services, disk, hold, changeOnDisk, deleteOnDisk, emit: (e: InkpostEvent) => emit(e) }
}

/** A fake window location/history/window: `win` dispatches popstate/hashchange, `pushed`/`replaced` record the URLs. */
export function stubBrowser(hash = '') {
  const loc = { hash, pathname: '/', search: '' }
  const pushed: string[] = []
  const replaced: string[] = []
  const win = new EventTarget()
  const addEventListener = vi.spyOn(win, 'addEventListener')
  const removeEventListener = vi.spyOn(win, 'removeEventListener')
  const go = (list: string[]) => (_s: unknown, _t: string, url: string) => { list.push(url); loc.hash = url.startsWith('#') ? url : '' }
  vi.stubGlobal('location', loc)
  vi.stubGlobal('history', { state: null, pushState: go(pushed), replaceState: go(replaced) })
  vi.stubGlobal('window', win)
  /** The user presses Back/Forward to an entry whose URL has `to` as hash. */
  const navigate = (to: string) => { loc.hash = to; win.dispatchEvent(new Event('popstate')); win.dispatchEvent(new Event('hashchange')) }
  return { loc, pushed, replaced, win, addEventListener, removeEventListener, navigate }
}

/** Lets pending promise callbacks and zero-delay timers run. */
export const tick = () => new Promise((r) => setTimeout(r, 0))

/** A started store with a fake editor attached. */
export async function startStore(h: ReturnType<typeof makeHost>) {
  let store: WorkspaceStore | null = null
  const editor = new FakeEditor(() => store)
  store = new WorkspaceStore(h.host)
  store.attachEditor(editor as unknown as EditorHost)
  await store.start()
  return { store, editor }
}
