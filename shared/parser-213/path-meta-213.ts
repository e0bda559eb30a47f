import slugify from 'slugify'
import { withLeadingSlash, withoutTrailingSlash } from 'ufo'
import type { ContentOptions } from '../parser/content-options'
import { generateTitle, isDraftPath, isPartialPath, refineUrlPart } from '../parser/path-meta'

/** The `pathMeta` settings a 2.13 site gives its path-meta step. */
export interface PathMetaSettings213 {
  defaultLocale: string
  locales: string[]
  respectPathCase: boolean
}

/** From a site's options: the locales with the default one first, no duplicates; default locale `''` when none is set. */
export function pathMetaSettings213(options: ContentOptions = {}): PathMetaSettings213 {
  const locales = [...new Set([options.defaultLocale, ...(options.locales ?? [])].filter((l): l is string => Boolean(l)))]
  return { defaultLocale: options.defaultLocale || locales[0] || '', locales, respectPathCase: options.respectPathCase ?? false }
}

/** A file path → URL path: each segment refined and slugified (lower-cased unless `respectPathCase`). */
export function generatePath213(path: string, options: { forceLeadingSlash?: boolean; respectPathCase?: boolean } = {}): string {
  const slugged = path
    .split('/')
    .map(part => slugify(refineUrlPart(part), { lower: !options.respectPathCase }))
    .join('/')
  return options.forceLeadingSlash === false ? slugged : withLeadingSlash(withoutTrailingSlash(slugged))
}

/** `content:blog:post.md` → source `content`, stem `blog/post`, extension `md`, base name `post`. */
function describeContentId(id: string): { source: string; stem: string; extension: string | undefined; file: string; baseName: string } {
  const [source = '', ...parts] = id.split(':')
  const last = parts.length ? parts[parts.length - 1] : undefined
  const match = last === undefined ? null : /(.*)\.([^.]+)$/.exec(last)
  if (match) parts[parts.length - 1] = match[1]
  const stem = parts.join('/')
  const extension = match?.[2]
  return { source, stem, extension, file: extension ? `${stem}.${extension}` : stem, baseName: match?.[1] ?? '' }
}

/**
 * Adds what Nuxt Content 2.13's path-meta step adds, in its key order: `_path, _dir, _draft,
 * _partial, _locale`, the document's own keys, then `title` (from the file name when the document
 * has none), `_source, _file, _stem, _extension`. A first path segment that is one of the site's
 * locales becomes `_locale` and leaves the URL path.
 */
export function withPathMeta213(doc: Record<string, unknown>, id: string, settings: PathMetaSettings213): Record<string, unknown> {
  const { source, stem, extension, file, baseName } = describeContentId(id)
  const segments = stem.split('/')
  const locale = settings.locales.includes(segments[0]) ? (segments.shift() as string) : settings.defaultLocale
  const urlPath = generatePath213(segments.join('/'), { respectPathCase: settings.respectPathCase })
  return {
    _path: urlPath,
    _dir: urlPath.split('/').slice(-2)[0],
    _draft: doc._draft || doc.draft || isDraftPath(stem),
    _partial: isPartialPath(stem),
    _locale: locale,
    ...doc,
    title: doc.title || generateTitle(refineUrlPart(baseName)),
    _source: source,
    _file: file,
    _stem: stem,
    _extension: extension,
  }
}
