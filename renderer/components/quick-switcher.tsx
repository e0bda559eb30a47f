import { useMemo, useState } from 'react'
import { fuzzyMatch } from '../text/fuzzy-match'
import { Highlighted, PaletteDialog } from './palette-dialog'

/** A post the switcher can open. */
export interface SwitcherPost {
  file: string
  title: string
}

/** One result of the switcher: the post and which characters of its title and file matched. */
export interface SwitcherResult {
  post: SwitcherPost
  titleHits: number[]
  fileHits: number[]
  score: number
}

const MAX_RESULTS = 60

/**
 * The posts matching `query` by title or file name, best first (a title match weighs a little more
 * than a file-name match); every post, in the given order, for an empty query.
 */
export function rankPosts(posts: readonly SwitcherPost[], query: string): SwitcherResult[] {
  if (!query.trim()) return posts.slice(0, MAX_RESULTS).map((post) => ({ post, titleHits: [], fileHits: [], score: 0 }))
  const results: SwitcherResult[] = []
  for (const post of posts) {
    const title = post.title ? fuzzyMatch(query, post.title) : null
    const file = fuzzyMatch(query, post.file)
    if (!title && !file) continue
    const score = Math.max(title ? title.score * 1.05 : -Infinity, file ? file.score : -Infinity)
    results.push({ post, titleHits: title?.indices ?? [], fileHits: file?.indices ?? [], score })
  }
  return results.sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS)
}

/** Props of the quick switcher. */
export interface QuickSwitcherProps {
  posts: readonly SwitcherPost[]
  /** The open post (marked in the list). */
  active: string | null
  onOpen: (file: string) => void
  onClose: () => void
  restoreFocus?: () => void
}

/** Ctrl/Cmd+P: find a post of the library by title or file name and open it. */
export function QuickSwitcher({ posts, active, onOpen, onClose, restoreFocus }: QuickSwitcherProps) {
  const [query, setQuery] = useState('')
  const results = useMemo(() => rankPosts(posts, query), [posts, query])
  return (
    <PaletteDialog
      testId="quick-switcher"
      label="Go to post"
      placeholder="Go to post by title or file name…"
      query={query}
      onQuery={setQuery}
      items={results}
      itemKey={(r) => r.post.file}
      onPick={(r) => onOpen(r.post.file)}
      onClose={onClose}
      restoreFocus={restoreFocus}
      hint="open"
      emptyText={posts.length ? `No post matches “${query}”.` : 'The library has no posts yet.'}
      renderItem={(r) => (
        <span className="palette__post" data-file={r.post.file}>
          <span className="palette__title">
            <Highlighted text={(r.post.title || 'Untitled').normalize('NFC')} indices={r.post.title ? r.titleHits : []} />
            {r.post.file === active ? <span className="palette__badge">open</span> : null}
          </span>
          <span className="palette__detail"><Highlighted text={r.post.file.normalize('NFC')} indices={r.fileHits} /></span>
        </span>
      )}
    />
  )
}
