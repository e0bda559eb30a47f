import { viewModeOf, viewModeShortcutLabel, type Layout, type ViewMode } from '../state/layout-store'
import { withShortcut } from './app-commands'

/** Props of the toolbar. */
export interface ToolbarProps {
  layout: Layout
  title: string
  file: string | null
  onToggle: (key: 'showLibrary' | 'showOutline' | 'showFrontmatter' | 'showPreview' | 'showAssets') => void
  /** Switches between editor+preview, editor only and preview only. */
  onViewMode: (mode: ViewMode) => void
  onSave: () => void
  canSave: boolean
  /** Opens the Export dialog for the open post. */
  onExport?: () => void
  /** Opens the "site-cache entry → post" dialog. */
  onImportCache?: () => void
}

function Toggle({ testId, pressed, label, hint, onClick }: { testId: string; pressed: boolean; label: string; hint: string; onClick: () => void }) {
  return (
    <button type="button" className={pressed ? 'toggle is-on' : 'toggle'} data-testid={testId} aria-pressed={pressed} title={hint} onClick={onClick}>{label}</button>
  )
}

const VIEW_MODES: { mode: ViewMode; label: string; hint: string }[] = [
  { mode: 'editor', label: 'Editor', hint: 'Editor only' },
  { mode: 'split', label: 'Split', hint: 'Editor and preview side by side' },
  { mode: 'preview', label: 'Preview', hint: 'Preview only' },
]

/** The window's top bar: panel toggles, the open post's name, the view mode and a save button. */
export function Toolbar({ layout, title, file, onToggle, onViewMode, onSave, canSave, onExport, onImportCache }: ToolbarProps) {
  const mode = viewModeOf(layout)
  const shortcut = viewModeShortcutLabel()
  return (
    <header className="toolbar">
      <div className="toolbar__group">
        <span className="brand" aria-label="Inkpost" title={`${withShortcut('Go to post', 'quick-open')} · ${withShortcut('All commands', 'command-palette')}`}>Inkpost</span>
        <Toggle testId="toggle-library" pressed={layout.showLibrary} label="Library" hint="Show or hide the post library" onClick={() => onToggle('showLibrary')} />
        <Toggle testId="toggle-outline" pressed={layout.showOutline} label="Outline" hint="Show or hide the outline" onClick={() => onToggle('showOutline')} />
        <Toggle testId="toggle-assets" pressed={layout.showAssets} label="Images" hint="Show or hide the images of this post (drop or paste images into the editor to add figures)" onClick={() => onToggle('showAssets')} />
        <Toggle testId="toggle-frontmatter" pressed={layout.showFrontmatter} label="Frontmatter" hint="Show or hide the frontmatter form" onClick={() => onToggle('showFrontmatter')} />
      </div>
      <div className="toolbar__title" title={file ?? ''}>{file ? <><strong>{title || 'Untitled'}</strong><span className="muted"> — {file}</span></> : <span className="muted">Open a post from the library</span>}</div>
      <div className="toolbar__group">
        <div className="segmented" role="group" aria-label={`View (${shortcut} cycles)`}>
          {VIEW_MODES.map((m) => (
            <button key={m.mode} type="button" className={mode === m.mode ? 'segmented__item is-on' : 'segmented__item'} data-testid={`view-${m.mode}`} aria-pressed={mode === m.mode}
              title={`${m.hint} (${shortcut} cycles editor+preview → editor → preview)`} onClick={() => onViewMode(m.mode)}>{m.label}</button>
          ))}
        </div>
        {onImportCache ? <button type="button" className="small" data-testid="toolbar-import-cache" onClick={onImportCache} title="Open a site-cache entry (.nuxt/content-cache/…json) as a new post">Import…</button> : null}
        {onExport ? <button type="button" className="small" data-testid="toolbar-export" onClick={onExport} disabled={!canSave} title="Export a publish-ready bundle of this post">Export…</button> : null}
        <button type="button" className="primary small" onClick={onSave} disabled={!canSave} title={withShortcut('Save', 'save')}>Save</button>
      </div>
    </header>
  )
}
