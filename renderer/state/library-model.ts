import type { LibraryQuery, LibraryService, PostSummary } from '../../shared/services/library-service'
import type { PublishService } from '../../shared/services/publish-service'
import type { SiteIndex } from '../../shared/checks/finding'

/** What the library panel and the checks show: the post list, tags, the query, and the site index. */
export interface LibraryState {
  posts: PostSummary[]
  tags: Array<{ tag: string; count: number }>
  query: LibraryQuery
  libraryError: string | null
  /** The site's posts and public files, for the pre-publish checks (null until loaded). */
  siteIndex: SiteIndex | null
}

/**
 * The library: the post list and tags for the current query, plus the site index the checks use.
 * Refreshes are debounced (typing in the search box, bursts of watcher events); `changed` is called
 * with every new state.
 */
export class LibraryModel {
  state: LibraryState = { posts: [], tags: [], query: { sort: 'date' }, libraryError: null, siteIndex: null }
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly services: { library: Pick<LibraryService, 'list' | 'tags'>; publish: Pick<PublishService, 'siteIndex'> },
    private readonly changed: () => void,
  ) {}

  private set(patch: Partial<LibraryState>): void {
    this.state = { ...this.state, ...patch }
    this.changed()
  }

  /** Changes the search/filter/sort (empty values removed) and reloads the list. */
  setQuery(patch: Partial<LibraryQuery>): void {
    const query = { ...this.state.query, ...patch }
    for (const key of Object.keys(query) as Array<keyof LibraryQuery>) if (query[key] === undefined || query[key] === '') delete query[key]
    this.set({ query })
    this.schedule(patch.search !== undefined ? 150 : 0)
  }

  /** Reloads the list soon (after `delay` ms of quiet), e.g. after watcher events. */
  schedule(delay = 200): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => { this.timer = null; void this.refresh() }, delay)
  }

  /** Reloads the post list and tags, and the site index. */
  async refresh(): Promise<void> {
    // refreshes can overlap (a watcher event, a create): only the newest one's answer is kept,
    // so a slower, older list never replaces a newer one that already has the new post
    const seq = ++this.refreshSeq
    try {
      const [posts, tags] = await Promise.all([this.services.library.list(this.state.query), this.services.library.tags(), this.refreshSiteIndex()])
      if (seq === this.refreshSeq) this.set({ posts, tags, libraryError: null })
    } catch (error) {
      if (seq === this.refreshSeq) this.set({ libraryError: error instanceof Error ? error.message : String(error) })
    }
  }

  private refreshSeq = 0

  /** Reloads the site index (posts and their URL paths, public files) for the pre-publish checks. */
  async refreshSiteIndex(): Promise<void> {
    try {
      this.set({ siteIndex: await this.services.publish.siteIndex() })
    } catch {
      // checks that need the site simply wait for the next refresh
    }
  }

  /** Cancels a scheduled refresh. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
