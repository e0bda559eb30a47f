import { beforeEach, describe, expect, it, vi } from 'vitest'
import { WorkspaceStore } from '../../renderer/state/workspace-store'
import type { EditorHost } from '../../renderer/editor/editor-host'
import type { HostConnection } from '../../renderer/host/host-client'
import type { InkpostEvent } from '../../shared/services/events'
import { ServiceError } from '../../shared/services/service-error'

/** A fake editor with the EditorHost surface the store uses. */
class FakeEditor {
  texts = new Map<string, string>()
  file: string | null = null
  textOf(file: string) { return this.texts.get(file) ?? null }
  lengthOf(file: string) { return this.texts.get(file)?.length ?? null }
  has(file: string) { return this.texts.has(file) }
  show(file: string, text: string, fresh = false) { if (fresh || !this.texts.has(file)) this.texts.set(file, text); this.file = file }
  setText(file: string, text: string) { if (this.texts.has(file)) this.texts.set(file, text) }
  forget(file: string) { this.texts.delete(file) }
  rename(from: string, to: string) { const t = this.texts.get(from); this.texts.delete(from); if (t !== undefined) this.texts.set(to, t) }
  focused = false
  focusEnd() { this.focused = true }
  type(text: string, store: WorkspaceStore) { this.texts.set(this.file!, text); store.onDocChange() }
}

function makeHost() {
  const disk = new Map<string, { text: string; version: string }>([['blog/a.md', { text: '---\ntitle: A\n---\n\nHello', version: 'v1' }]])
  let n = 1
  let emit: (e: InkpostEvent) => void = () => undefined
  const services = {
    app: { info: vi.fn(async () => ({ mode: 'browser', siteFileBase: '/site-file', version: '0' })), openExternal: vi.fn() },
    site: { current: vi.fn(async () => ({ root: '/s', name: 's' })), open: vi.fn(), recent: vi.fn() },
    library: { list: vi.fn(async () => []), tags: vi.fn(async () => []) },
    post: {
      read: vi.fn(async (file: string) => {
        const d = disk.get(file)
        if (!d) throw new ServiceError('not-found', 'nope')
        return { file, text: d.text, version: d.version, eol: '\n', bom: false }
      }),
      save: vi.fn(async (file: string, text: string, base: string | null, options?: { force?: boolean }) => {
        const d = disk.get(file)
        if (d && d.version !== base && !options?.force) throw new ServiceError('conflict', 'changed', { diskText: d.text, diskVersion: d.version })
        const version = `v${++n}`
        disk.set(file, { text, version })
        return { version }
      }),
      create: vi.fn(), rename: vi.fn(), duplicate: vi.fn(),
      delete: vi.fn(async (file: string) => ({ id: '1741082400000-0000abcd', file, title: '', deletedAt: 1, size: 1 })),
      restore: vi.fn(async () => ({ file: 'blog/b.md', originalFile: 'blog/b.md', renamed: false })), trashList: vi.fn(async () => []),
    },
    recovery: { journal: vi.fn(async () => undefined), pending: vi.fn(async () => []), discard: vi.fn(async () => undefined) },
  }
  const host = { services, subscribe: (l: (e: InkpostEvent) => void) => { emit = l; return () => undefined }, mode: 'browser' } as unknown as HostConnection
  const changeOnDisk = (file: string, text: string) => { const version = `v${++n}`; disk.set(file, { text, version }); emit({ type: 'post-changed', file, kind: 'change', version, mtime: 1 }) }
  return { host, services, disk, changeOnDisk, emit: (e: InkpostEvent) => emit(e) }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => {
  const loc = { hash: '', pathname: '/', search: '' }
  vi.stubGlobal('location', loc)
  const go = (_s: unknown, _t: string, url: string) => { loc.hash = url.startsWith('#') ? url : '' }
  vi.stubGlobal('history', { state: null, replaceState: go, pushState: go })
  vi.stubGlobal('window', { addEventListener: () => undefined, removeEventListener: () => undefined })
})

async function setup() {
  const h = makeHost()
  const store = new WorkspaceStore(h.host)
  const editor = new FakeEditor()
  store.attachEditor(editor as unknown as EditorHost)
  await store.start()
  await store.openPost('blog/a.md')
  return { ...h, store, editor }
}

