import slugify from 'slugify'
import { contentIdFor, tryParsePost } from '../../parser/index'
import { generatePath, refineUrlPart } from '../../parser/path-meta'
import { baseName, findingAt, type CheckInput, type CheckRule } from '../check-input'
import { postSource } from '../post-source'
import { suggestedTitle } from '../suggested-title'

/** Longest slug the rename proposes (before the date prefix). */
const SLUG_LENGTH = 60

function pathOf(input: CheckInput): string {
  const parsed = input.outcome.parsed ?? tryParsePost('', { id: contentIdFor(input.file) }).parsed
  return typeof parsed?._path === 'string' ? parsed._path : ''
}

/** The post's date as YYYY-MM-DD, from the frontmatter or a date at the start of the file name. */
function dateOf(input: CheckInput): string | null {
  const value = postSource(input).frontmatter.data?.date
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) return value.trim().slice(0, 10)
  return /^(\d{4}-\d{2}-\d{2})/.exec(baseName(input.file))?.[1] ?? null
}

function latinSlug(text: string): string {
  const slug = slugify(text, { lower: true, strict: true })
  if (slug.length <= SLUG_LENGTH) return slug
  const cut = slug.slice(0, SLUG_LENGTH)
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut
}

/**
 * A Latin file name for the post that gives it a path of its own: the date (frontmatter or file
 * name) and a slug of the title's Latin words, else `post` — `blog/2024-01-16-post.md` — with a
 * `-2`, `-3`… suffix until neither the file nor its path is taken.
 */
function latinFileName(input: CheckInput): string {
  const dir = input.file.includes('/') ? input.file.slice(0, input.file.lastIndexOf('/') + 1) : ''
  const data = postSource(input).frontmatter.data
  const title = typeof data?.title === 'string' && data.title.trim() ? data.title : suggestedTitle(input)
  const date = dateOf(input)
  const words = latinSlug(title.replace(/^\d{4}-\d{2}-\d{2}/, '')) || 'post'
  const stem = date ? `${date}-${words}` : words
  const folderPath = generatePath(dir.replace(/\/$/, ''))
  const taken = (file: string) => {
    const path = generatePath(file.replace(/\.md$/, ''))
    return path === folderPath || input.site.posts.some((post) => post.file !== input.file && (post.file === file || post.path === path))
  }
  for (let n = 1; ; n++) {
    const candidate = `${dir}${stem}${n === 1 ? '' : '-' + n}.md`
    if (!taken(candidate) || n > 999) return candidate
  }
}

/**
 * The post's URL path is unusable: empty or `/` for a file that is not an index, the path of its
 * own folder (Nuxt Content 2 drops non-Latin characters, so `blog/두번째-글.md` gets `/blog`, the
 * path of `blog/index.md` and of the folder itself), or the path of another post. The site can
 * show only one page per path. The fix renames the file to a Latin slug that is free.
 */
export const urlPath: CheckRule = {
  id: 'url-path',
  run(input) {
    const path = pathOf(input)
    const name = baseName(input.file)
    const isIndex = refineUrlPart(name) === ''
    const dir = input.file.includes('/') ? input.file.slice(0, input.file.lastIndexOf('/')) : ''
    const folderPath = generatePath(dir)
    const others = input.site.posts.filter((post) => post.file !== input.file && post.path === path)
    const empty = path === '' || (!isIndex && path === folderPath)
    if (!empty && others.length === 0) return []
    const nonLatin = /[\u0080-\uffff]/.test(name)
    const why = nonLatin
      ? `Nuxt Content 2 builds the path from the file name and drops non-Latin characters, so "${name}" adds nothing to it`
      : `the file name "${name}" has no letters or digits the site keeps in a path`
    const clash = others.length ? `; ${others.map((post) => post.file).join(', ')} ${others.length === 1 ? 'has' : 'have'} the same path, and the site shows only one page per path` : ''
    const rename = latinFileName(input)
    let message: string
    if (empty) {
      const place = path === '' || path === '/' ? 'the home page' : `the folder ${dir}/ (its index page)`
      message = `This post gets the URL path ${path || '(empty)'}, which is the path of ${place}: ${why}${clash}. Rename the file to a Latin slug, e.g. ${rename}.`
    } else {
      message = `This post's URL path ${path} is also the path of ${others.map((post) => post.file).join(', ')}: the site shows only one page per path, so one of them cannot be reached${nonLatin ? ` (Nuxt Content 2 drops non-Latin characters from file names)` : ''}. Rename one of the files, e.g. this one to ${rename}.`
    }
    return [findingAt(input, 'url-path', { severity: 'error', message, from: 0, fix: { label: `Rename to ${rename}`, rename } })]
  },
}
