import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { WorkspaceStore } from '../state/workspace-store'
import { clampPanel, isViewModeShortcut, loadLayout, nextViewMode, saveLayout, viewModeOf, withViewMode, type Layout, type ViewMode } from '../state/layout-store'
import { ScrollSync } from '../editor/scroll-sync'
import type { EditorHost } from '../editor/editor-host'
import { useParsedPost, type PostText } from '../preview/use-parsed-post'
import type { PostSession } from '../state/post-session'
import { PreviewPane, scrollPreviewTo } from '../preview/preview-pane'
import { LibraryPanel, type LibraryActions } from './library-panel'
import { EditorPane } from './editor-pane'
import { OutlinePanel } from './outline-panel'
import { FrontmatterForm } from './frontmatter-form'
import { StatusBar, type CursorInfo } from './status-bar'
import { Toolbar } from './toolbar'
import { Toasts } from './toasts'
import { ResizeHandle } from './resize-handle'
import { ConfirmDialog, NewPostDialog, RenameDialog } from './post-dialogs'
import { ConflictDialog } from './conflict-dialog'
import { RecoveryDialog } from './recovery-dialog'
import { useActiveHeading } from '../preview/use-active-heading'
import { WelcomeScreen } from './welcome-screen'
import { AssetsPanel } from './assets-panel'
import { SiteImagesDialog } from './site-images-dialog'
import { useImageStates } from '../preview/use-image-states'
import { setBrokenImages, type BrokenImageMark } from '../editor/broken-image-marks'
import type { ImportedImage } from '../../shared/services/assets-service'
import type { Finding, QuickFix } from '../../shared/checks/finding'
import { ProblemsPanel, countFindings } from './problems-panel'
import { showFindings } from '../editor/problem-marks'
import { ExportDialog } from './export-dialog'
import { ImportCacheDialog } from './import-cache-dialog'
import { QuickSwitcher } from './quick-switcher'
import { CommandPalette } from './command-palette'
import { bindCommands, editorCommandHandlers, usePaletteShortcuts, type AppCommandId, type PaletteKind } from './app-commands'
import { TrashDialog } from './trash-dialog'
import { PanelBoundary } from './panel-boundary'
import { displayValue } from '../../shared/render/display-value'
import { withSlowParse } from '../preview/slow-parse-finding'

type DialogState = { kind: 'new' } | { kind: 'rename'; file: string } | { kind: 'delete'; file: string } | { kind: 'export'; file: string } | { kind: 'import-cache' } | { kind: 'trash' } | null

