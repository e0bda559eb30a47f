/** The remembered window layout: pane sizes and which panels are shown. */
export interface Layout {
  showLibrary: boolean
  showOutline: boolean
  showFrontmatter: boolean
  showPreview: boolean
  /** The images panel of the open post. */
  showAssets: boolean
  /** The problems panel (pre-publish checks) under the editor. */
  showProblems: boolean
  /** Library width in px. */
  libraryWidth: number
  /** Outline width in px. */
  outlineWidth: number
  /** Images panel width in px. */
  assetsWidth: number
  /** Share of the editor in the editor+preview area, 0.2–0.8. */
  editorShare: number
  /** Height of the frontmatter form in px once dragged; null = its natural height (every field shown). */
  frontmatterHeight: number | null
  /** With the preview shown, hide the editor (preview-only mode). */
  previewOnly: boolean
}

/** How the editor and the preview share the main area. */
export type ViewMode = 'split' | 'editor' | 'preview'

/** Drag limits of each panel in px (the CSS min-widths match the minimums so panels shrink, never vanish). */
export const PANEL_LIMITS = {
  libraryWidth: { min: 180, max: 600 },
  outlineWidth: { min: 140, max: 500 },
  assetsWidth: { min: 180, max: 500 },
  frontmatterHeight: { min: 120, max: 900 },
} as const

/** Clamps a dragged panel size to its {@link PANEL_LIMITS}. */
export function clampPanel(key: keyof typeof PANEL_LIMITS, value: number): number {
  return Math.round(Math.min(PANEL_LIMITS[key].max, Math.max(PANEL_LIMITS[key].min, value)))
}

/** The view mode a layout shows (editor only when the preview is hidden). */
export function viewModeOf(layout: Layout): ViewMode {
  if (!layout.showPreview) return 'editor'
  return layout.previewOnly ? 'preview' : 'split'
}

/** The layout switched to `mode`; other fields are kept. */
export function withViewMode(layout: Layout, mode: ViewMode): Layout {
  return { ...layout, showPreview: mode !== 'editor', previewOnly: mode === 'preview' }
}

/** The mode after `mode` in the cycle of the view-mode shortcut: split → editor only → preview only → split. */
export function nextViewMode(mode: ViewMode): ViewMode {
  return mode === 'split' ? 'editor' : mode === 'editor' ? 'preview' : 'split'
}

/** The view-mode shortcut as shown in tooltips (Cmd on macOS, Ctrl elsewhere). */
export function viewModeShortcutLabel(platform: string = typeof navigator === 'undefined' ? '' : navigator.platform): string {
  return /Mac|iPhone|iPad/.test(platform) ? '⌘⇧E' : 'Ctrl+Shift+E'
}

/** True for the view-mode shortcut: Ctrl/Cmd+Shift+E (matched by key position, so any keyboard layout works). */
export function isViewModeShortcut(event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'code'>): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.code === 'KeyE'
}

/** The layout of a first start. */
export const DEFAULT_LAYOUT: Layout = { showLibrary: true, showOutline: false, showFrontmatter: false, showPreview: true, showAssets: false, showProblems: false, libraryWidth: 280, outlineWidth: 220, assetsWidth: 260, editorShare: 0.5, frontmatterHeight: null, previewOnly: false }

const KEY = 'inkpost.layout.v1'

const clamp = (value: unknown, min: number, max: number, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback)

/** Reads the remembered layout from localStorage; anything missing or malformed falls back to the default. */
export function loadLayout(storage: Pick<Storage, 'getItem'> | null = typeof localStorage === 'undefined' ? null : localStorage): Layout {
  let saved: Partial<Layout> = {}
  try {
    saved = JSON.parse(storage?.getItem(KEY) ?? '{}') ?? {}
  } catch {
    saved = {}
  }
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d)
  return {
    showLibrary: bool(saved.showLibrary, DEFAULT_LAYOUT.showLibrary),
    showOutline: bool(saved.showOutline, DEFAULT_LAYOUT.showOutline),
    showFrontmatter: bool(saved.showFrontmatter, DEFAULT_LAYOUT.showFrontmatter),
    showPreview: bool(saved.showPreview, DEFAULT_LAYOUT.showPreview),
    showAssets: bool(saved.showAssets, DEFAULT_LAYOUT.showAssets),
    showProblems: bool(saved.showProblems, DEFAULT_LAYOUT.showProblems),
    libraryWidth: clamp(saved.libraryWidth, PANEL_LIMITS.libraryWidth.min, PANEL_LIMITS.libraryWidth.max, DEFAULT_LAYOUT.libraryWidth),
    outlineWidth: clamp(saved.outlineWidth, PANEL_LIMITS.outlineWidth.min, PANEL_LIMITS.outlineWidth.max, DEFAULT_LAYOUT.outlineWidth),
    assetsWidth: clamp(saved.assetsWidth, PANEL_LIMITS.assetsWidth.min, PANEL_LIMITS.assetsWidth.max, DEFAULT_LAYOUT.assetsWidth),
    editorShare: clamp(saved.editorShare, 0.2, 0.8, DEFAULT_LAYOUT.editorShare),
    // v1 layouts stored 300 (the old fixed default) before the form took its natural height
    frontmatterHeight: typeof saved.frontmatterHeight === 'number' && saved.frontmatterHeight !== 300 ? clamp(saved.frontmatterHeight, PANEL_LIMITS.frontmatterHeight.min, PANEL_LIMITS.frontmatterHeight.max, 300) : null,
    previewOnly: bool(saved.previewOnly, DEFAULT_LAYOUT.previewOnly),
  }
}

/** Remembers the layout (best effort: a full or disabled storage is ignored). */
export function saveLayout(layout: Layout, storage: Pick<Storage, 'setItem'> | null = typeof localStorage === 'undefined' ? null : localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(layout))
  } catch {
    // storage unavailable: the layout is simply not remembered
  }
}