describe('WorkspaceStore save flow', () => {
  it('opens a post, tracks dirty state and saves with the base version', async () => {
    const { store, editor, services, disk } = await setup()
    expect(store.getSnapshot().active).toBe('blog/a.md')
    expect(location.hash).toBe('#/post/blog/a.md')
    editor.type('---\ntitle: A\n---\n\nHello world', store)
    expect(store.getSnapshot().saveState).toBe('dirty')
    await store.save()
    expect(services.post.save).toHaveBeenCalledWith('blog/a.md', '---\ntitle: A\n---\n\nHello world', 'v1')
    expect(services.post.save.mock.calls[0]).toHaveLength(3) // JSON would turn an undefined 4th argument into null
    expect(disk.get('blog/a.md')!.text).toContain('Hello world')
    expect(store.getSnapshot().saveState).toBe('saved')
    expect(services.recovery.discard).toHaveBeenCalledWith('blog/a.md')
  })

  it('saves every post asked for during a slow save, in order, each with its own force — switching posts drops nothing', async () => {
    const { store, editor, services, disk } = await setup()
    disk.set('blog/b.md', { text: 'B', version: 'vb' })
    const real = services.post.save.getMockImplementation()!
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => { release = resolve })
    let first = true
    services.post.save.mockImplementation(async (...args: Parameters<typeof real>) => {
      if (first) { first = false; await gate }
      return real(...args)
    })
    editor.type('A edited', store)
    const slow = store.save('blog/a.md') // in flight, held by the gate
    await tick()
    await store.openPost('blog/b.md') // switching posts queues A (still dirty while its save is in flight)
    editor.type('B edited', store)
    const b = store.save('blog/b.md')
    editor.texts.set('blog/a.md', 'A edited twice')
    const aForced = store.save('blog/a.md', true)
    release()
    await Promise.all([slow, b, aForced])
    // A was queued first (by the switch), then B; A's later forced request keeps its place and its force
    expect(services.post.save.mock.calls.map((c) => [c[0], c[1], c[3]?.force ?? false])).toEqual([
      ['blog/a.md', 'A edited', false],
      ['blog/a.md', 'A edited twice', true],
      ['blog/b.md', 'B edited', false],
    ])
    expect(disk.get('blog/a.md')!.text).toBe('A edited twice')
    expect(disk.get('blog/b.md')!.text).toBe('B edited')
    expect(store.getSnapshot().saveState).toBe('saved')
  })

  it('reloads an unmodified post changed on disk, with a toast', async () => {
    const { store, editor, changeOnDisk } = await setup()
    changeOnDisk('blog/a.md', 'changed outside')
    await tick(); await tick()
    expect(editor.textOf('blog/a.md')).toBe('changed outside')
    expect(store.getSnapshot().toasts.map((t) => t.text)).toContain('Reloaded: changed on disk')
    expect(store.getSnapshot().externalChange).toBe(false)
  })

  it('shows the external-change banner for a modified post, then a conflict on save; keep mine forces', async () => {
    const { store, editor, changeOnDisk, disk, services } = await setup()
    editor.type('mine', store)
    changeOnDisk('blog/a.md', 'theirs')
    await tick()
    expect(store.getSnapshot().externalChange).toBe(true)
    expect(editor.textOf('blog/a.md')).toBe('mine')
    await store.save()
    expect(store.getSnapshot().saveState).toBe('conflict')
    expect(store.getSnapshot().conflict).toEqual({ diskText: 'theirs', diskVersion: disk.get('blog/a.md')!.version })
    await store.resolveKeepMine()
    expect(services.post.save).toHaveBeenLastCalledWith('blog/a.md', 'mine', expect.any(String), { force: true })
    expect(disk.get('blog/a.md')!.text).toBe('mine')
    expect(store.getSnapshot().saveState).toBe('saved')
  })

  it('resolving a conflict by reload takes the disk text and version', async () => {
    const { store, editor, changeOnDisk } = await setup()
    editor.type('mine', store)
    changeOnDisk('blog/a.md', 'theirs')
    await tick()
    await store.save()
    store.resolveReload()
    expect(editor.textOf('blog/a.md')).toBe('theirs')
    expect(store.getSnapshot().saveState).toBe('saved')
    editor.type('theirs + more', store)
    await store.save()
    expect(store.getSnapshot().saveState).toBe('saved')
  })

  it('ignores the watcher event of its own save', async () => {
    const { store, editor, emit, disk } = await setup()
    editor.type('v2 text', store)
    await store.save()
    emit({ type: 'post-changed', file: 'blog/a.md', kind: 'change', version: disk.get('blog/a.md')!.version, mtime: 2 })
    await tick()
    expect(store.getSnapshot().toasts).toHaveLength(0)
    expect(store.getSnapshot().externalChange).toBe(false)
  })

  it('offers recovery and restores journaled text as unsaved changes', async () => {
    const h = makeHost()
    h.services.recovery.pending.mockResolvedValueOnce([{ file: 'blog/a.md', text: 'recovered', savedAt: 1, diskMtime: 1 }] as never)
    const store = new WorkspaceStore(h.host)
    const editor = new FakeEditor()
    store.attachEditor(editor as unknown as EditorHost)
    await store.start()
    expect(store.getSnapshot().recovery).toHaveLength(1)
    await store.restoreRecovery()
    expect(editor.textOf('blog/a.md')).toBe('recovered')
    expect(store.getSnapshot().saveState).toBe('dirty')
  })

  it('follows a rename of the open post and closes a deleted one', async () => {
    const { store, editor, services } = await setup()
    services.post.rename.mockResolvedValueOnce({ file: 'blog/b.md', oldPath: '/blog/a', newPath: '/blog/b', pathChanged: true } as never)
    editor.type('edited', store)
    await store.renamePost('blog/a.md', 'blog/b.md')
    expect(services.post.save).toHaveBeenCalledTimes(1) // unsaved text is saved before the rename
    expect(store.getSnapshot().active).toBe('blog/b.md')
    expect(location.hash).toBe('#/post/blog/b.md')
    expect(editor.textOf('blog/b.md')).toBe('edited')
    expect(store.getSnapshot().toasts.at(-1)!.text).toMatch(/URL changed: \/blog\/a → \/blog\/b/)
    await store.deletePost('blog/b.md')
    expect(services.post.delete).toHaveBeenCalledWith('blog/b.md')
    expect(store.getSnapshot().active).toBeNull()
    expect(editor.has('blog/b.md')).toBe(false)
    const undo = store.getSnapshot().toasts.at(-1)!
    expect(undo.text).toMatch(/Moved blog\/b.md to the trash/)
    undo.action!.run()
    await tick()
    expect(services.post.restore).toHaveBeenCalledWith('1741082400000-0000abcd')
    expect(store.getSnapshot().toasts.at(-1)!.text).toBe('Restored blog/b.md')
  })

  it('updates the open post\'s library row from its unsaved frontmatter on each edit', async () => {
    const { store, editor, services } = await setup()
    const row = { file: 'blog/a.md', path: '/blog/a', title: 'A', date: '2024-01-01', tags: [], draft: false, summary: '', size: 1, mtime: 1 }
    services.library.list.mockResolvedValue([row] as never)
    await store.refreshLibrary()
    const before = store.getSnapshot().posts
    editor.type('---\ntitle: A\n---\n\nHello, more body', store)
    expect(store.getSnapshot().posts, 'a body edit leaves the rows as they were').toBe(before)
    editor.type("---\ntitle: 'A new title'\ndate: 2024-02-03\ntags: [x, y]\ndraft: true\n---\n\nHello", store)
    expect(store.getSnapshot().posts[0]).toMatchObject({ file: 'blog/a.md', title: 'A new title', date: '2024-02-03', tags: ['x', 'y'], draft: true })
    editor.type("---\ntitle: 'broken\n---\n\nHello", store)
    expect(store.getSnapshot().posts[0].title, 'invalid YAML while typing keeps the last title').toBe('A new title')
  })

  it('journals dirty text for crash recovery', async () => {
    vi.useFakeTimers({ toFake: ['setInterval'] })
    try {
      const { store, editor, services } = await setup()
      editor.type('unsaved words', store)
      vi.advanceTimersByTime(2000)
      await tick()
      expect(services.recovery.journal).toHaveBeenCalledWith('blog/a.md', 'unsaved words')
      vi.advanceTimersByTime(2000)
      await tick()
      expect(services.recovery.journal).toHaveBeenCalledTimes(1) // unchanged text is not journaled again
      store.dispose()
    } finally {
      vi.useRealTimers()
    }
  })

  it('passes desktop menu commands to their listeners, and stops after unsubscribe', async () => {
    const { store, emit } = await setup()
    const seen: string[] = []
    const off = store.onMenuCommand((command) => seen.push(command))
    emit({ type: 'menu-command', command: 'new-post' })
    off()
    emit({ type: 'menu-command', command: 'new-post' })
    expect(seen).toEqual(['new-post'])
    store.dispose()
  })
})
