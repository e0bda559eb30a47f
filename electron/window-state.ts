// Remembered window bounds: a small JSON file in the app's data folder. Plain Node, no Electron,
// so it is tested directly; a missing or damaged file just means "use the defaults".
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** Position and size of the window, plus whether it was maximized. */
export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

/** Size of a first window. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false }
/** Smallest size the window accepts (three panes still fit). */
export const MIN_WINDOW_SIZE = { width: 720, height: 480 }

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000

/** Parses a saved state; anything malformed falls back to the defaults, field by field. */
export function parseWindowState(json: string): WindowState {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    return { ...DEFAULT_WINDOW_STATE }
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE }
  const r = raw as Record<string, unknown>
  const state: WindowState = {
    width: isInt(r.width) ? Math.max(MIN_WINDOW_SIZE.width, r.width) : DEFAULT_WINDOW_STATE.width,
    height: isInt(r.height) ? Math.max(MIN_WINDOW_SIZE.height, r.height) : DEFAULT_WINDOW_STATE.height,
    maximized: r.maximized === true,
  }
  if (isInt(r.x) && isInt(r.y)) {
    state.x = r.x
    state.y = r.y
  }
  return state
}

/** A display's usable area, as Electron's `screen.getAllDisplays()[i].workArea` gives it. */
export interface Area { x: number; y: number; width: number; height: number }

/**
 * Drops the saved position when the window would not be visible on any current display (a
 * monitor was unplugged), keeping the size; the window is then centred by the OS.
 */
export function fitToDisplays(state: WindowState, workAreas: Area[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state
  const { x, y } = state
  const visible = workAreas.some((a) => x + 100 <= a.x + a.width && x + state.width - 100 >= a.x && y >= a.y - 10 && y + 40 <= a.y + a.height)
  if (visible) return state
  const { x: _x, y: _y, ...rest } = state
  return rest
}

/** Reads the state file synchronously (called once before the window opens). */
export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(readFileSync(file, 'utf8'))
  } catch {
    return { ...DEFAULT_WINDOW_STATE }
  }
}

/**
 * Writes the state file (temp file + rename, so a crash never leaves half a file). Synchronous on
 * purpose: it runs as the window closes, when the app may quit before async work completes.
 * Returns false when the folder is not writable (the bounds are then simply not remembered).
 */
export function saveWindowState(file: string, state: WindowState): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(state))
    renameSync(temp, file)
    return true
  } catch {
    return false
  }
}
