import { classifyImageUrl, collectImageReferences, imageUrlPath, type ImageReference } from '../assets/image-references'
import { pagePathOf, type CheckInput } from './check-input'
import { resolveUrlPath } from './resolve-link'

/** An image the post shows from this site, with the site URL it resolves to and the public file (if it exists). */
export interface SiteImageReference {
  reference: ImageReference
  /** `site` for `/images/x.png`, `relative` for `./x.png` (resolved against the page URL). */
  kind: 'site' | 'relative'
  /** The site URL path the browser asks for (decoded, NFC). */
  url: string
  /** The public file served at that URL, when the site index knows it. */
  file: { src: string; bytes: number } | null
}

const cache = new WeakMap<CheckInput, SiteImageReference[]>()

/**
 * Every image reference of the post (markdown, HTML, MDC, frontmatter — see
 * `collectImageReferences`) that the site serves itself: site paths as written, relative ones
 * resolved against the post's page URL as a browser does. Remote (`https:`), inline (`data:`) and
 * other schemes are left out. Each comes with its public file when `site.publicFiles` lists it.
 */
export function siteImageReferences(input: CheckInput): SiteImageReference[] {
  const cached = cache.get(input)
  if (cached) return cached
  const parsed = input.outcome.parsed
  const out: SiteImageReference[] = []
  if (parsed) {
    const files = new Map((input.site.publicFiles ?? []).map((file) => [file.src.normalize('NFC'), file]))
    const base = pagePathOf(input)
    for (const reference of collectImageReferences(parsed, input.text)) {
      const kind = classifyImageUrl(reference.src)
      if (kind !== 'site' && kind !== 'relative') continue
      const url = imageUrlPath(resolveUrlPath(base, reference.src.trim()).path).normalize('NFC')
      out.push({ reference, kind, url, file: files.get(url) ?? null })
    }
  }
  cache.set(input, out)
  return out
}
