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
