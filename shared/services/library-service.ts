/** One post as the library lists it. */
export interface PostSummary {
  /** Path relative to the content dir with `/` separators, e.g. `blog/2024-01-16-llama2.md`. */
  file: string
  /** The site URL, `_path` from the parser, e.g. `/blog/2024-01-16-llama2`. */
  path: string
  title: string
  /** Frontmatter date as written (string), or null. */
  date: string | null
  tags: string[]
  draft: boolean
  summary: string
  /** Bytes on disk. */
  size: number
  /** Last modified time in ms since the epoch. */
  mtime: number
  /** Set when the post does not parse (e.g. bad YAML); the other fields are best effort. */
  error?: { message: string; line?: number; column?: number }
  /**
   * False when Inkpost cannot open the file by its name (a line break or another control character
   * in it, a backslash): it is listed so the writer sees it, `error` says why and to rename it, and
   * it is not read or parsed.
   */
  openable?: false
}

/** Search, filter and sort options for `library.list`. */
export interface LibraryQuery {
  /** Matched case-insensitively against title, tags, body text and the file name (every word must match one of them). */
  search?: string
  /** Only posts with this draft state. */
  draft?: boolean
  /** Only posts carrying this tag. */
  tag?: string
  sort?: 'date' | 'title' | 'modified'
  /** Default `desc` for date/modified, `asc` for title. */
  order?: 'asc' | 'desc'
}

/** The post library of the open site. */
export interface LibraryService {
  /** Every post under the content dir matching `query`. */
  list(query?: LibraryQuery): Promise<PostSummary[]>
  /** All tags in use with their post counts, for the filter menu. */
  tags(): Promise<Array<{ tag: string; count: number }>>
}
