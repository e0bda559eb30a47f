import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeHost, startStore, stubBrowser, tick } from './fake-workspace'

afterEach(() => { vi.unstubAllGlobals() })

describe('WorkspaceStore history (PostRouter)', () => {
  it('opening posts in the app pushes history entries; the first one replaces the entry without a post', async () => {
    const b = stubBrowser()
    const { store } = await startStore(makeHost())
    await store.openPost('blog/a.md')
    expect(b.replaced).toEqual(['#/post/blog/a.md'])
    expect(b.pushed).toEqual([])
    await store.openPost('blog/b.md')
    expect(b.pushed).toEqual(['#/post/blog/b.md'])
    await store.openPost('blog/a.md')
    expect(b.pushed).toEqual(['#/post/blog/b.md', '#/post/blog/a.md'])
    expect(b.loc.hash).toBe('#/post/blog/a.md')
    store.dispose()
  })

  it('Back/Forward (popstate) open the post of the entry, without adding entries', async () => {
    const b = stubBrowser()
    const h = makeHost()
    const { store, editor } = await startStore(h)
    await store.openPost('blog/a.md')
    await store.openPost('blog/b.md')
    const pushes = b.pushed.length
    b.navigate('#/post/blog/a.md') // Back
    await tick()
    expect(store.getSnapshot().active).toBe('blog/a.md')
    expect(editor.file).toBe('blog/a.md')
    b.navigate('#/post/blog/b.md') // Forward
    await tick()
    expect(store.getSnapshot().active).toBe('blog/b.md')
    expect(b.pushed).toHaveLength(pushes)
    // popstate and hashchange both fire for one Back: the post is read once, not twice
    expect(h.services.post.read.mock.calls.filter((c) => c[0] === 'blog/a.md')).toHaveLength(1)
    store.dispose()
  })

  it('a deep link opens its post at start without a new entry', async () => {
    const b = stubBrowser('#/post/blog/b.md')
    const { store } = await startStore(makeHost())
    expect(store.getSnapshot().active).toBe('blog/b.md')
    expect(b.pushed).toEqual([])
    store.dispose()
  })

  it('dispose removes the popstate and hashchange listeners it added', async () => {
    const b = stubBrowser()
    const { store } = await startStore(makeHost())
    await store.openPost('blog/a.md')
    const added = b.addEventListener.mock.calls.filter((c) => c[0] === 'popstate' || c[0] === 'hashchange')
    expect(added.map((c) => c[0]).sort()).toEqual(['hashchange', 'popstate'])
    store.dispose()
    for (const [type, listener] of added) expect(b.removeEventListener).toHaveBeenCalledWith(type, listener)
    b.navigate('#/post/blog/b.md')
    await tick()
    expect(store.getSnapshot().active).toBe('blog/a.md') // no longer listening
  })
})
