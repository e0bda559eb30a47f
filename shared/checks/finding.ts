/** How bad a finding is: errors stop an export (unless forced), warnings are for the writer to weigh. */
export type Severity = 'error' | 'warning'

/** One replacement in a post's text (offsets into the text as checked, `\n` line ends). */
export interface TextEdit {
  from: number
  to: number
  insert: string
}

/** A fix the app can apply for the writer: edits to the post's text, or a new file name for it. */
export interface QuickFix {
  /** What the button says, e.g. "Add a title" or "Rename to blog/second-post.md". */
  label: string
  /** Edits to apply to the post's text, in one undo step. */
  edits?: TextEdit[]
  /** Rename the post to this file (relative to the content folder). */
  rename?: string
}

/** One problem a pre-publish check found in a post. */
export interface Finding {
  /** The rule's id, e.g. `missing-title`, `missing-image` (one file per rule in `shared/checks/rules/`). */
  rule: string
  severity: Severity
  message: string
  /** The post, relative to the content folder. */
  file: string
  /** 1-based line and column in the post's text. */
  line: number
  column: number
  /** Character offsets of the problem in the post's text (for the editor's marks), when known. */
  from?: number
  to?: number
  fix?: QuickFix
}

/** What the checks need to know about the rest of the site (posts for links and paths, images for references). */
export interface SiteIndex {
  /** Every post: file relative to the content folder and the URL path Nuxt Content gives it. */
  posts: Array<{ file: string; path: string }>
  /** Every file under the public folder by its site URL (`/images/x.png`, `/files/a.pdf`), with its size. Null when not known (then image and file-link checks are skipped). */
  publicFiles: Array<{ src: string; bytes: number }> | null
  /** Allow script, iframe, event handlers and `javascript:` links (the site setting `allowUnsafeHtml`). */
  allowUnsafeHtml: boolean
}
