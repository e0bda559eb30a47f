/** Characters the site's slugger (github-slugger, via rehype-slug) removes: everything but letters, marks, numbers, `_`, `-` and spaces. */
const DROPPED = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu

/**
 * The id the site gives a heading with this text before it makes ids unique with `-1`, `-2`…
 * suffixes: lower-cased, punctuation and symbols dropped, spaces to `-`, then cleaned as Nuxt
 * Content does (dashes collapsed and trimmed, a leading digit prefixed with `_`):
 * `1. Pre-Training` → `_1-pre-training`. Headings with the same slug collide.
 */
export function headingSlug(text: string): string {
  const slug = text.toLowerCase().replace(DROPPED, '').replace(/ /g, '-')
  return slug.replace(/-+/g, '-').replace(/-$/, '').replace(/^-/, '').replace(/^(\d)/, '_$1')
}
