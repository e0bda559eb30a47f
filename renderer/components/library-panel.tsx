import { memo, useCallback, useEffect, useState } from 'react'
import type { LibraryQuery, PostSummary } from '../../shared/services/library-service'

/** What the library can ask the window to do. */
export interface LibraryActions {
  open: (file: string) => void
  newPost: () => void
  rename: (file: string) => void
  duplicate: (file: string) => void
  remove: (file: string) => void
  /** Opens the Trash view (deleted posts, with Restore). */
  openTrash: () => void
  setQuery: (patch: Partial<LibraryQuery>) => void
}

/** Props of the library panel. */
export interface LibraryPanelProps {
  siteName: string
  posts: PostSummary[]
  tags: Array<{ tag: string; count: number }>
  query: LibraryQuery
  active: string | null
  activeDirty: boolean
  error: string | null
  actions: LibraryActions
}

function PostMenu({ file, actions, onClose, position }: { file: string; actions: LibraryActions; onClose: () => void; position: { x: number; y: number } | null }) {
  useEffect(() => {
    const close = () => onClose()
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose() }
    const t = setTimeout(() => window.addEventListener('click', close), 0)
    window.addEventListener('keydown', onKey)
    return () => { clearTimeout(t); window.removeEventListener('click', close); window.removeEventListener('keydown', onKey) }
  }, [onClose])
  const style = position ? { position: 'fixed' as const, left: position.x, top: position.y } : undefined
  return (
    <div className="menu" role="menu" style={style} onClick={(e) => e.stopPropagation()}>
      <button type="button" role="menuitem" data-testid="post-rename" onClick={() => { onClose(); actions.rename(file) }}>Rename…</button>
      <button type="button" role="menuitem" data-testid="post-duplicate" onClick={() => { onClose(); actions.duplicate(file) }}>Duplicate</button>
      <button type="button" role="menuitem" className="danger" data-testid="post-delete" onClick={() => { onClose(); actions.remove(file) }}>Delete…</button>
    </div>
  )
}

/** The name a row shows for a post file: its base name (`2024-01-16-llama2-copy.md`), with its folder for an index (`hello/index.md`). */
function baseName(file: string): string {
  const parts = file.split('/')
  const last = parts[parts.length - 1]
  return /^index\.md$/i.test(last) && parts.length > 1 ? parts.slice(-2).join('/') : last
}

/**
 * The post library: search (title, tags, body and file name), tag/draft filters, sort, new post,
 * the Trash, and per-post actions (⋯ button, right-click, or on the focused row F2 to rename and
 * Delete to delete). Each row shows the title and the file name (so a copy's `-copy` is visible).
 */
