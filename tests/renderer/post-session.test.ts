import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makeHost, startStore, stubBrowser, tick } from './fake-workspace'
import { JOURNAL_INTERVAL_MS } from '../../renderer/state/recovery-journal'
import type { SessionState } from '../../renderer/state/post-session'

beforeEach(() => { stubBrowser() })
afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers() })

/** The host's save calls as [file, text, force]. */
function saveCalls(services: ReturnType<typeof makeHost>['services']) {
  return services.post.save.mock.calls.map((c) => [c[0], c[1], c[3]?.force ?? false])
}

describe('PostSession save queue', () => {
  it('switching posts during a slow save saves both posts, in call order, with the right texts and force', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('A edited')
    const release = h.hold() // the first save hangs until released
    const slowA = store.save() // autosave of A, in flight
    await tick()
    expect(h.services.post.save).toHaveBeenCalledTimes(1)
    expect(store.session('blog/a.md')!.state).toBe<SessionState>('saving')

    await store.openPost('blog/b.md')
    expect(store.getSnapshot().active).toBe('blog/b.md')
    editor.type('B edited')
    const saveB = store.save()
    editor.type('B edited again')
    const forcedB = store.save('blog/b.md', true) // e.g. "keep mine": joins B's waiting save and makes it forced
    expect(store.session('blog/b.md')!.state).toBe<SessionState>('dirty') // waiting behind A, not yet saving
    release()
    await Promise.all([slowA, saveB, forcedB])

    expect(saveCalls(h.services)).toEqual([
      ['blog/a.md', 'A edited', false],
      ['blog/b.md', 'B edited again', true],
    ])
    expect(h.disk.get('blog/a.md')!.text).toBe('A edited')
    expect(h.disk.get('blog/b.md')!.text).toBe('B edited again')
    expect(store.session('blog/a.md')!.state).toBe<SessionState>('saved')
    expect(store.session('blog/b.md')!.state).toBe<SessionState>('saved')
    expect(store.getSnapshot().saveState).toBe('saved')
  })

  it('a save asked for while the same post is saving runs after it, with the newer text', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('one')
    const release = h.hold()
    const first = store.save()
    await tick()
    editor.type('two')
    const second = store.save()
    release()
    await Promise.all([first, second])
    expect(saveCalls(h.services)).toEqual([['blog/a.md', 'one', false], ['blog/a.md', 'two', false]])
    expect(h.services.post.save.mock.calls[1][2]).toBe('v3') // based on the version the first save returned (a: v1, b: v2)
    expect(store.session('blog/a.md')!.state).toBe<SessionState>('saved')
  })

  it('a save of a post renamed while its save waited goes to the new name', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('A1')
    const release = h.hold()
    const first = store.save()
    await tick()
    editor.type('A2')
    const second = store.save()
    // renamed outside while A1 is in flight: the event waits for that save, then the waiting save follows the file
    h.emit({ type: 'post-renamed', from: 'blog/a.md', to: 'blog/a2.md' })
    const releaseSecond = h.hold()
    release()
    await first
    h.disk.set('blog/a2.md', h.disk.get('blog/a.md')!) // the rename on disk, after A1 was written
    h.disk.delete('blog/a.md')
    releaseSecond()
    await second
    expect(saveCalls(h.services)).toEqual([['blog/a.md', 'A1', false], ['blog/a2.md', 'A2', false]])
    expect(h.disk.has('blog/a.md')).toBe(false)
    expect(h.disk.get('blog/a2.md')!.text).toBe('A2')
    expect(store.getSnapshot().active).toBe('blog/a2.md')
    expect(location.hash).toBe('#/post/blog/a2.md')
  })
})

