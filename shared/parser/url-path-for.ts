import { contentIdFor } from './content-id-for'
import { tryParsePost } from './parse-post'

/**
 * The URL path Nuxt Content 2.7 gives a post file from its name alone (`blog/a.md` → `/blog/a`,
 * `notes/한글-메모.md` → `/notes`): the path meta of an empty parse, so it never costs a real parse.
 * '' when the name gives none.
 */
export function urlPathFor(relativeFile: string): string {
  const parsed = tryParsePost('', { id: contentIdFor(relativeFile) }).parsed
  return parsed && typeof parsed._path === 'string' ? parsed._path : ''
}
