/** Reads the post file from a deep-link hash `#/post/<file>` (segments may be URL-encoded), or null. */
export function fileFromHash(hash: string): string | null {
  const m = /^#\/post\/(.+)$/.exec(hash)
  if (!m) return null
  try {
    const file = m[1].split('/').map((segment) => decodeURIComponent(segment)).join('/')
    if (file.split('/').some((s) => s === '..' || s === '.' || s === '')) return null
    return file
  } catch {
    return null
  }
}

/** The deep-link hash for a post file, each segment URL-encoded. */
export function hashForFile(file: string): string {
  return '#/post/' + file.split('/').map(encodeURIComponent).join('/')
}
