import { pascalCase } from 'scule'
import slugify from 'slugify'
import { withLeadingSlash, withoutTrailingSlash } from 'ufo'
import { PostParseFailure } from './post-parse-failure'

/** The pieces of a content id: source name, path without extension, extension, file path. */
export interface ContentIdParts {
  source: string
  path: string
  extension: string
  file: string
}

const VERSION_LIKE = /^(\d+)(\.\d+)*(\.x)?$/

/** Splits `content:blog:post.md` into `{source: 'content', path: 'blog/post', extension: 'md', file: 'blog/post.md'}`. */
export function splitContentId(id: string): ContentIdParts {
  const segments = id.split(':')
  const source = segments.shift() ?? ''
  const last = segments.length ? segments[segments.length - 1] : undefined
  const dot = last === undefined ? -1 : last.lastIndexOf('.')
  if (last === undefined || dot === -1 || dot === last.length - 1) {
    throw new PostParseFailure({ kind: 'parser', message: `Content id "${id}" does not end with a file name with an extension` })
  }
  segments[segments.length - 1] = last.slice(0, dot)
  const path = segments.join('/')
  const extension = last.slice(dot + 1)
  return { source, path, extension, file: `${path}.${extension}` }
}

/**
 * Cleans one path segment the way Nuxt Content does: a numeric ordering prefix (`1.`), an
 * `index` name and a `.draft` suffix are dropped; a version-like name (`1.2.x`) is kept.
 */
export function refineUrlPart(name: string): string {
  const last = name.split(/[/:]/).pop() ?? ''
  if (VERSION_LIKE.test(last)) return last
  const withoutOrder = /^\d+\./.test(last) ? last.slice(last.indexOf('.') + 1) : last
  return withoutOrder.replace(/^index(\.draft)?$/, '').replace(/\.draft$/, '')
}

/** Turns a relative file path into a URL path: each segment refined and slugified (lower-case unless `respectPathCase`). */
export function generatePath(path: string, options: { forceLeadingSlash?: boolean; respectPathCase?: boolean } = {}): string {
  const lower = !options.respectPathCase
  const slugged = path.split('/').map(part => slugify(refineUrlPart(part), { lower })).join('/')
  return options.forceLeadingSlash === false ? slugged : withLeadingSlash(withoutTrailingSlash(slugged))
}

/** A title made from a file name: `hello-world` → `Hello World`. */
export function generateTitle(name: string): string {
  return name.split(/[\s-]/g).map(word => pascalCase(word)).join(' ')
}

/** True for `.draft` files and folders (`guide.draft.md`, `x.draft/y.md`). */
export function isDraftPath(path: string): boolean {
  return /\.draft(\/|\.|$)/.test(path)
}

/** True when any path segment starts with `_` (partials are not pages). */
export function isPartialPath(path: string): boolean {
  return path.split(/[:/]/).some(part => part.startsWith('_'))
}

/** The path-meta transformer's options (`pathMeta` of the site's transform options). */
export interface PathMetaOptions {
  defaultLocale: string
  locales: string[]
  respectPathCase: boolean
}

/** A default site: no locales, `_locale: ''`, lower-cased paths. */
export const DEFAULT_PATH_META: Readonly<PathMetaOptions> = Object.freeze({ defaultLocale: '', locales: [], respectPathCase: false })

/**
 * The path-meta options a site's `content:` options give, as 2.7.2's module computes them: the
 * default locale joins the front of `locales` (deduplicated), an unset default locale is the first
 * locale, else `''`.
 */
export function pathMetaOptions(content: { defaultLocale?: string; locales?: string[]; respectPathCase?: boolean } = {}): PathMetaOptions {
  const locales = Array.from(new Set([content.defaultLocale, ...(content.locales ?? [])].filter(Boolean))) as string[]
  return { defaultLocale: content.defaultLocale || locales[0] || '', locales, respectPathCase: content.respectPathCase ?? false }
}

/**
 * Adds the path meta Nuxt Content's `path-meta` transformer adds, in its key order:
 * `_path, _dir, _draft, _partial, _locale`, then the document's own keys, then `title` (from the
 * file name when the document has none), `_source, _file, _extension`. A first path segment that
 * is one of `locales` is the locale (and leaves the URL path); otherwise the default locale.
 */
export function withPathMeta(doc: Record<string, unknown>, id: string, options: PathMetaOptions = DEFAULT_PATH_META): Record<string, unknown> {
  const { source, path, extension, file } = splitContentId(id)
  const segments = path.split('/')
  const locale = options.locales.includes(segments[0]) ? (segments.shift() as string) : options.defaultLocale
  const urlPath = generatePath(segments.join('/'), { respectPathCase: options.respectPathCase })
  const draftFlag = doc._draft
  const lastSegment = segments[segments.length - 1]
  if (!doc.title && lastSegment === undefined) {
    // `content/en.md` with locale `en`: the site's title-from-file-name step throws here too
    throw new PostParseFailure({ kind: 'parser', message: `Cannot make a title for "${file}": its only path segment is the locale "${locale}"; give it a title` })
  }
  return {
    _path: urlPath,
    _dir: urlPath.split('/').slice(-2)[0],
    _draft: draftFlag === undefined || draftFlag === null ? isDraftPath(path) : draftFlag,
    _partial: isPartialPath(path),
    _locale: locale,
    ...doc,
    title: doc.title || generateTitle(refineUrlPart(lastSegment)),
    _source: source,
    _file: file,
    _extension: extension,
  }
}