describe('PostSession state machine', () => {
  it('dirty → saving → saved', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    const session = store.session('blog/a.md')!
    expect(session.state).toBe<SessionState>('saved')
    editor.type('A!')
    expect(session.state).toBe<SessionState>('dirty')
    expect(store.getSnapshot().saveState).toBe('dirty')
    editor.type('A') // typed back to the saved text
    expect(session.state).toBe<SessionState>('saved')
    editor.type('A!')
    const release = h.hold()
    const saving = store.save()
    await tick()
    expect(session.state).toBe<SessionState>('saving')
    expect(store.getSnapshot().saveState).toBe('saving')
    release()
    await saving
    expect(session.state).toBe<SessionState>('saved')
    expect(session.savedText).toBe('A!')
  })

  it('an edit made while saving leaves the post dirty after the save, and the next save writes it', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('first')
    const release = h.hold()
    const saving = store.save()
    await tick()
    editor.type('first and more')
    expect(store.session('blog/a.md')!.state).toBe<SessionState>('saving')
    release()
    await saving
    expect(store.session('blog/a.md')!.state).toBe<SessionState>('dirty')
    await store.save()
    expect(h.disk.get('blog/a.md')!.text).toBe('first and more')
    expect(store.session('blog/a.md')!.state).toBe<SessionState>('saved')
  })

  it('a refused save is a conflict; keep merged puts the merge in the editor and force-saves it', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('mine')
    h.disk.set('blog/a.md', { text: 'theirs', version: 'other' }) // changed on disk, no event yet
    await store.save()
    const session = store.session('blog/a.md')!
    expect(session.state).toBe<SessionState>('conflict')
    expect(store.getSnapshot().conflict).toEqual({ diskText: 'theirs', diskVersion: 'other' })
    editor.type('mine, still typing')
    expect(session.state).toBe<SessionState>('conflict') // typing does not end a conflict
    await store.save() // autosave does not overwrite the disk while in conflict
    expect(h.services.post.save).toHaveBeenCalledTimes(1)
    await store.resolveKeepMerged('mine + theirs')
    expect(editor.textOf('blog/a.md')).toBe('mine + theirs')
    expect(h.services.post.save).toHaveBeenLastCalledWith('blog/a.md', 'mine + theirs', 'v1', { force: true })
    expect(h.disk.get('blog/a.md')!.text).toBe('mine + theirs')
    expect(session.state).toBe<SessionState>('saved')
    expect(store.getSnapshot().conflict).toBeNull()
  })

  it('a post deleted on disk while open is orphaned, keeps its text, and saving creates it again', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('keep me')
    h.deleteOnDisk('blog/a.md')
    const session = store.session('blog/a.md')!
    expect(session.state).toBe<SessionState>('orphaned')
    expect(store.getSnapshot().saveState).toBe('orphaned')
    expect(editor.textOf('blog/a.md')).toBe('keep me')
    editor.type('keep me too')
    expect(session.state).toBe<SessionState>('orphaned')
    await store.save()
    expect(h.services.post.save).toHaveBeenLastCalledWith('blog/a.md', 'keep me too', null)
    expect(h.disk.get('blog/a.md')!.text).toBe('keep me too')
    expect(session.state).toBe<SessionState>('saved')
  })

  it('a dirty post that is not shown keeps its text when deleted on disk', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('unsaved A')
    h.hold() // A's save (started by the switch) never finishes: A stays dirty
    await store.openPost('blog/b.md')
    await tick()
    h.deleteOnDisk('blog/b.md') // B is shown and clean: orphaned, not closed
    expect(store.session('blog/b.md')!.state).toBe<SessionState>('orphaned')
    expect(editor.has('blog/a.md')).toBe(true)
    expect(editor.textOf('blog/a.md')).toBe('unsaved A')
  })
})

describe('RecoveryJournal and autosave do nothing when nothing changed', () => {
  it('journals a dirty post once per change, without reading the text on idle ticks', async () => {
    vi.useFakeTimers({ toFake: ['setInterval'] })
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('unsaved words')
    vi.advanceTimersByTime(JOURNAL_INTERVAL_MS)
    await tick()
    expect(h.services.recovery.journal).toHaveBeenCalledWith('blog/a.md', 'unsaved words')
    const reads = editor.reads
    for (let i = 0; i < 5; i++) { vi.advanceTimersByTime(JOURNAL_INTERVAL_MS); await tick() }
    expect(h.services.recovery.journal).toHaveBeenCalledTimes(1)
    expect(editor.reads, 'idle ticks read no text').toBe(reads)
    editor.type('unsaved words, more')
    vi.advanceTimersByTime(JOURNAL_INTERVAL_MS)
    await tick()
    expect(h.services.recovery.journal).toHaveBeenCalledTimes(2)
    expect(h.services.recovery.journal).toHaveBeenLastCalledWith('blog/a.md', 'unsaved words, more')
    store.dispose()
  })

  it('a clean post is never journaled', async () => {
    vi.useFakeTimers({ toFake: ['setInterval'] })
    const h = makeHost()
    const { store } = await startStore(h)
    await store.openPost('blog/a.md')
    for (let i = 0; i < 3; i++) { vi.advanceTimersByTime(JOURNAL_INTERVAL_MS); await tick() }
    expect(h.services.recovery.journal).not.toHaveBeenCalled()
    store.dispose()
  })

  it('an autosave with nothing changed since the last save calls no save and reads no text', async () => {
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    editor.type('A saved')
    await store.save()
    expect(h.services.post.save).toHaveBeenCalledTimes(1)
    const reads = editor.reads
    await store.save()
    await store.save()
    expect(h.services.post.save).toHaveBeenCalledTimes(1)
    expect(editor.reads).toBe(reads)
  })
})
