import { findingAt, pagePathOf, type CheckRule } from '../check-input'
import type { Finding } from '../finding'
import { locateLinks } from '../locate-links'
import { lookUpLink, resolveLink } from '../resolve-link'

/**
 * An internal link to a post or file the site does not have. Links are resolved as the site does
 * (see `resolveLink`): absolute paths as they are, relative ones against the page URL, markdown
 * links to `.md` files against the post's file. External links and same-page `#anchors` are not
 * this rule's business (`broken-anchor` checks anchors).
 */
export const brokenLink: CheckRule = {
  id: 'broken-link',
  run(input) {
    const pagePath = pagePathOf(input)
    const findings: Finding[] = []
    for (const link of locateLinks(input)) {
      if (link.href.trim() === '' || link.href.trim().startsWith('#')) continue
      const target = resolveLink(link.href, { file: input.file, pagePath }, link.markdownUrl)
      if (target.kind === 'external') continue
      const lookup = lookUpLink(input.site, target)
      if (lookup.found !== false) continue
      let what: string
      if (target.kind === 'outside') what = `it climbs out of the content folder`
      else if (target.kind === 'post-file') what = `there is no post ${target.file} in the content folder (a link to a .md file names a post file relative to this one, ${input.file})`
      else {
        const relative = !link.href.trim().startsWith('/')
        const via = relative ? `on the site it leads to ${target.path} (a relative link is resolved against this page's URL, ${pagePath}), but ` : ''
        what = `${via}no post has the path ${target.path} and the public folder has no such file`
      }
      const reason = lookup.reason ? ` (${lookup.reason})` : ''
      const suggestion = lookup.suggestion
      const advice = suggestion ? ` Did you mean ${suggestion}?` : ' Fix the link or create the post or file it points to.'
      const canFix = suggestion !== undefined && link.located && target.kind === 'page'
      findings.push(findingAt(input, 'broken-link', {
        severity: 'error',
        message: `Broken link "${link.written}": ${what}${reason}.${advice}`,
        from: link.from,
        to: link.to,
        ...(canFix ? { fix: { label: `Link to ${suggestion}`, edits: [{ from: link.from, to: link.to, insert: suggestion + (target.hash ? '#' + target.hash : '') }] } } : {}),
      }))
    }
    return findings
  },
}
