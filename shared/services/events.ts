/** Events pushed from the host to the window (Electron IPC `inkpost:event`, or SSE at `/api/events`). */
export type InkpostEvent =
  | { type: 'post-changed'; file: string; kind: 'add' | 'change' | 'unlink'; version: string | null; mtime: number | null }
  | { type: 'post-renamed'; from: string; to: string }
  | { type: 'library-changed' }
  | { type: 'site-opened'; root: string }
  /** How far an export has come (for the Export dialog's progress bar). */
  | { type: 'export-progress'; done: number; total: number; step: string }
  /** A desktop menu command the window carries out (Electron only; e.g. File > New Post… opens the new-post dialog). */
  | { type: 'menu-command'; command: MenuCommand }

/** Commands the desktop app menu sends to the window as `menu-command` events. */
export type MenuCommand = 'new-post'
