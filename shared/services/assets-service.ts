/** Image formats a figure may be imported as, decided from the file's bytes (never its extension). */
export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg'

/** One image to import into the site: its original name and its bytes. */
export interface ImportImageInput {
  /** The original file name (e.g. `photo.jpg`, or `image.png` for a clipboard image); used for `{name}`, the title and the caption. */
  name: string
  /** The file's bytes. Over HTTP they travel as base64 (see `shared/ipc/wire-bytes.ts`). */
  data?: Uint8Array
  /**
   * Electron only: the dropped file's path (from `webUtils.getPathForFile`), read by the main process
   * instead of sending the bytes. Refused by the browser-mode host. Folders and symlinks are refused.
   */
  sourcePath?: string
  /** The post's frontmatter date as the editor has it now (YYYY-MM-DD…); default: read from the saved post. */
  postDate?: string | null
}

/** What an import did: the site URL to reference, the file on disk, and the text to insert. */
export interface ImportedImage {
  /** Site URL of the image, e.g. `/images/blogImg/2024-01-16-5.png`. */
  src: string
  /** The file, relative to the site root, e.g. `public/images/blogImg/2024-01-16-5.png`. */
  path: string
  /** True when identical bytes already existed in the image folder: nothing was copied, that file is referenced. */
  reused: boolean
  width: number
  height: number
  /** Size of the file referenced (after optimisation). */
  bytes: number
  /** Size of the dropped file. */
  originalBytes: number
  type: ImageType
  /** True when the stored bytes are the optimised (or cleaned) output rather than the original. */
  optimized: boolean
  /** The text to insert: the site's figure template (or a markdown image), filled in. */
  snippet: string
  /** Offsets inside `snippet` of the caption (or alt text), which the editor selects so typing replaces it. */
  select: { from: number; to: number }
  /** Things the writer should know (e.g. "the post has no date: named with today's date"). */
  notices: string[]
}

/** Where a referenced image stands. */
export type ImageReferenceState = 'ok' | 'missing' | 'outside-public' | 'remote' | 'inline'

/** The state of one image URL as the site would serve it. */
export interface ImageReferenceInfo {
  src: string
  state: ImageReferenceState
  /** The file, relative to the site root, when it was found (or where it was looked for). */
  path?: string
  bytes?: number
  width?: number
  height?: number
  /** Why it is not ok, for the panel's tooltip. */
  reason?: string
}

/** An image file under the image folder that no post references. */
export interface UnusedImage {
  /** Relative to the site root, e.g. `public/images/blogImg/old.png`. */
  path: string
  /** Site URL. */
  src: string
  bytes: number
}

/** A reference to an image that does not exist (or is not served from `public/`). */
export interface MissingImage {
  /** The post, relative to the content folder. */
  file: string
  src: string
  state: 'missing' | 'outside-public'
  line: number
  column: number
}

/** Every image of the site against every post's references. */
export interface SiteAssetReport {
  /** The folder scanned for unused images, relative to the site root (e.g. `public/images/blogImg`). */
  imageDir: string
  imageCount: number
  referenceCount: number
  unused: UnusedImage[]
  unusedBytes: number
  missing: MissingImage[]
  /** Posts that could not be read or parsed, so their references are unknown. */
  unreadable: Array<{ file: string; message: string }>
}

/** Figures: importing images into the site's image folder and checking image references. */
export interface AssetsService {
  /**
   * Copies an image into the site's image folder, named by the site's pattern for `file` (a post
   * relative to the content folder), optimised per the settings, never overwriting; reuses an
   * identical existing file. Returns the snippet to insert.
   */
  importImage(file: string, input: ImportImageInput): Promise<ImportedImage>
  /** The state of each image URL referenced by `file` (relative URLs resolve against that post's page). */
  describe(file: string, srcs: string[]): Promise<ImageReferenceInfo[]>
  /** Unused images in the image folder and missing references across every post. */
  report(): Promise<SiteAssetReport>
  /** Moves the given unused images (paths from `report`) to the trash; refuses any that a post references. */
  deleteUnused(paths: string[]): Promise<{ deleted: string[] }>
}
