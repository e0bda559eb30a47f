import type { Finding, SiteIndex } from '../checks/finding'
import type { PostDocument } from './post-service'

/** How to export a post. */
export interface ExportOptions {
  /** A `.zip` file (default) or a folder. */
  format?: 'zip' | 'folder'
  /**
   * Where to write the bundle (absolute). Default: the app's exports folder
   * (`<data>/exports/<post>.zip`), which browser mode offers as a download.
   */
  out?: string
  /** Export even when the checks found errors. */
  force?: boolean
  /** Export a post whose frontmatter says `draft: true`. */
  allowDraft?: boolean
  /** Replace an existing bundle at `out`. */
  overwrite?: boolean
}

/** One file of a bundle as the manifest lists it. */
export interface BundleFile {
  /** Path inside the bundle, `/`-separated (e.g. `content/blog/x.md`, `public/images/blogImg/x-1.png`). */
  path: string
  bytes: number
  sha256: string
}

/** `manifest.json` of a bundle. */
export interface BundleManifest {
  /** Always 1 for this layout. */
  bundleVersion: 1
  inkpostVersion: string
  /** The Nuxt Content version the post was parsed for, e.g. `2.7.2`. */
  nuxtContentVersion: string
  /** The `content:` options it was parsed with (empty: the defaults). */
  contentOptions: Record<string, unknown>
  /** The posts in the bundle (usually one), relative to the content folder, with their site URL and title. */
  posts: Array<{ file: string; path: string; title: string }>
  createdAt: string
  /** Every file of the bundle except the manifest itself. */
  files: BundleFile[]
  findings: Finding[]
}

/** What an export wrote. */
export interface ExportResult {
  /** The bundle written (absolute path of the zip or folder). */
  out: string
  format: 'zip' | 'folder'
  manifest: BundleManifest
  /** Browser mode: where the window can download the zip (under the host's token). */
  downloadUrl?: string
}

/** Pre-publish checks, publish-ready bundles and importing a site-cache entry back into a post. */
export interface PublishService {
  /** The facts about the whole site the checks need (posts and their URL paths, public files). */
  siteIndex(): Promise<SiteIndex>
  /** Runs every check on the saved posts `files` (default: every post). */
  check(files?: string[]): Promise<Finding[]>
  /**
   * Builds the bundle of one post, or of several (a list of files, or a folder such as `blog/`):
   * see `ExportOptions`. Refuses with `invalid-argument` and `details.findings` on check errors
   * unless forced, and on drafts unless allowed. Emits `export-progress` events.
   */
  export(files: string | string[], options?: ExportOptions): Promise<ExportResult>
  /** Turns a `{parsed, hash}` cache entry (JSON text) into a new post whose parse equals it; `file` names it (default from the entry's `_file`). */
  importCache(json: string, file?: string): Promise<PostDocument>
}
