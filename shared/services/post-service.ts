/** A post's text as read from disk, with what is needed to write it back byte-faithfully. */
export interface PostDocument {
  file: string
  /** Text with line endings normalised to `\n` and without BOM. */
  text: string
  /** Opaque token for the bytes on disk (content hash); pass it back to `save`. */
  version: string
  /** Line ending found in the file; `save` writes it back. */
  eol: '\n' | '\r\n'
  /** Whether the file started with a UTF-8 BOM; `save` keeps it. */
  bom: boolean
}

/** Input for creating a post from the template. */
export interface CreatePostInput {
  title: string
  /** YYYY-MM-DD; default today. */
  date?: string
  /** Folder under the content dir; default `blog`. */
  folder?: string
  /**
   * The file-name slug (normalised with `postSlug`); default the title's. Required when the title
   * gives none (only emoji or symbols): the service then refuses rather than inventing `post.md`.
   */
  slug?: string
}

/** A deleted post kept in the app's trash (in its data folder, never inside the site). */
export interface TrashEntry {
  /** Opaque id for `restore`. */
  id: string
  /** Where the post was, relative to the content dir. */
  file: string
  /** Its title when it was deleted ('' when it had none). */
  title: string
  /** When it was deleted, ms since the epoch. */
  deletedAt: number
  /** Its size in bytes. */
  size: number
}

/** Result of a restore: where the post is now. */
export interface RestoreResult {
  file: string
  /** Where it was when deleted. */
  originalFile: string
  /** True when that name was taken again, so it was restored under a free name (`-restored`, `-restored-2`, …). */
  renamed: boolean
}

/** Result of a rename: the new file, and whether the site URL changed. */
export interface RenameResult {
  file: string
  oldPath: string
  newPath: string
  pathChanged: boolean
}

/** What `save` wrote: the new version, and `file` when it was saved under another name (the post was renamed on disk). */
export interface SaveResult {
  version: string
  file?: string
}

/** `details` of a `conflict` from `save`. */
export interface SaveConflictDetails {
  /** The text on disk now (null: there is no file). */
  diskText: string | null
  diskVersion: string | null
  /** `changed`: other bytes on disk; `exists`: a new post's name is taken; `deleted`: no file any more; `renamed`: it is now `renamedTo`. */
  reason: 'changed' | 'exists' | 'deleted' | 'renamed'
  renamedTo?: string
}

/** Options for `save`. */
export interface SaveOptions {
  /** Overwrite even when the file changed on disk since `baseVersion`. */
  force?: boolean
}

/** Reading and writing single posts. Every `file` is relative to the content dir. */
export interface PostService {
  read(file: string): Promise<PostDocument>
  /** Creates `YYYY-MM-DD-slug.md` from the template; never overwrites (adds `-2`, `-3`, …). */
  create(input: CreatePostInput): Promise<PostDocument>
  /**
   * Atomically writes `text` (with the file's eol/BOM). Refuses with code `conflict`
   * (details: {@link SaveConflictDetails}) when the disk changed since `baseVersion`, unless `force`.
   * `baseVersion` null means "new file, must not exist". A post gone from disk since it was read is
   * a conflict too: `reason` `deleted` (forcing creates it again) or `renamed` (a file beside it
   * holds exactly the bytes read: `renamedTo`; forcing saves there, never a second copy under the
   * old name, and the result's `file` says so).
   */
  save(file: string, text: string, baseVersion: string | null, options?: SaveOptions): Promise<SaveResult>
  rename(file: string, newFile: string): Promise<RenameResult>
  /**
   * Copies `file` to `<name>-copy.md` (then `-copy-2.md` …), never overwriting. The copy's frontmatter
   * title gets " (copy)" (" (copy 2)" …) and a `draft: false` becomes `draft: true`; every other byte
   * is the original's (the title is left alone when it is missing or not a one-line scalar).
   */
  duplicate(file: string): Promise<PostDocument>
  /**
   * Deletes a post, undoably: a copy is kept in the app's trash (`<data>/trash/<site>/`), then the
   * file goes to the OS trash (Electron) or is removed (browser mode). Returns the trash entry (its `id` for `restore`).
   */
  delete(file: string): Promise<TrashEntry>
  /** The site's deleted posts, newest first. */
  trashList(): Promise<TrashEntry[]>
  /** Puts a deleted post back; never overwrites (a taken name gets a free `-restored` name) and the entry leaves the trash. */
  restore(id: string): Promise<RestoreResult>
}
