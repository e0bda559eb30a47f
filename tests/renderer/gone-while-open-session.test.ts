// The window's answer to post.save's "gone from disk" conflicts (the watcher missed the delete or
// rename): a deleted post becomes orphaned with the service's message and the next save creates it
// again; a save the service put under the renamed file's name moves the session there.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ServiceError } from '../../shared/services/service-error'
import type { SessionState } from '../../renderer/state/post-session'
import { makeHost, startStore, stubBrowser } from './fake-workspace'

beforeEach(() => { stubBrowser() })
afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers() })

/** The window with blog/a.md open and `text` typed into it. */
async function openEdited(text: string) {
  const h = makeHost()
  const started = await startStore(h)
  await started.store.openPost('blog/a.md')
  started.editor.type(text)
  return { h, ...started }
}

describe('a post gone from disk when it is saved', () => {
  it('deleted: orphaned with the message, text kept, and the next save creates it (base null)', async () => {
    const { h, store, editor } = await openEdited('keep me')
    const message = 'Not saved: blog/a.md was deleted on disk since you opened it. Your text is kept in the editor; save again to create the file again, or save it under another name.'
    h.disk.delete('blog/a.md') // no watcher event: only the save finds out
    h.services.post.save.mockImplementationOnce(async () => { throw new ServiceError('conflict', message, { diskText: null, diskVersion: null, reason: 'deleted' }) })
    await store.save()
    const session = store.session('blog/a.md')!
    expect(session.state).toBe<SessionState>('orphaned')
    expect(store.getSnapshot().conflict).toBeNull()
    expect(store.getSnapshot().toasts.map((t) => t.text)).toContain(message)
    expect(editor.textOf('blog/a.md')).toBe('keep me')
    await store.save()
    // saved as a new file (base null), so nothing on disk is mistaken for its old version
    expect({ call: h.services.post.save.mock.lastCall?.slice(0, 3), disk: h.disk.get('blog/a.md')?.text, state: session.state })
      .toEqual({ call: ['blog/a.md', 'keep me', null], disk: 'keep me', state: 'saved' })
  })

  it('renamed: a save the service wrote under the new name moves the session, the editor and the URL there', async () => {
    const { h, store, editor } = await openEdited('edited')
    h.services.post.save.mockImplementationOnce(async (_file: string, text: string) => {
      h.disk.delete('blog/a.md')
      h.disk.set('blog/renamed.md', { text, version: 'v9' })
      return { version: 'v9', file: 'blog/renamed.md' }
    })
    await store.save('blog/a.md', true)
    expect(store.session('blog/a.md')).toBeUndefined()
    const session = store.session('blog/renamed.md')!
    expect(session.state).toBe<SessionState>('saved')
    expect(session.version).toBe('v9')
    expect(store.getSnapshot().active).toBe('blog/renamed.md')
    expect(store.getSnapshot().toasts.map((t) => t.text)).toContain('blog/a.md was renamed on disk to blog/renamed.md; your text was saved there.')
    editor.type('edited again')
    await store.save()
    expect(h.services.post.save).toHaveBeenLastCalledWith('blog/renamed.md', 'edited again', 'v9')
  })

  it('renamed (an ordinary save): the session follows the new name with the text unsaved, and the next save is an ordinary one there', async () => {
    const { h, store, editor } = await openEdited('edited')
    const readVersion = store.session('blog/a.md')!.version
    h.services.post.save.mockImplementationOnce(async () => {
      throw new ServiceError('conflict', 'Not saved: blog/a.md was renamed on disk to blog/renamed.md.', { diskText: 'old', diskVersion: readVersion, reason: 'renamed', renamedTo: 'blog/renamed.md' })
    })
    await store.save()
    expect(store.session('blog/a.md')).toBeUndefined()
    const session = store.session('blog/renamed.md')!
    expect({ state: session.state, active: store.getSnapshot().active, conflict: store.getSnapshot().conflict, text: editor.textOf('blog/renamed.md') })
      .toEqual({ state: 'dirty', active: 'blog/renamed.md', conflict: null, text: 'edited' })
    expect(store.getSnapshot().toasts.map((t) => t.text)).toContain('blog/a.md was renamed on disk to blog/renamed.md: Inkpost followed it. Your changes are kept; saving writes them to blog/renamed.md.')
    await store.save()
    // not forced: checked against the renamed file's version (the bytes that were read)
    expect(h.services.post.save.mock.lastCall).toEqual(['blog/renamed.md', 'edited', readVersion])
  })

  it('renamed onto a post that is open too: neither session is replaced, both texts are kept', async () => {
    const h = makeHost()
    h.disk.set('blog/b.md', { text: 'b on disk', version: 'vb' })
    const { store, editor } = await startStore(h)
    await store.openPost('blog/b.md')
    editor.type('unsaved in b')
    await store.openPost('blog/a.md')
    editor.type('unsaved in a')
    const bSession = store.session('blog/b.md')
    h.services.post.save.mockImplementation(async (file: string) => {
      if (file !== 'blog/a.md') return { version: 'vx' }
      throw new ServiceError('conflict', 'Not saved: blog/a.md was renamed on disk to blog/b.md.', { diskText: 'x', diskVersion: 'v1', reason: 'renamed', renamedTo: 'blog/b.md' })
    })
    await store.save('blog/a.md')
    expect(store.session('blog/a.md')!.state).toBe<SessionState>('orphaned')
    expect(editor.textOf('blog/a.md')).toBe('unsaved in a')
    expect(editor.textOf('blog/b.md')).toBe('unsaved in b')
    expect(store.session('blog/b.md')).toBe(bSession) // b's own session, not a's moved onto it
    expect(store.getSnapshot().toasts.map((t) => t.text).some((t) => t.includes('which is already open: your text stays here'))).toBe(true)
  })
})
