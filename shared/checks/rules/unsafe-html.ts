import { findingAt, type CheckInput, type CheckRule } from '../check-input'
import type { Finding } from '../finding'
import { postSource } from '../post-source'
import type { SourceAttribute } from '../scan-html-tags'
import { decodeEntities } from '../scan-link-destinations'
import { cleanUrl, judgeUrl, judgeUrlAttribute, URL_ATTRIBUTES, type UrlContext, type UrlJudgement } from '../../render/url-policy'

/** Elements that run or embed active content. */
const UNSAFE_ELEMENTS: Record<string, string> = {
  script: 'runs code in every reader\'s browser',
  iframe: 'embeds another page, which can run scripts, track readers or imitate a login form',
  object: 'embeds a plugin or another document that can run code',
  embed: 'embeds a plugin or another document that can run code',
}
const ALLOW_HINT = 'If this site trusts such HTML, set "allowUnsafeHtml": true in inkpost.config.json.'

/** What the URL policy (shared/render/url-policy.ts) says is wrong with a URL as the browser would see it (entities decoded); null when nothing is. */
type UrlProblem = { kind: 'script'; scheme: string } | { kind: 'refused'; scheme: string } | { kind: 'disguised'; url: string }

/** Judges a URL written in the source: a script-capable scheme, another refused scheme, or a `/\\host` that looks like a site path. */
function urlProblem(value: string, judged: UrlJudgement | null): UrlProblem | null {
  if (!judged) return null
  const seen = decodeEntities(value)
  if (!judged.allowed) {
    if (judged.host) return { kind: 'disguised', url: `https://${judged.host}` }
    if (!judged.scheme) return null
    const probe = cleanUrl(seen).replace(/[^\x21-\x7e]/g, '').toLowerCase()
    if (judged.scheme === 'javascript' || judged.scheme === 'vbscript') return { kind: 'script', scheme: `${judged.scheme}:` }
    if (judged.scheme === 'data' && /^data:(text\/html|application\/xhtml|image\/svg)/.test(probe)) return { kind: 'script', scheme: /^data:[^;,]*/.exec(probe)?.[0] ?? 'data:' }
    return { kind: 'refused', scheme: `${judged.scheme}:` }
  }
  return null
}

/** The attribute's problem by its name (`to` is NuxtLink's link prop); null when it carries no URL or the URL is fine. */
function attributeProblem(name: string, value: string): UrlProblem | null {
  if (name === 'to') return urlProblem(value, judgeUrl(decodeEntities(value), 'link'))
  if (!(name in URL_ATTRIBUTES)) return null
  if (name === 'srcset') {
    for (const part of decodeEntities(value).split(',')) {
      const url = part.trim().split(/\s+/)[0]
      const problem = url ? urlProblem(url, judgeUrl(url, 'media')) : null
      if (problem) return problem
    }
    return null
  }
  return urlProblem(value, judgeUrlAttribute(name, decodeEntities(value)))
}

/** The finding's message for a URL problem in `what` (e.g. `The href of <a>`, `The markdown link "x"`). */
function problemMessage(problem: UrlProblem, what: string, dead: string): { severity: 'error' | 'warning'; message: string } {
  if (problem.kind === 'script') return { severity: 'error', message: `${what} is a ${problem.scheme} URL, which runs code (or opens a script-carrying page) when followed; the site removes it, leaving a dead ${dead}. Use an https:// or site URL instead. ${ALLOW_HINT}` }
  if (problem.kind === 'refused') return { severity: 'warning', message: `${what} is a ${problem.scheme} URL; posts may link only to http, https, mailto, tel and site paths, and load media only from site paths, http(s) and raster data:image URLs, so the preview leaves a dead ${dead}. Use an https:// or site URL instead.` }
  return { severity: 'warning', message: `${what} looks like a site path but browsers read it as a URL of another host (${problem.url}); the preview leaves a dead ${dead}. Write the full https:// URL if that is meant, or a single / for a site path.` }
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
    const problem = attributeProblem(attribute.name, attribute.value)
    if (!problem) continue
    out.push(findingAt(input, 'unsafe-html', {
      ...problemMessage(problem, `The ${attribute.name} of <${element}>`, element === 'a' ? 'link' : 'element'),
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
      const context: UrlContext = destination.kind === 'image' ? 'media' : 'link'
      const problem = urlProblem(destination.url, judgeUrl(destination.url, context))
      if (!problem) continue
      const what = destination.kind === 'image' ? 'image' : 'link'
      findings.push(findingAt(input, 'unsafe-html', {
        ...problemMessage(problem, `The markdown ${what} "${destination.raw}"`, what),
        from: destination.from,
        to: destination.to,
      }))
    }
    return findings
  },
}