/** The writing window: library | outline | (frontmatter form + editor) | preview, with status bar and dialogs. */
export function App({ store }: { store: WorkspaceStore }) {
  const ws = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const [layout, setLayout] = useState<Layout>(() => loadLayout())
  const [editor, setEditor] = useState<EditorHost | null>(null)
  const [cursor, setCursor] = useState<CursorInfo | null>(null)
  const [dialog, setDialog] = useState<DialogState>(null)
  const [mainWidth, setMainWidth] = useState(800)
  const [assetsKey, setAssetsKey] = useState(0)
  const [siteImages, setSiteImages] = useState(false)
  const [palette, setPalette] = useState<PaletteKind | null>(null)
  usePaletteShortcuts(setPalette)
  const scrollSync = useMemo(() => new ScrollSync(), [])
  // the text is read from CodeMirror only when someone needs it, at most once per edit (preview and form share it)
  const textCache = useRef<{ session: PostSession | undefined; version: number; text: string | null } | null>(null)
  const readText = useCallback((file: string, version: number): string | null => {
    const session = store.session(file)
    const cached = textCache.current
    if (cached && cached.session === session && cached.version === version && cached.text !== null) return cached.text
    const text = store.textOf(file)
    textCache.current = { session, version, text }
    return text
  }, [store])
  const active = ws.active
  const textVersion = ws.textVersion
  const postText = useMemo<PostText | null>(() => (active === null || !editor ? null : { version: textVersion, read: () => readText(active, textVersion) }), [active, textVersion, editor, readText])
  const { post: reply, slow } = useParsedPost(ws.active, postText, ws.siteIndex, ws.site?.parse ?? null)
  const parsed = reply?.outcome.parsed ?? null
  // a text past the parse time limit is a problem too (the checks of the last good parse stay listed)
  const findings = useMemo(() => withSlowParse(reply?.findings ?? null, slow), [reply?.findings, slow])
  // one array per change, so the memoised status bar does not redraw on every render
  const targetNotices = useMemo(() => [...(ws.site?.parseNotices ?? []), ...(reply?.notices ?? [])], [ws.site, reply?.notices])
  const imageRows = useImageStates(store.services.assets, ws.active, reply?.images ?? null, assetsKey)

  // broken image references are marked in the editor too, not only as a broken icon in the preview
  useEffect(() => {
    if (!editor) return
    const doc = editor.view.state.doc
    const marks: BrokenImageMark[] = []
    for (const row of imageRows) {
      const info = row.info
      if (!info || (info.state !== 'missing' && info.state !== 'outside-public')) continue
      const { from, to } = row.reference
      if (to <= from || to > doc.length) continue
      const written = doc.sliceString(from, to)
      if (written !== row.reference.src && !row.reference.src.includes(written)) continue // the text moved on since this parse
      marks.push({ from, to, message: info.state === 'missing' ? `Image not found: ${info.path ?? row.reference.src}` : info.reason ?? 'Not served from public/' })
    }
    editor.whenNotComposing(() => editor.view.dispatch({ effects: setBrokenImages.of(marks) }))
  }, [editor, imageRows])

  useEffect(() => saveLayout(layout), [layout])
  const setViewMode = useCallback((mode: ViewMode) => setLayout((l) => withViewMode(l, mode)), [])
  useEffect(() => {
    // Ctrl/Cmd+Shift+E cycles editor+preview → editor only → preview only (capture: the editor must not see it)
    const onKey = (event: KeyboardEvent) => {
      if (!isViewModeShortcut(event)) return
      event.preventDefault()
      event.stopPropagation()
      setLayout((l) => withViewMode(l, nextViewMode(viewModeOf(l))))
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
  // the form's natural height when a drag of its divider starts (it has no stored height until dragged)
  const formWrap = useRef<HTMLDivElement | null>(null)
  const formDragStart = useRef<number | null>(null)
  const dragBase = useRef<Layout | null>(null)
  useEffect(() => {
    // Ctrl/Cmd+S anywhere in the window (form fields included) saves instead of opening the browser's "save page"
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        if ((event.target as HTMLElement | null)?.closest?.('.cm-editor')) return // the editor's own Mod-s binding saves
        event.preventDefault()
        void store.save()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
  const onReady = useCallback((host: EditorHost | null) => { store.attachEditor(host); setEditor(host) }, [store])
  const onDocChange = useCallback(() => store.onDocChange(), [store])
  const onSave = useCallback(() => void store.save(), [store])
  const onImportImage = useCallback((file: File, onProgress: (fraction: number) => void) => store.importImage(file, onProgress), [store])
  const notify = useCallback((message: string, kind: 'info' | 'error') => store.toast(message, kind), [store])
  // the findings are marked in the text too (squiggles and gutter marks), as they arrive from the worker
  useEffect(() => {
    if (!editor || !ws.active || findings === null) return
    editor.whenNotComposing(() => showFindings(editor.view, findings))
  }, [editor, ws.active, findings])
  const onImagesInserted = useCallback((images: ImportedImage[]) => {
    setAssetsKey((k) => k + 1)
    void store.refreshSiteIndex()
    const copied = images.filter((i) => !i.reused).length
    const reused = images.length - copied
    const summary = [copied ? `Added ${copied} image${copied === 1 ? '' : 's'} to the site` : '', reused ? `reused ${reused} existing` : ''].filter(Boolean).join(', ')
    const notices = [...new Set(images.flatMap((i) => i.notices))]
    store.toast(`${summary}${images.length === 1 ? `: ${images[0].src}` : ''}.${notices.length ? ` ${notices.join('. ')}.` : ''}`.replace(/\.\./g, '.'))
  }, [store])
  const jumpToFinding = useCallback((finding: Finding) => {
    if (!editor) return
    if (finding.from !== undefined) editor.revealRange(finding.from, finding.to ?? finding.from)
    else editor.revealLine(finding.line)
  }, [editor])
  const applyFix = useCallback((finding: Finding, fix: QuickFix) => {
    if (fix.edits?.length && editor) {
      if (!editor.applyEdits(fix.edits)) store.toast('The post changed since it was checked; try the fix again in a moment.', 'error')
    } else if (fix.rename) {
      void store.renamePost(finding.file, fix.rename).catch((e) => store.toast(`Rename failed: ${e instanceof Error ? e.message : e}`, 'error'))
    }
  }, [editor, store])
  const revealLine = useCallback((line: number) => editor?.revealLine(line), [editor])
  const saveActive = useCallback(() => store.save(), [store])
  const openReference = useCallback((file: string, line: number) => {
    setSiteImages(false)
    void store.openPost(file).then(() => editor?.revealLine(line))
  }, [store, editor])
  const [previewEl, setPreviewEl] = useState<HTMLElement | null>(null)
  const previewRef = useCallback((el: HTMLElement | null) => { scrollSync.attachPreview(el); setPreviewEl(el) }, [scrollSync])
  const activeHeading = useActiveHeading(previewEl, reply)
  const mainObserver = useRef<ResizeObserver | null>(null)
  const mainRef = useCallback((el: HTMLDivElement | null) => {
    mainObserver.current?.disconnect()
    mainObserver.current = null
    if (!el) return
    mainObserver.current = new ResizeObserver(() => setMainWidth(el.clientWidth))
    mainObserver.current.observe(el)
  }, [])

  const info = ws.info
  const siteFileBase = info?.siteFileBase ?? '/site-file'
  const openExternal = useCallback((url: string) => {
    if (info?.mode === 'electron') void store.services.app.openExternal(url).catch((e) => store.toast(`Cannot open ${url}: ${e instanceof Error ? e.message : e}`, 'error'))
    else window.open(url, '_blank', 'noopener,noreferrer')
  }, [info, store])
  const openSitePath = useCallback((path: string) => {
    const clean = path.split(/[?#]/)[0].replace(/\/$/, '')
    const post = store.getSnapshot().posts.find((p) => p.path === clean)
    if (post) void store.openPost(post.file)
    else store.toast(`Site link ${path} (not a post in this library)`)
  }, [store])

  const actions: LibraryActions = useMemo(() => ({
    open: (file) => void store.openPost(file),
    newPost: () => setDialog({ kind: 'new' }),
    rename: (file) => setDialog({ kind: 'rename', file }),
    duplicate: (file) => void store.duplicatePost(file).catch((e) => store.toast(`Duplicate failed: ${e instanceof Error ? e.message : e}`, 'error')),
    remove: (file) => setDialog({ kind: 'delete', file }),
    openTrash: () => setDialog({ kind: 'trash' }),
    setQuery: (patch) => store.setQuery(patch),
  }), [store])

  useEffect(() => store.onMenuCommand((command) => {
    if (command === 'new-post') setDialog({ kind: 'new' })
  }), [store])

  const onOutlineSelect = useCallback((id: string) => {
    if (!parsed || !editor) return
    scrollSync.enabled = false
    // the parser's positions side table says where each heading is (setext and duplicate headings included)
    const heading = reply?.positions?.headings.find((h) => h.id === id)
    if (heading && heading.from <= editor.view.state.doc.length) editor.revealRange(heading.from, heading.from)
    if (previewEl) scrollPreviewTo(previewEl, id)
    setTimeout(() => { scrollSync.enabled = true }, 300)
  }, [parsed, editor, reply, scrollSync, previewEl])

  const onFormChange = useCallback((text: string) => {
    if (ws.active && editor) editor.setText(ws.active, text, 'input.form')
  }, [ws.active, editor])

  const toggle = (key: 'showLibrary' | 'showOutline' | 'showFrontmatter' | 'showPreview' | 'showAssets' | 'showProblems') => setLayout((l) => ({ ...l, [key]: !l[key] }))
  // a drag resizes from the layout as it was when the pointer went down (delta = distance since then)
  const drag = (apply: (base: Layout, delta: number) => Partial<Layout>) => ({
    onDragStart: () => { dragBase.current = layout; formDragStart.current = null },
    onDrag: (delta: number) => {
      const base = dragBase.current ?? layout
      setLayout({ ...base, ...apply(base, delta) })
    },
    onDragEnd: () => { dragBase.current = null; formDragStart.current = null },
  })

  // the quick switcher lists every post of the site, also those the library's current filter hides
  const switcherPosts = useMemo(() => {
    const listed = new Set(ws.posts.map((p) => p.file))
    const openable = ws.posts.filter((p) => p.openable !== false) // a name Inkpost cannot open is only shown in the library, with the reason
    return [...openable, ...(ws.siteIndex?.posts ?? []).filter((p) => !listed.has(p.file)).map((p) => ({ file: p.file, title: '' }))]
  }, [ws.posts, ws.siteIndex])
  const commandHandlers = (): Partial<Record<AppCommandId, () => void>> => {
    const file = ws.active
    return {
      ...editorCommandHandlers(editor, file !== null),
      'new-post': ws.site ? () => setDialog({ kind: 'new' }) : undefined,
      save: file ? onSave : undefined,
      export: file ? () => setDialog({ kind: 'export', file }) : undefined,
      'import-cache': ws.site ? () => setDialog({ kind: 'import-cache' }) : undefined,
      'rename-post': file ? () => actions.rename(file) : undefined,
      'duplicate-post': file ? () => actions.duplicate(file) : undefined,
      'delete-post': file ? () => actions.remove(file) : undefined,
      'toggle-library': () => toggle('showLibrary'),
      'toggle-outline': () => toggle('showOutline'),
      'toggle-images': () => toggle('showAssets'),
      'toggle-frontmatter': () => toggle('showFrontmatter'),
      'toggle-preview': () => toggle('showPreview'),
      'toggle-problems': () => toggle('showProblems'),
      'site-images': ws.site ? () => setSiteImages(true) : undefined,
      'quick-open': () => setPalette('quick-open'),
    }
  }

  if (ws.fatal) return <div className="fatal" data-testid="app" role="alert">{ws.fatal}</div>
  const fmError = reply?.outcome.error && reply.outcome.error.kind === 'frontmatter' ? reply.outcome.error : null
  const parseError = reply?.outcome.error && reply.outcome.error.kind !== 'frontmatter' ? reply.outcome.error : null
  const hasPost = ws.active !== null
  const formText = layout.showFrontmatter && active !== null && editor ? readText(active, textVersion) : null
  const viewMode = viewModeOf(layout)
  const editorShare = viewMode === 'split' ? layout.editorShare : viewMode === 'editor' ? 1 : 0
  return (
    <div className="app" data-testid="app" data-site={ws.site?.name ?? ''}>
      <Toolbar layout={layout} onViewMode={setViewMode} title={displayValue(parsed?.title)} file={ws.active} onToggle={toggle} onSave={onSave} canSave={hasPost}
        onExport={() => { if (ws.active) setDialog({ kind: 'export', file: ws.active }) }} onImportCache={ws.site ? () => setDialog({ kind: 'import-cache' }) : undefined} />
      <div className="workspace">
        {layout.showLibrary ? (
          <>
            <div className="pane pane--library" style={{ flexBasis: layout.libraryWidth }}>
              <PanelBoundary name="library" resetKey={ws.posts}><LibraryPanel siteName={ws.site?.name ?? ''} posts={ws.posts} tags={ws.tags} query={ws.query} active={ws.active} activeDirty={ws.saveState !== 'saved'} error={ws.libraryError} actions={actions} /></PanelBoundary>
            </div>
            <ResizeHandle label="Resize library" {...drag((b, d) => ({ libraryWidth: clampPanel('libraryWidth', b.libraryWidth + d) }))} />
          </>
        ) : null}
        {layout.showOutline ? (
          <>
            <div className="pane pane--outline" style={{ flexBasis: layout.outlineWidth }}>
              <PanelBoundary name="outline" resetKey={parsed}><OutlinePanel links={parsed?.body.toc?.links ?? []} activeId={activeHeading} onSelect={onOutlineSelect} /></PanelBoundary>
            </div>
            <ResizeHandle label="Resize outline" {...drag((b, d) => ({ outlineWidth: clampPanel('outlineWidth', b.outlineWidth + d) }))} />
          </>
        ) : null}
        {layout.showAssets ? (
          <>
            <div className="pane pane--assets" style={{ flexBasis: layout.assetsWidth }}>
              <PanelBoundary name="images panel" resetKey={imageRows}><AssetsPanel rows={imageRows} siteFileBase={siteFileBase} onReveal={(line) => editor?.revealLine(line)} onRefresh={() => setAssetsKey((k) => k + 1)} onSiteReport={() => setSiteImages(true)} /></PanelBoundary>
            </div>
            <ResizeHandle label="Resize images panel" {...drag((b, d) => ({ assetsWidth: clampPanel('assetsWidth', b.assetsWidth + d) }))} />
          </>
        ) : null}
        <div className="main-area" ref={mainRef}>
          <div className="pane pane--editor" style={{ flexBasis: `${editorShare * 100}%` }} hidden={viewMode === 'preview'} data-testid="editor-pane">
            {fmError ? (
              <div className="banner banner--error" data-testid="frontmatter-error" role="alert">
                <span>
                  <strong>Frontmatter error{fmError.line ? ` (line ${fmError.line}${fmError.column ? `, column ${fmError.column}` : ''})` : ''}:</strong>{' '}
                  {fmError.message.split('\n')[0].replace(/^Invalid YAML frontmatter:\s*/i, '').replace(/\s*\(line \d+, column \d+\)\s*$/, '')}.
                  {' '}The body still previews; fix the YAML to update title, date and tags.
                </span>
              </div>
            ) : null}
            {parseError ? <div className="banner banner--error" role="alert"><strong>Cannot parse this post</strong>: {parseError.message}</div> : null}
            {ws.externalChange && !ws.conflict ? (
              <div className="banner banner--warn" data-testid="external-change-banner" role="alert">
                <span>This post changed on disk while you were editing it.</span>
                <button type="button" onClick={() => void store.discardMineAndReload()}>Reload from disk</button>
                <button type="button" onClick={() => void store.save()}>Save mine…</button>
              </div>
            ) : null}
            {layout.showFrontmatter && hasPost && formText !== null ? (
              <>
                <div className="frontmatter-wrap" ref={formWrap} style={layout.frontmatterHeight === null ? undefined : { height: layout.frontmatterHeight }} data-testid="frontmatter-wrap">
                  <PanelBoundary name="frontmatter form" resetKey={formText}><FrontmatterForm text={formText} onChange={onFormChange} parserError={fmError} siteTags={ws.tags} /></PanelBoundary>
                </div>
                <ResizeHandle orientation="horizontal" label="Resize frontmatter form" onReset={() => setLayout((l) => ({ ...l, frontmatterHeight: null }))}
                  {...drag((b, d) => {
                    formDragStart.current ??= b.frontmatterHeight ?? formWrap.current?.offsetHeight ?? 300
                    return { frontmatterHeight: clampPanel('frontmatterHeight', formDragStart.current + d) }
                  })} />
              </>
            ) : null}
            {ws.ready && !ws.site ? <WelcomeScreen services={store.services} onOpened={() => void store.reloadSite()} /> : null}
            {!hasPost && (ws.site || !ws.ready) ? <div className="editor-empty">{ws.loadingFile ? `Opening ${ws.loadingFile}…` : ws.ready ? 'Choose a post in the library, or create a new one.' : 'Loading…'}</div> : null}
            <EditorPane onReady={onReady} onDocChange={onDocChange} onCursor={setCursor} onSave={onSave} onImportImage={onImportImage} notify={notify} onImagesInserted={onImagesInserted} scrollSync={scrollSync} hidden={!hasPost} />
            {layout.showProblems && hasPost ? <ProblemsPanel findings={findings} onJump={jumpToFinding} onFix={applyFix} onClose={() => setLayout((l) => ({ ...l, showProblems: false }))} /> : null}
          </div>
          {layout.showPreview ? (
            <>
              {viewMode === 'split' ? <ResizeHandle label="Resize editor and preview" {...drag((b, d) => ({ editorShare: Math.min(0.8, Math.max(0.2, b.editorShare + d / Math.max(1, mainWidth))) }))} /> : null}
              <div className="pane pane--preview" style={{ flexBasis: `${(1 - editorShare) * 100}%` }}>
                <PanelBoundary name="preview" resetKey={parsed}><PreviewPane parsed={hasPost ? parsed : null} blockKeys={reply?.blockKeys ?? null} blockLines={reply?.blockLines ?? []} siteFileBase={siteFileBase} openExternal={openExternal} openSitePath={openSitePath} scrollRef={previewRef} loading={hasPost && !reply} parseMs={reply?.ms} anchorLinks={ws.site?.parse?.options.markdown?.anchorLinks} proseTags={ws.site?.parse?.proseTags} family={ws.site?.parse?.family} loadRemoteMedia={ws.site?.settings.loadRemoteMedia} slow={hasPost ? slow : null} onRevealLine={revealLine} /></PanelBoundary>
              </div>
            </>
          ) : null}
        </div>
      </div>
      <StatusBar file={ws.active} saveState={ws.saveState} saveError={ws.saveError} stats={hasPost ? reply?.stats ?? null : null} cursor={hasPost ? cursor : null} onSaveClick={onSave} onConflictClick={() => undefined}
        problems={hasPost && findings ? countFindings(findings) : null} onProblemsClick={() => toggle('showProblems')} frontmatterInvalid={!!fmError}
        target={ws.site?.parseDescription} targetNotices={targetNotices} />
      <Toasts toasts={ws.toasts} onDismiss={(id) => store.dismissToast(id)} />
      {ws.conflict && ws.active ? (
        <ConflictDialog file={ws.active} mine={store.textOf(ws.active) ?? ''} disk={ws.conflict.diskText} onReload={() => store.resolveReload()} onKeepMine={() => void store.resolveKeepMine()}
          onKeepMerged={(t) => void store.resolveKeepMerged(t)} />
      ) : null}
      {ws.recovery.length && !ws.conflict ? <RecoveryDialog entries={ws.recovery} onRestore={() => void store.restoreRecovery()} onDiscard={() => void store.discardRecovery()} /> : null}
      {palette === 'quick-open' ? (
        <QuickSwitcher posts={switcherPosts} active={ws.active} onClose={() => setPalette(null)} restoreFocus={() => editor?.view.focus()}
          onOpen={(file) => { setPalette(null); void store.openPost(file).then(() => editor?.view.focus()) }} />
      ) : null}
      {palette === 'command-palette' ? (
        <CommandPalette commands={bindCommands(commandHandlers(), info?.mode === 'electron')} onClose={() => setPalette(null)} restoreFocus={() => editor?.view.focus()}
          onRun={(command) => { setPalette(null); command.run?.() }} />
      ) : null}
      {siteImages ? <SiteImagesDialog assets={store.services.assets} onOpenReference={openReference} onClose={() => setSiteImages(false)} notify={notify} /> : null}
      {dialog?.kind === 'export' ? (
        <ExportDialog publish={store.services.publish} file={dialog.file} saveFirst={saveActive} onProgress={store.onExportProgress} onJump={jumpToFinding} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'import-cache' ? (
        <ImportCacheDialog publish={store.services.publish} onCancel={() => setDialog(null)}
          onCreated={(file) => { setDialog(null); void store.refreshLibrary().then(() => store.openPost(file)); store.toast(`Created ${file} from the cache entry`) }} />
      ) : null}
      {dialog?.kind === 'new' ? <NewPostDialog siteIndex={ws.siteIndex} onCancel={() => setDialog(null)} onCreate={async (input) => { await store.createPost(input); setDialog(null) }} /> : null}
      {dialog?.kind === 'rename' ? <RenameDialog file={dialog.file} text={editor?.textOf(dialog.file) ?? ''} siteIndex={ws.siteIndex} onCancel={() => setDialog(null)} onRename={async (next) => { await store.renamePost(dialog.file, next); setDialog(null) }} /> : null}
      {dialog?.kind === 'trash' ? <TrashDialog load={() => store.services.post.trashList()} onRestore={(id) => store.restorePost(id)} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog title="Delete post?" message={`“${dialog.file}” will be moved to the trash.`} okLabel="Delete" danger onCancel={() => setDialog(null)}
          onOk={() => { const file = dialog.file; setDialog(null); void store.deletePost(file).catch((e) => store.toast(`Delete failed: ${e instanceof Error ? e.message : e}`, 'error')) }} />
      ) : null}
    </div>
  )
}
