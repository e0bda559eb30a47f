import { fileFromHash, hashForFile } from './deep-link'

/** How opening a post records itself in the window's history. */
export type HistoryMode = 'push' | 'replace' | 'none'

/**
 * The window's URL as `#/post/<file>`: deep links open their post, opening a post in the app adds
 * a history entry (so Back/Forward move between posts inside the app), and Back/Forward (popstate,
 * or a hash typed by hand: hashchange) open the post of the entry. Listeners go away on `dispose`.
 */
export class PostRouter {
  /** The post the current history entry names (null: none). */
  private current: string | null = null
  private readonly onNavigate = () => {
    const file = fileFromHash(location.hash)
    if (!file || file === this.current) return
    this.current = file
    this.open(file)
  }

  constructor(private readonly open: (file: string) => void) {}

  /** The post named by the URL the window was opened with (a deep link), or null. */
  initial(): string | null {
    this.current = fileFromHash(location.hash)
    return this.current
  }

  /** Starts following Back/Forward and hand-typed hashes. */
  listen(): void {
    window.addEventListener('popstate', this.onNavigate)
    window.addEventListener('hashchange', this.onNavigate)
  }

  /**
   * Records that `file` is open. `push` adds an entry (in-app navigation), except when the current
   * entry names no post yet: then it is replaced, so Back does not lead to an empty window.
   */
  record(file: string, mode: HistoryMode = 'push'): void {
    const hash = hashForFile(file)
    const had = this.current !== null
    this.current = file
    if (mode === 'none' || location.hash === hash) return
    if (mode === 'push' && had) history.pushState({ file }, '', hash)
    else history.replaceState({ file }, '', hash)
  }

  /** Records that no post is open (the open one was deleted): the entry loses its hash. */
  clear(): void {
    this.current = null
    history.replaceState(null, '', location.pathname + location.search)
  }

  /** Stops listening. */
  dispose(): void {
    window.removeEventListener('popstate', this.onNavigate)
    window.removeEventListener('hashchange', this.onNavigate)
  }
}
