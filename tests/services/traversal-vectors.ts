// Path traversal vectors shared by the service and HTTP routing tests.

/** Traversal vectors every path from the UI must be refused with (raw, as a service argument or a URL path after a prefix). */
export const TRAVERSAL_VECTORS = [
  '../../etc/passwd',
  '..',
  'blog/../../etc/passwd',
  'blog/../../../x.md',
  './blog/x.md',
  'blog/./x.md',
  '%2e%2e/%2e%2e/etc/passwd',
  '%2E%2E/secret.md',
  'blog/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%252e%252e/%252e%252e/etc/passwd',
  '..%2fetc%2fpasswd',
  '..%5c..%5cwindows',
  '..\\..\\etc\\passwd',
  'blog\\x.md',
  '/etc/passwd',
  '//server/share/x.md',
  'C:/Windows/win.ini',
  'c:\\Windows\\win.ini',
  'C:x.md',
  'blog/x.md\0.png',
  'blog/x%00.md',
  'blog//x.md',
  'blog/',
]

/**
 * More service-argument vectors (issue 12, item 4): UNC and drive paths with backslashes, Unicode
 * look-alikes of dots and slashes, a newline, literal overlong-UTF-8 escapes, and the symlinks the
 * canary fixture plants in `content/` (see traversal-canary.ts).
 */
export const MORE_SERVICE_VECTORS = [
  '\\\\server\\share\\x.md',
  'C:\\x.md',
  '\u2024\u2024/\u2024\u2024/outside/canary.md',
  '\u2025/outside/canary.md',
  '\uff0e\uff0e/\uff0e\uff0e/outside/canary.md',
  'blog\uff0f..\uff0f..\uff0f..\uff0foutside\uff0fcanary.md',
  'blog\uff3c..\uff3ccanary.md',
  'blog/x\n.md',
  'blog/x\r\n/../../x.md',
  '%c0%ae%c0%ae/%c0%ae%c0%ae/outside/canary.md',
  '%e0%80%ae%e0%80%ae/outside/canary.md',
  'blog/link-out.md',
  'link-dir/canary.md',
]

/**
 * URL-path vectors for the image route and the Electron protocol handler, written after the route
 * prefix (`/site-file/<key>/`, `inkpost-site://site/`). `OUTSIDE` is replaced by the absolute path
 * of the canary folder; the `link-*` names are symlinks the canary fixture plants in `public/`.
 */
export const URL_PATH_VECTORS = [
  '../../outside/canary.txt',
  'images/../../../outside/canary.txt',
  '%2e%2e/%2e%2e/outside/canary.txt',
  '%2E%2E/%2E%2E/outside/canary.txt',
  '.%2e/.%2e/outside/canary.txt',
  '%252e%252e/%252e%252e/outside/canary.txt',
  '%25252e%25252e/outside/canary.txt',
  '..%2f..%2foutside%2fcanary.txt',
  '..%5c..%5coutside%5ccanary.txt',
  '..\\..\\outside\\canary.txt',
  'images%5c..%5c..%5c..%5coutside%5ccanary.txt',
  '/OUTSIDE/canary.txt',
  '%2fOUTSIDE%2fcanary.txt',
  'C:%5cWindows%5cwin.ini',
  'C:/Windows/win.ini',
  '%5c%5cserver%5cshare%5cx.png',
  '\\\\server\\share\\x.png',
  'images/x.png%00.txt',
  '%00/outside/canary.txt',
  '%c0%ae%c0%ae/%c0%ae%c0%ae/outside/canary.txt',
  '%e0%80%ae%e0%80%ae/outside/canary.txt',
  '..%c0%af..%c0%afoutside%c0%afcanary.txt',
  '%E2%80%A4%E2%80%A4/%E2%80%A4%E2%80%A4/outside/canary.txt',
  '%E2%80%A5/%E2%80%A5/outside/canary.txt',
  '%EF%BC%8E%EF%BC%8E/%EF%BC%8E%EF%BC%8E/outside/canary.txt',
  '..%EF%BC%8F..%EF%BC%8Foutside%EF%BC%8Fcanary.txt',
  '..%EF%BC%BC..%EF%BC%BCoutside%EF%BC%BCcanary.txt',
  'images/x%0a.png',
  'images%0a/%2e%2e/canary.txt',
  'link-out.png',
  'link-dir/canary.txt',
  'images/link-dir/canary.txt',
]
