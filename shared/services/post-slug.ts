import anyAscii from 'any-ascii'

/** Longest slug derived from a title (the date prefix comes on top). */
export const MAX_SLUG_LENGTH = 60

/** Emoji, pictographs and other symbols: transliterated they only give `:tada:`-like words, never a real slug. */
const SYMBOLS = /[\p{Extended_Pictographic}\p{S}\u{1F1E6}-\u{1F1FF}]|\u200d|\ufe0f|\u20e3/gu

/**
 * The file-name slug for a title (or a slug typed by hand): transliterated to ASCII with `any-ascii`
 * (Korean "두번째 글" → `dubeonjjae-geul`), lower-cased, every run of non-alphanumerics turned into
 * `-`, trimmed, at most 60 characters (cut at a `-` when possible). Emoji and symbols are dropped
 * first, so a title of only emoji or symbols gives '' — the caller must then ask for a slug.
 */
export function postSlug(title: string): string {
  // an apostrophe joins its word ("Nuxt's" → nuxts), as slugify does for Nuxt's own paths
  const ascii = anyAscii(title.normalize('NFC').replace(SYMBOLS, ' ').replace(/['’]/g, ''))
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  const cut = slug.slice(0, MAX_SLUG_LENGTH)
  return (cut.lastIndexOf('-') > MAX_SLUG_LENGTH / 2 ? cut.slice(0, cut.lastIndexOf('-')) : cut).replace(/-+$/, '')
}

/** True when `slug` is already in the form `postSlug` gives (lower-case ASCII words joined by single `-`). */
export function isPostSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= MAX_SLUG_LENGTH * 2 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)
}

/** The file name a new post gets, the site's `YYYY-MM-DD-slug.md` convention (with `-N` before `.md` for the n-th free name). */
export function postFileName(date: string, slug: string, n = 1): string {
  return `${date}-${slug}${n === 1 ? '' : `-${n}`}.md`
}

/** The date prefix (`YYYY-MM-DD-`) of a post file's base name, or '' when it has none. */
export function datePrefixOf(baseName: string): string {
  return /^\d{4}-\d{2}-\d{2}-/.exec(baseName)?.[0] ?? ''
}

/**
 * The content folders posts can go in, from the files of the site's posts (`blog/a.md` → `blog`,
 * every parent folder too), sorted, always including '' (the content folder itself) and `fallback`
 * (the folder new posts go to by default).
 */
export function contentFolders(files: readonly string[], fallback = 'blog'): string[] {
  const folders = new Set<string>(['', fallback])
  for (const file of files) {
    const parts = file.split('/').slice(0, -1)
    for (let i = 1; i <= parts.length; i++) folders.add(parts.slice(0, i).join('/'))
  }
  return [...folders].sort((a, b) => a.localeCompare(b))
}
