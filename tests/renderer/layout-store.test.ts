// The layout store's view modes, panel limits and migration of the old fixed form height.
import { describe, expect, it } from 'vitest'
import { DEFAULT_LAYOUT, clampPanel, isViewModeShortcut, loadLayout, nextViewMode, saveLayout, viewModeOf, viewModeShortcutLabel, withViewMode } from '../../renderer/state/layout-store'

function memoryStorage() {
  const data = new Map<string, string>()
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) }
}

describe('view modes', () => {
  it('maps showPreview/previewOnly to a mode and back', () => {
    expect(viewModeOf(DEFAULT_LAYOUT)).toBe('split')
    expect(viewModeOf(withViewMode(DEFAULT_LAYOUT, 'editor'))).toBe('editor')
    expect(withViewMode(DEFAULT_LAYOUT, 'editor').showPreview).toBe(false)
    expect(withViewMode(DEFAULT_LAYOUT, 'preview')).toMatchObject({ showPreview: true, previewOnly: true })
    expect(viewModeOf({ ...DEFAULT_LAYOUT, showPreview: false, previewOnly: true }), 'no preview means editor only').toBe('editor')
  })
  it('cycles split → editor → preview → split', () => {
    expect([nextViewMode('split'), nextViewMode('editor'), nextViewMode('preview')]).toEqual(['editor', 'preview', 'split'])
  })
  it('recognises Ctrl/Cmd+Shift+E by key position only', () => {
    const key = { ctrlKey: true, metaKey: false, shiftKey: true, altKey: false, code: 'KeyE' }
    expect(isViewModeShortcut(key)).toBe(true)
    expect(isViewModeShortcut({ ...key, ctrlKey: false, metaKey: true })).toBe(true)
    expect(isViewModeShortcut({ ...key, shiftKey: false })).toBe(false)
    expect(isViewModeShortcut({ ...key, altKey: true })).toBe(false)
    expect(isViewModeShortcut({ ...key, code: 'KeyR' })).toBe(false)
    expect(viewModeShortcutLabel('MacIntel')).toBe('⌘⇧E')
    expect(viewModeShortcutLabel('Linux x86_64')).toBe('Ctrl+Shift+E')
  })
})

describe('panel sizes', () => {
  it('clamps dragged sizes to the panel limits', () => {
    expect(clampPanel('libraryWidth', 10)).toBe(180)
    expect(clampPanel('outlineWidth', 9999)).toBe(500)
    expect(clampPanel('assetsWidth', 250.4)).toBe(250)
  })
  it('remembers the view mode and a dragged form height; the form starts at its natural height', () => {
    const storage = memoryStorage()
    expect(loadLayout(storage).frontmatterHeight).toBeNull()
    saveLayout({ ...withViewMode(DEFAULT_LAYOUT, 'preview'), frontmatterHeight: 240 }, storage)
    expect(loadLayout(storage)).toMatchObject({ showPreview: true, previewOnly: true, frontmatterHeight: 240 })
    // the old fixed 300 px default (capped form with its own scrollbar) becomes the natural height
    storage.data.set('inkpost.layout.v1', JSON.stringify({ frontmatterHeight: 300 }))
    expect(loadLayout(storage).frontmatterHeight).toBeNull()
  })
})
