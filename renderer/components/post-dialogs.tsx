import { useMemo, useState } from 'react'
import type { CreatePostInput } from '../../shared/services/post-service'
import { contentFolders, datePrefixOf, postFileName, postSlug } from '../../shared/services/post-slug'
import { urlPathFor } from '../../shared/parser/url-path-for'
import { frontmatterBlock, liveRowOf } from '../state/live-row'
import type { SiteIndex } from '../../shared/checks/finding'
import { urlPath } from '../../shared/checks/rules/url-path'
import { contentIdFor, tryParsePost } from '../../shared/parser/index'
import { Modal } from './modal'

/** Body characters the rename advice reads after the frontmatter (the path and a title come from there). */
const ADVICE_BODY_HEAD = 4_000

/**
 * The start of `text` the advice parses: the frontmatter and the body's first paragraphs (cut at a
 * blank line). It runs on the window's thread on every keystroke in the dialog, where a whole
 * 10 MB post (or one 400 KB line, quadratic for the site's parser) would take seconds to minutes.
 */
export function adviceText(text: string): string {
  const frontmatter = frontmatterBlock(text)?.length ?? 0
  if (text.length <= frontmatter + ADVICE_BODY_HEAD) return text
  const head = text.slice(0, frontmatter + ADVICE_BODY_HEAD)
  const cut = head.lastIndexOf('\n\n')
  return cut >= frontmatter ? head.slice(0, cut + 1) : head.slice(0, frontmatter)
}

/**
 * What the site would make of a post under the name `file`: its URL path, and the `url-path`
 * check's warning (empty path, a folder's index, taken by another post) with a Latin name to use.
 */
export function urlPathAdvice(file: string, text: string, site: SiteIndex | null, ignoring: string | null): { path: string; warning: string | null; suggestion: string | null } {
  if (!/\.md$/i.test(file) || file.startsWith('/') || file.includes('..')) return { path: '', warning: null, suggestion: null }
  text = adviceText(text)
  const outcome = tryParsePost(text, { id: contentIdFor(file) })
  const path = typeof outcome.parsed?._path === 'string' ? outcome.parsed._path : ''
  const posts = (site?.posts ?? []).filter((p) => p.file !== ignoring && p.file !== file)
  const [finding] = urlPath.run({ file, text, outcome, site: { posts, publicFiles: null, allowUnsafeHtml: true } })
  return { path, warning: finding?.message ?? null, suggestion: finding?.fix?.rename ?? null }
}

/** Props of the yes/no confirmation. */
export interface ConfirmDialogProps {
  title: string
  message: string
  okLabel: string
  danger?: boolean
  onOk: () => void
  onCancel: () => void
}

/** A confirmation (e.g. delete): `confirm-ok` / `confirm-cancel`. */
export function ConfirmDialog({ title, message, okLabel, danger, onOk, onCancel }: ConfirmDialogProps) {
  return (
    <Modal testId="confirm-dialog" title={title} onCancel={onCancel}>
      <p className="modal__text">{message}</p>
      <div className="modal__actions">
        <button type="button" data-testid="confirm-cancel" onClick={onCancel}>Cancel</button>
        <button type="button" className={danger ? 'primary danger' : 'primary'} data-testid="confirm-ok" onClick={onOk}>{okLabel}</button>
      </div>
    </Modal>
  )
}

