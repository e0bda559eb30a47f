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
  /** Height of the frontmatter form in px. */
  frontmatterHeight: number
}

/** The layout of a first start. */
export const DEFAULT_LAYOUT: Layout = { showLibrary: true, showOutline: false, showFrontmatter: false, showPreview: true, showAssets: false, showProblems: false, libraryWidth: 280, outlineWidth: 220, assetsWidth: 260, editorShare: 0.5, frontmatterHeight: 300 }

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
    libraryWidth: clamp(saved.libraryWidth, 180, 600, DEFAULT_LAYOUT.libraryWidth),
    outlineWidth: clamp(saved.outlineWidth, 140, 500, DEFAULT_LAYOUT.outlineWidth),
    assetsWidth: clamp(saved.assetsWidth, 200, 500, DEFAULT_LAYOUT.assetsWidth),
    editorShare: clamp(saved.editorShare, 0.2, 0.8, DEFAULT_LAYOUT.editorShare),
    frontmatterHeight: clamp(saved.frontmatterHeight, 120, 900, DEFAULT_LAYOUT.frontmatterHeight),
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