export const LibraryPanel = memo(function LibraryPanel({ siteName, posts, tags, query, active, activeDirty, error, actions }: LibraryPanelProps) {
  const [search, setSearch] = useState(query.search ?? '')
  const [menu, setMenu] = useState<{ file: string; position: { x: number; y: number } | null } | null>(null)
  const closeMenu = useCallback(() => setMenu(null), [])
  return (
    <aside className="library" data-testid="library" aria-label="Posts">
      <div className="library__head">
        <div className="library__site" title={siteName}>{siteName || 'No site'}</div>
        <button type="button" className="small" data-testid="library-trash" onClick={actions.openTrash} title="Deleted posts (restore them from here)">Trash</button>
        <button type="button" className="primary small" data-testid="library-new" onClick={actions.newPost} title="New post">+ New</button>
      </div>
      <div className="library__controls">
        <input
          type="search"
          data-testid="library-search"
          placeholder="Search posts and file names"
          aria-label="Search posts"
          value={search}
          onChange={(e) => { setSearch(e.target.value); actions.setQuery({ search: e.target.value }) }}
        />
        <div className="library__filters">
          <select data-testid="library-filter-tag" aria-label="Filter by tag" value={query.tag ?? ''} onChange={(e) => actions.setQuery({ tag: e.target.value || undefined })}>
            <option value="">All tags</option>
            {tags.map((t) => <option key={t.tag} value={t.tag}>{t.tag} ({t.count})</option>)}
          </select>
          <select data-testid="library-filter-draft" aria-label="Filter by state" value={query.draft === undefined ? 'all' : query.draft ? 'draft' : 'published'} onChange={(e) => actions.setQuery({ draft: e.target.value === 'all' ? undefined : e.target.value === 'draft' })}>
            <option value="all">All</option>
            <option value="draft">Drafts</option>
            <option value="published">Published</option>
          </select>
          <select data-testid="library-sort" aria-label="Sort by" value={query.sort ?? 'date'} onChange={(e) => actions.setQuery({ sort: e.target.value as LibraryQuery['sort'] })}>
            <option value="date">Date</option>
            <option value="title">Title</option>
            <option value="modified">Modified</option>
          </select>
        </div>
      </div>
      {error ? <div className="library__error" role="alert">{error}</div> : null}
      <ul className="library__list" role="listbox" aria-label="Posts">
        {posts.map((post) => post.openable === false ? (
          // a file Inkpost cannot open by its name (a line break in it…): shown with the reason, not opened
          <li
            key={post.file}
            className="library-item is-unopenable"
            data-testid="library-item"
            data-file={post.file}
            data-openable="false"
            role="option"
            aria-selected={false}
            aria-disabled={true}
            tabIndex={0}
            title={post.error?.message}
          >
            <div className="library-item__title">
              <span className="badge badge--error" aria-hidden="true">!</span>
              <span>{post.title || post.file}</span>
            </div>
            <div className="library-item__problem" data-testid="library-item-problem">{post.error?.message ?? 'Inkpost cannot open this file by its name. Rename it to open it here.'}</div>
          </li>
        ) : (
          <li
            key={post.file}
            className={post.file === active ? 'library-item is-active' : 'library-item'}
            data-testid="library-item"
            data-file={post.file}
            role="option"
            aria-selected={post.file === active}
            tabIndex={0}
            onClick={() => actions.open(post.file)}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget) return // keys on the ⋯ button or its menu are theirs
              if (e.key === 'Enter') actions.open(post.file)
              else if (e.key === 'F2') { e.preventDefault(); actions.rename(post.file) }
              else if (e.key === 'Delete') { e.preventDefault(); actions.remove(post.file) }
            }}
            onContextMenu={(e) => { e.preventDefault(); setMenu({ file: post.file, position: { x: e.clientX, y: e.clientY } }) }}
          >
            <div className="library-item__title">
              {post.error ? <span className="badge badge--error" title={post.error.message}>!</span> : null}
              <span>{post.title || post.file}</span>
              {post.file === active && activeDirty ? <span className="library-item__dirty" title="Unsaved changes">●</span> : null}
            </div>
            <div className="library-item__meta">
              {post.date ? <time>{post.date}</time> : <span className="muted">no date</span>}
              {post.draft ? <span className="badge badge--draft">draft</span> : null}
              {post.tags.slice(0, 4).map((tag) => <span key={tag} className="tag">{tag}</span>)}
            </div>
            <div className="library-item__file" data-testid="library-item-file" title={post.file}>{baseName(post.file)}</div>
            <button
              type="button"
              className="library-item__menu"
              data-testid="library-item-menu"
              aria-label={`Actions for ${post.title || post.file}`}
              onClick={(e) => { e.stopPropagation(); setMenu(menu?.file === post.file ? null : { file: post.file, position: null }) }}
            >⋯</button>
            {menu && menu.file === post.file ? <PostMenu file={post.file} actions={actions} position={menu.position} onClose={closeMenu} /> : null}
          </li>
        ))}
        {posts.length === 0 && !error ? <li className="library__empty">{query.search || query.tag || query.draft !== undefined ? 'No posts match.' : 'No posts yet. Create one with “+ New”.'}</li> : null}
      </ul>
    </aside>
  )
})
