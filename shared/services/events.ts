/** Events pushed from the host to the window (Electron IPC `inkpost:event`, or SSE at `/api/events`). */
export type InkpostEvent =
  | { type: 'post-changed'; file: string; kind: 'add' | 'change' | 'unlink'; version: string | null; mtime: number | null }
  | { type: 'post-renamed'; from: string; to: string }
  | { type: 'library-changed' }
  | { type: 'site-opened'; root: string }
