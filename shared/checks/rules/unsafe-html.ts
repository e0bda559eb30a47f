import { findingAt, type CheckInput, type CheckRule } from '../check-input'
import type { Finding } from '../finding'
import { postSource } from '../post-source'
import type { SourceAttribute } from '../scan-html-tags'
import { decodeEntities } from '../scan-link-destinations'

/** Elements that run or embed active content. */
const UNSAFE_ELEMENTS: Record<string, string> = {
  script: 'runs code in every reader\'s browser',
  iframe: 'embeds another page, which can run scripts, track readers or imitate a login form',
  object: 'embeds a plugin or another document that can run code',
  embed: 'embeds a plugin or another document that can run code',
}
/** Attributes whose value is a URL the browser follows or loads. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'cite', 'to', 'srcset', 'lowsrc', 'dynsrc'])
const UNSAFE_SCHEME = /^(javascript:|vbscript:|data:text\/html)/
const ALLOW_HINT = 'If this site trusts such HTML, set "allowUnsafeHtml": true in inkpost.config.json.'

/** The scheme a browser would see: entities decoded, control characters and spaces removed, lower-cased; null when safe. */
function unsafeScheme(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  const seen = decodeEntities(value).replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase()
  return UNSAFE_SCHEME.exec(seen)?.[1] ?? null
}

function attributeFindings(input: CheckInput, element: string, attributes: SourceAttribute[]): Finding[] {
  const out: Finding[] = []
  for (const attribute of attributes) {
    if (/^on[a-z]/.test(attribute.name)) {
      let removeFrom = attribute.from
      while (removeFrom > 0 && /[ \t]/.test(input.text[removeFrom - 1])) removeFrom--
      out.push(findingAt(input, 'unsafe-html', {
        severity: 'error',
        message: `The ${attribute.name} event handler on <${element}> runs code when readers interact with the page; the site removes on* attributes, so it does nothing there either. Remove it (use a component for interactive content). ${ALLOW_HINT}`,
        from: attribute.from,
        to: attribute.to,
        fix: { label: `Remove ${attribute.name}`, edits: [{ from: removeFrom, to: attribute.to, insert: '' }] },
      }))
      continue
    }
    if (!URL_ATTRIBUTES.has(attribute.name)) continue
    const values = attribute.name === 'srcset' ? attribute.value.split(',').map((part) => part.trim().split(/\s+/)[0]) : [attribute.value]
    const scheme = values.map(unsafeScheme).find((found) => found !== null)
    if (!scheme) continue
    out.push(findingAt(input, 'unsafe-html', {
      severity: 'error',
      message: `The ${attribute.name} of <${element}> is a ${scheme} URL, which runs code (or opens a script-carrying page) when followed; the site removes it, leaving a dead ${element === 'a' ? 'link' : 'element'}. Use an https:// or site URL instead. ${ALLOW_HINT}`,
      from: attribute.valueFrom,
      to: attribute.valueTo,
    }))
  }
  return out
}

/**
 * Active content in a post: `<script>`, `<iframe>`, `<object>`, `<embed>` (as HTML or MDC
 * components), `on*` event handlers, and `javascript:` / `vbscript:` / `data:text/html` URLs in
 * any URL attribute or markdown link/image. Found in the source with code masked, since the parser
 * already drops handlers and script URLs from its tree. Not reported when the site allows unsafe HTML.
 */
export const unsafeHtml: CheckRule = {
  id: 'unsafe-html',
  run(input) {
    if (input.site.allowUnsafeHtml) return []
    const source = postSource(input)
    const findings: Finding[] = []
    for (const tag of source.htmlTags) {
      const why = UNSAFE_ELEMENTS[tag.tag]
      if (why) {
        findings.push(findingAt(input, 'unsafe-html', {
          severity: 'error',
          message: `<${tag.tag}> ${why}. Remove it, or use a component the site provides for this content. ${ALLOW_HINT}`,
          from: tag.from,
          to: tag.to,
        }))
      }
      findings.push(...attributeFindings(input, tag.tag, tag.attributes))
    }
    for (const block of source.mdcBlocks) {
      const why = UNSAFE_ELEMENTS[block.component]
      if (why) {
        findings.push(findingAt(input, 'unsafe-html', {
          severity: 'error',
          message: `The MDC component :${block.component} renders <${block.component}>, which ${why}. Remove it. ${ALLOW_HINT}`,
          from: block.from,
          to: block.to,
        }))
      }
      findings.push(...attributeFindings(input, block.component, block.attributes))
    }
    for (const destination of source.destinations) {
      const scheme = unsafeScheme(destination.url)
      if (!scheme) continue
      const what = destination.kind === 'image' ? 'image' : 'link'
      findings.push(findingAt(input, 'unsafe-html', {
        severity: 'error',
        message: `The markdown ${what} "${destination.raw}" is a ${scheme} URL, which runs code when followed; the site removes it, leaving a dead ${what}. Use an https:// or site URL instead. ${ALLOW_HINT}`,
        from: destination.from,
        to: destination.to,
      }))
    }
    return findings
  },
}