/** Today's local date, YYYY-MM-DD (the date a new post gets and its file name starts with). */
export function todayLocal(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

/** The first free `date-slug[-N].md` in `folder` among the site's posts (as `post.create` picks it). */
function freeFileName(folder: string, date: string, slug: string, site: SiteIndex | null): string {
  const taken = new Set((site?.posts ?? []).map((p) => p.file))
  for (let n = 1; ; n++) {
    const file = [folder, postFileName(date, slug, n)].filter(Boolean).join('/')
    if (!taken.has(file) || n > 999) return file
  }
}

/** The folder picker: every content folder of the site ('' is the content folder itself). */
function FolderPicker({ testId, folders, value, onChange }: { testId: string; folders: string[]; value: string; onChange: (folder: string) => void }) {
  return (
    <label className="field post-name-form__folder">
      <span>Folder</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {folders.map((f) => <option key={f} value={f}>{f ? `${f}/` : '(content root)'}</option>)}
      </select>
    </label>
  )
}

/** The live preview of a post's file name and the URL the site gives it, with the url-path warning. */
function NamePreview({ testId, file, path, oldPath, warning, onSuggestion }: { testId: string; file: string | null; path: string; oldPath?: string; warning: string | null; onSuggestion?: () => void }) {
  const moved = oldPath !== undefined && file !== null && oldPath !== path
  return (
    <div className="name-preview" data-testid={`${testId}-preview`}>
      <div className="name-preview__row"><span>File</span><code data-testid={`${testId}-file`}>{file ?? '—'}</code></div>
      <div className="name-preview__row"><span>URL</span><code data-testid={`${testId}-url`}>{file === null ? '—' : path || '(none)'}</code></div>
      {moved ? (
        <div className="banner banner--warn" role="alert" data-testid={`${testId}-url-change`}>
          <span>The site URL changes from <code>{oldPath}</code> to <code>{path || '(none)'}</code>: links to the old URL will stop working.</span>
        </div>
      ) : null}
      {warning ? (
        <div className="banner banner--warn" role="alert" data-testid={`${testId}-url-warning`}>
          <span>{warning}</span>
          {onSuggestion ? <button type="button" data-testid={`${testId}-use-suggestion`} onClick={onSuggestion}>Use the suggested name</button> : null}
        </div>
      ) : null}
    </div>
  )
}

/** Props of the new-post dialog. */
export interface NewPostDialogProps {
  /** The site's posts: their folders are offered, and a URL already taken is warned about. */
  siteIndex?: SiteIndex | null
  /** The post's date (default today): its file name starts with it. */
  date?: string
  onCreate: (input: CreatePostInput) => Promise<void>
  onCancel: () => void
}

/**
 * Asks for the title of a new post (`new-post-title`), its slug (`new-post-slug`, derived from the
 * title as it is typed — transliterated to Latin — until edited by hand; required when the title
 * gives none) and folder (`new-post-folder`), previewing the file name and URL (`new-post-file`,
 * `new-post-url`, `new-post-url-warning`). `new-post-create` is disabled until there is a title and a slug.
 */
export function NewPostDialog({ siteIndex = null, date = todayLocal(), onCreate, onCancel }: NewPostDialogProps) {
  const [title, setTitle] = useState('')
  const [slugText, setSlugText] = useState<string | null>(null)
  const folders = useMemo(() => contentFolders((siteIndex?.posts ?? []).map((p) => p.file)), [siteIndex])
  const [folder, setFolder] = useState('blog')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const derived = postSlug(title)
  const shown = slugText ?? derived
  const slug = postSlug(shown)
  const needsSlug = title.trim() !== '' && slug === ''
  const file = slug ? freeFileName(folder, date, slug, siteIndex) : null
  const path = file ? urlPathFor(file) : ''
  const advice = useMemo(() => (file ? urlPathAdvice(file, '', siteIndex, null) : null), [file, siteIndex])
  const submit = async () => {
    if (!title.trim()) { setError('Give the post a title.'); return }
    if (!slug) { setError('Type a slug for the file name (Latin letters or digits).'); return }
    setBusy(true)
    try {
      await onCreate({ title: title.trim(), slug, folder, date })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }
  return (
    <Modal testId="new-post-dialog" title="New post" onCancel={onCancel}>
      <form className="post-name-form" onSubmit={(e) => { e.preventDefault(); void submit() }}>
        <label className="field">
          <span>Title</span>
          <input data-testid="new-post-title" value={title} onChange={(e) => { setTitle(e.target.value); setError(null) }} placeholder="What is it about?" autoFocus />
        </label>
        <div className="post-name-form__row">
          <FolderPicker testId="new-post-folder" folders={folders} value={folder} onChange={setFolder} />
          <label className={needsSlug ? 'field post-name-form__slug field--required' : 'field post-name-form__slug'}>
            <span>Slug{needsSlug ? ' (required)' : slugText !== null ? ' (edited)' : ''}</span>
            <input data-testid="new-post-slug" value={shown} required aria-required="true" aria-invalid={needsSlug} spellCheck={false}
              placeholder={needsSlug ? 'type-a-slug' : 'from-the-title'}
              onChange={(e) => { setSlugText(e.target.value); setError(null) }} />
          </label>
        </div>
        {needsSlug ? <p className="field__error" data-testid="new-post-slug-needed">This title has no letters or digits to name the file with: type a slug (Latin letters, digits and dashes).</p> : null}
        {error ? <p className="field__error" role="alert">{error}</p> : null}
        <NamePreview testId="new-post" file={file} path={path} warning={advice?.warning ?? null} />
        <p className="modal__hint">Created from the site's template, as a draft.</p>
        <div className="modal__actions">
          <button type="button" onClick={onCancel}>Cancel</button>
          <button type="submit" className="primary" data-testid="new-post-create" disabled={busy || !title.trim() || !slug}>Create</button>
        </div>
      </form>
    </Modal>
  )
}

/** Props of the rename dialog. */
export interface RenameDialogProps {
  file: string
  /** The post's text (for the URL path the new name gives it, and its title for "From title"). */
  text?: string
  /** The site's posts, to offer their folders and warn when the new URL path is taken. */
  siteIndex?: SiteIndex | null
  onRename: (newFile: string) => Promise<void>
  onCancel: () => void
}

/** A post file split as the rename dialog edits it: folder, date prefix (kept) and slug. */
function splitPostFile(file: string): { folder: string; prefix: string; slug: string } {
  const cut = file.lastIndexOf('/')
  const folder = cut === -1 ? '' : file.slice(0, cut)
  const base = file.slice(cut + 1).replace(/\.md$/i, '')
  const prefix = datePrefixOf(base)
  return { folder, prefix, slug: base.slice(prefix.length) }
}

/**
 * Renames a post (inside a `confirm-dialog`): its folder (`rename-folder`) and slug (`rename-slug`;
 * the date prefix of the file name is kept), with the same file/URL preview as a new post
 * (`rename-file`, `rename-url`) and warnings when the URL changes (`rename-url-change`) or would be
 * empty, taken or a folder's index (`rename-url-warning`, with a suggested Latin name).
 */
export function RenameDialog({ file, text = '', siteIndex = null, onRename, onCancel }: RenameDialogProps) {
  const original = useMemo(() => splitPostFile(file), [file])
  const [folder, setFolder] = useState(original.folder)
  const [slugText, setSlugText] = useState(original.slug)
  const [error, setError] = useState<string | null>(null)
  const folders = useMemo(() => contentFolders([...(siteIndex?.posts ?? []).map((p) => p.file), file]), [siteIndex, file])
  const title = useMemo(() => liveRowOf(text)?.title ?? '', [text])
  const titleSlug = postSlug(title)
  const slug = postSlug(slugText)
  const next = slug ? [folder, `${original.prefix}${slug}.md`].filter(Boolean).join('/') : null
  const advice = useMemo(() => (next ? urlPathAdvice(next, text, siteIndex, file) : null), [next, text, siteIndex, file])
  const oldPath = useMemo(() => urlPathAdvice(file, text, null, file).path, [file, text])
  const takenFile = next !== null && next !== file && (siteIndex?.posts ?? []).some((p) => p.file === next)
  // a suggested name with another date prefix keeps that date in the slug field (the prefix shown is the file's own)
  const useName = (name: string) => { const parts = splitPostFile(name); setFolder(parts.folder); setSlugText(parts.prefix === original.prefix ? parts.slug : `${parts.prefix}${parts.slug}`) }
  const submit = async () => {
    if (!next) { setError('Type a slug for the file name (Latin letters or digits).'); return }
    if (next === file) { onCancel(); return }
    try {
      await onRename(next)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <Modal testId="confirm-dialog" title="Rename post" onCancel={onCancel}>
      <form className="post-name-form" onSubmit={(e) => { e.preventDefault(); void submit() }}>
        <p className="modal__text">Renaming <code>{file}</code></p>
        <div className="post-name-form__row">
          <label className={slug ? 'field post-name-form__slug' : 'field post-name-form__slug field--required'}>
            <span>Slug{slug ? '' : ' (required)'}</span>
            <span className="slug-input">
              {original.prefix ? <span className="slug-input__prefix" title="The date prefix of the file name is kept">{original.prefix}</span> : null}
              <input data-testid="rename-slug" value={slugText} required aria-invalid={!slug} spellCheck={false} onChange={(e) => { setSlugText(e.target.value); setError(null) }} />
            </span>
          </label>
          <FolderPicker testId="rename-folder" folders={folders} value={folder} onChange={(f) => { setFolder(f); setError(null) }} />
        </div>
        {titleSlug && titleSlug !== slug ? <button type="button" className="link-button" data-testid="rename-from-title" onClick={() => setSlugText(titleSlug)}>Use the title's slug: {titleSlug}</button> : null}
        {error ? <p className="field__error" role="alert">{error}</p> : null}
        {takenFile ? <p className="field__error" data-testid="rename-taken">{next} already exists.</p> : null}
        <NamePreview testId="rename" file={next} path={advice?.path ?? ''} oldPath={oldPath} warning={advice?.warning ?? null}
          onSuggestion={advice?.suggestion ? () => useName(advice.suggestion!) : undefined} />
        <div className="modal__actions">
          <button type="button" data-testid="confirm-cancel" onClick={onCancel}>Cancel</button>
          <button type="submit" className="primary" data-testid="confirm-ok" disabled={!next || takenFile}>Rename</button>
        </div>
      </form>
    </Modal>
  )
}
