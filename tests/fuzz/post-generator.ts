// A seeded generator of markdown / MDC / HTML posts for the differential fuzz (issue 12, item 6):
// the same seed always gives the same post. Weighted toward the constructs where parser bugs have
// lived: MDC labels and components, raw HTML, fences holding nesting-like text, frontmatter types.

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Picking helpers over one seeded stream. */
class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    let total = 0
    for (const [w] of items) total += w
    let r = this.next() * total
    for (const [w, v] of items) {
      r -= w
      if (r < 0) return v
    }
    return items[items.length - 1][1]
  }
}

const WORDS = ['alpha', 'beta', 'Gamma', 'delta', 'x', 'y', 'foo', 'bar', 'note', 'the', 'a', 'is', '한글', '문서', '테스트', '🚀', '😀', '👍🏽', 'naïve', 'café', 'word\u00a0nbsp', '1', '42', '2024-01-01', 'e.g.', '—', '…']
const PUNCT = ['[', ']', '(', ')', '{', '}', '*', '_', '`', '~', ':', '::', '#', '!', '<', '>', '&', '&amp;', '&#x41;', '\\', '\\[', '|', '"', "'", '=', '.', ',', '-', '+', '^', '@', '$']
const NAMES = ['note', 'alert', 'card', 'badge', 'icon', 'callout', 'Tip', 'my-comp', 'x', 'html', 'div', 'span', 'img', 'a', 'p', 'script', 'b', 'code', 'tabs']
const TAGS = ['div', 'span', 'b', 'i', 'em', 'p', 'a', 'img', 'br', 'table', 'tr', 'td', 'details', 'summary', 'figure', 'figcaption', 'pre', 'code', 'ul', 'li', 'sup', 'u', 'section', 'video', 'script', 'style', 'textarea', 'html', 'body', 'head', 'template', 'svg', 'math']
const LANGS = ['', 'js', 'ts', 'md', 'markdown', 'yaml', 'python', 'sh', 'js [file.js]', 'ts {1,3-4}', 'vue [a.vue] {2}', 'js{1}', 'mdc', '{.cls}', 'json meta=1']

/** Attribute lists for `{…}` after components and spans. */
function attributes(d: Dice): string {
  const parts: string[] = []
  const n = d.int(0, 3)
  for (let i = 0; i < n; i++) {
    parts.push(d.weighted([
      [3, `.${d.pick(['cls', 'a', 'b', 'text-red', 'x-1'])}`],
      [2, `#${d.pick(['id1', 'top', 'x', '한'])}`],
      [3, `${d.pick(['title', 'name', 'href', 'src', 'data-x', 'size', 'type', 'class', 'style', 'onclick'])}="${d.pick(['v', '1', 'a b', '/x', 'javascript:alert(1)', '', '한'])}"`],
      [1, `:${d.pick(['count', 'items', 'flag'])}='${d.pick(['1', '[1,2]', '{"a":1}', 'true', 'bad json'])}'`],
      [1, d.pick(['bool', 'src', 'disabled'])],
      [1, `${d.pick(['a', 'b'])}=${d.pick(['1', 'x', 'true'])}`],
    ]))
  }
  return `{${parts.join(' ')}}`
}

/** One inline run: words with emphasis, links, autolinks, spans, inline components, HTML, bindings. */
function inline(d: Dice, depth = 0): string {
  const out: string[] = []
  const n = d.int(1, depth ? 3 : 5)
  for (let i = 0; i < n; i++) {
    const piece = d.weighted<() => string>([
      [10, () => d.pick(WORDS)],
      [2, () => d.pick(PUNCT)],
      [2, () => (depth < 2 ? `${d.pick(['*', '**', '_', '__', '~~', '***'])}${inline(d, depth + 1)}${d.pick(['*', '**', '_', '__', '~~', '***', ''])}` : 'em')],
      [2, () => `\`${d.pick(['code', 'a[b', '::x', '<b>', '`'])}\``],
      [2, () => `[${depth < 2 ? inline(d, depth + 1) : 'link'}](${d.pick(['https://example.com', '/blog/x', './a.md', '#h', 'mailto:a@b.c', '<a b>', 'x "t"', ''])})`],
      [1, () => `![${d.pick(['alt', '', '한'])}](${d.pick(['/images/a.png', 'b.jpg', 'https://x.y/z.gif'])})`],
      [1, () => d.pick(['https://example.com/path?q=1', 'www.example.com', '<https://a.b>', 'user@example.com', '<me@x.org>', 'http://x.y.'])],
      [1, () => `[^${d.pick(['1', 'n', 'x'])}]`],
      [3, () => `[${depth < 2 ? inline(d, depth + 1) : 'x'}]${d.chance(0.6) ? attributes(d) : ''}`],
      [3, () => `:${d.pick(NAMES)}${d.chance(0.5) ? `[${depth < 2 ? inline(d, depth + 1) : 'lbl'}]` : ''}${d.chance(0.5) ? attributes(d) : ''}`],
      [1, () => `{{ ${d.pick(['$doc.title', 'name', 'a.b', 'x || "y"'])} }}`],
      [2, () => `<${d.pick(TAGS)}${d.chance(0.3) ? ` class="${d.pick(['a', 'b a'])}"` : ''}>${d.chance(0.7) ? inline(d, depth + 1) : ''}${d.chance(0.7) ? `</${d.pick(TAGS)}>` : ''}`],
      [1, () => d.pick(['<br>', '<br/>', '<!-- c -->', '<!--', '-->', '&nbsp;', '&copy;', ':smile:', ':+1:', ':not-an-emoji:', '\u00a0', '\t', d.chance(0.2) ? '  \n' : '  ', d.chance(0.2) ? '\\\n' : '\\'])],
      [0.1, () => d.pick(['[a [b\n][c]', '[x [\n](u)', '[a]\n[b]', '[[x]]', '[]', '[\\]]', '][', '[a [b\n][c] d', '[ [\n][x]'])],
      [0.0005, () => d.pick(['[ [\n]', '[a [b](u)\n] c', ':c[a [b\n](x)'])], // the reference never finishes on these
    ])
    out.push(piece())
  }
  return out.join(d.chance(0.85) ? ' ' : '')
}

/** A fence with an info string; its content often looks like nesting (quotes, components, lists). */
function fence(d: Dice): string {
  const marker = d.pick(['```', '````', '~~~'])
  const lines: string[] = []
  const n = d.int(0, 6)
  for (let i = 0; i < n; i++) {
    lines.push(d.pick(['const x = 1', '> quoted', '::note', '::', '- item', '  - nested', '<div>', '# not a heading', '---', '[a [b', ']', '```', '~~~', '    indented', '', 'a: 1']))
  }
  if (d.chance(0.004)) {
    // a fence holding many nesting-looking lines (the site renders it as plain code)
    lines.length = 0
    const [line, count] = d.pick([['>', 1001], ['> > >', 400], ['::note', 601], ['- x', 700], ['  - x', 650], [':::x{a=1}', 700]] as const)
    for (let i = 0; i < count; i++) lines.push(line)
    return `${marker}${d.pick(LANGS)}\n${lines.join('\n')}\n${marker}`
  }
  const close = d.chance(0.9) ? `\n${marker}` : ''
  return `${marker}${d.pick(LANGS)}\n${lines.join('\n')}${close}`
}

function list(d: Dice, depth: number): string {
  const ordered = d.chance(0.3)
  const lines: string[] = []
  const n = d.int(1, 4)
  for (let i = 0; i < n; i++) {
    const marker = ordered ? `${d.pick(['1', '2', '10'])}${d.pick(['.', ')'])}` : d.pick(['-', '*', '+'])
    const task = d.chance(0.15) ? d.pick(['[ ] ', '[x] ', '[X] ']) : ''
    lines.push(`${'  '.repeat(depth)}${marker} ${task}${inline(d)}`)
    if (depth < 3 && d.chance(0.25)) lines.push(list(d, depth + 1))
    else if (d.chance(0.1)) lines.push(`${'  '.repeat(depth + 1)}${d.pick(['continued', '> q', '```\n  code\n  ```', '::note\n  x\n  ::'])}`)
  }
  return lines.join(d.chance(0.15) ? '\n\n' : '\n')
}

function table(d: Dice): string {
  const cols = d.int(1, 4)
  const row = () => `| ${Array.from({ length: cols }, () => inline(d).replace(/\n/g, ' ')).join(' | ')} |`
  const align = `|${Array.from({ length: cols }, () => d.pick([' - ', ':-', '-:', ':-:', '---'])).join('|')}|`
  const rows = Array.from({ length: d.int(0, 3) }, row)
  const text = [row(), align, ...rows].join('\n')
  // a binding in a table cell makes the reference throw (`_index` of undefined): mostly none
  return d.chance(0.9) ? text.replace(/\{\{/g, '{ {') : text
}

function html(d: Dice): string {
  const tag = d.pick(TAGS)
  return d.weighted<() => string>([
    [3, () => `<${tag}${d.chance(0.3) ? ' class="x"' : ''}>\n${d.chance(0.5) ? '\n' : ''}${inline(d)}\n${d.chance(0.5) ? '\n' : ''}${d.chance(0.8) ? `</${tag}>` : ''}`],
    [2, () => `<${tag}>${inline(d)}</${d.pick(TAGS)}>`],
    [1, () => d.pick(['<!-- comment -->', '<!--\nmulti\n-->', '<!-- more -->', '<?php x ?>', '<![CDATA[x]]>', '<!DOCTYPE html>'])],
    [1, () => `<details>\n<summary>${inline(d)}</summary>\n\n${inline(d)}\n\n</details>`],
    [1, () => `<div>`.repeat(d.int(1, 4)) + `\n\n${inline(d)}\n\n` + `</div>`.repeat(d.int(0, 4))],
    [1, () => `<img src="/a.png" alt="${d.pick(['x', ''])}" ${d.pick(['width="3"', 'onerror="x"', 'title=t'])}>`],
  ])()
}

function component(d: Dice, depth: number): string {
  const colons = ':'.repeat(2 + depth)
  const name = d.pick(NAMES)
  const open = `${colons}${name}${d.chance(0.4) ? attributes(d) : ''}${d.chance(0.15) ? `[${inline(d)}]` : ''}`
  const parts = [open]
  if (d.chance(0.3)) {
    const yaml = d.pick(['title: Hi', 'count: 3', 'items:\n  - a\n  - b', 'flag: true', 'bad: x: y', 'n: null', 'date: 2024-01-01', 'icon: "🚀"'])
    parts.push('---', yaml, '---')
  }
  const n = d.int(0, 3)
  for (let i = 0; i < n; i++) {
    if (d.chance(0.3)) parts.push(`#${d.pick(['default', 'title', 'footer', 'x'])}`)
    parts.push(depth < 2 && d.chance(0.25) ? component(d, depth + 1) : block(d, 2))
  }
  if (d.chance(0.9)) parts.push(colons)
  return parts.join('\n')
}

/** One block; `depth` keeps containers from nesting without end. */
function block(d: Dice, depth = 0): string {
  return d.weighted<() => string>([
    [8, () => inline(d)],
    [3, () => `${'#'.repeat(d.int(1, 7))}${d.pick([' ', ' ', ''])}${inline(d).replace(/\n/g, ' ')}${d.chance(0.1) ? ' {#custom}' : ''}`],
    [1, () => `${inline(d).replace(/\n/g, ' ')}\n${d.pick(['===', '---'])}`],
    [3, () => list(d, 0)],
    [2, () => (depth < 3 ? block(d, depth + 1).split('\n').map((l) => `> ${l}`).join('\n') : '> quote')],
    [3, () => fence(d)],
    [1, () => `    indented code\n    ${d.pick(['::x', '> y'])}`],
    [2, () => table(d)],
    [3, () => html(d)],
    [4, () => (depth < 3 ? component(d, 0) : '::x\n::')],
    [1, () => `:${d.pick(NAMES)}${d.chance(0.5) ? `[${inline(d)}]` : ''}${d.chance(0.5) ? attributes(d) : ''}`],
    [1, () => d.pick(['---', '***', '___', '- - -'])],
    [1, () => `[${d.pick(['ref', '1', 'x'])}]: ${d.pick(['https://example.com', '/a', '<b c>'])}${d.chance(0.3) ? ' "title"' : ''}`],
    [1, () => `[^${d.pick(['1', 'n', 'x'])}]: ${inline(d)}`],
    [1, () => d.pick(['<!-- more -->', '\u00a0', '', '\\', '::', '{.cls}', ':::', '#', '>'])],
  ])()
}

function frontmatter(d: Dice): string {
  const lines = d.weighted<() => string[]>([
    [6, () => [`title: ${d.pick(['Hello', '"Quoted"', '한글 제목', '🚀', '123', 'null', '[a, b]', '{a: 1}', ''])}`, ...(d.chance(0.5) ? [`description: ${d.pick(['d', 'a: b', '""'])}`] : [])]],
    [2, () => [d.pick(['date: 2024-01-16', 'tags: [a, b]', 'draft: true', 'toc: false', 'toc:\n  depth: 3\n  searchDepth: 3', 'navigation: false', 'head:\n  title: x', 'count: 1.5', 'empty:', 'anchor: &a 1\nref: *a'])]],
    [0.6, () => [d.pick(['tags: [one, two', 'a: 1\na: 2', ': bad', 'just words', '- list', 'key: "unterminated', '\ttab: 1', 'x: @y'])]],
    [1, () => []],
  ])()
  return `---\n${lines.join('\n')}\n---\n`
}

/** A post from the generator and what shape of post it was made as. */
export interface GeneratedPost {
  source: string
  /** `long`: long enough for the sectioned fast path (and usually no document-wide constructs). */
  shape: 'short' | 'medium' | 'long'
}

/**
 * Takes out what makes a post be parsed in one piece (definitions, footnotes, block components,
 * HTML blocks that run across blank lines), so the sectioned fast path runs on it, and an unclosed
 * `{{` (on which the reference throws, whatever else the post holds).
 */
function withoutDocumentWideConstructs(text: string): string {
  return text
    .replace(/\[\^/g, '[')
    .replace(/\]:/g, '] :')
    .replace(/^([\t >*+\-0-9.)]*)::+/gm, '$1')
    .replace(/<(!--|\?|!)/g, '< $1')
    .replace(/<(\/?)(pre|script|style|textarea)/gi, '<$1span')
    .replace(/\{\{(?![^\n]*\}\})/g, '{ {') // an unclosed `{{` makes the reference throw
}

function longPost(d: Dice): string {
  const parts: string[] = []
  let length = 0
  const target = d.int(8500, 13000)
  for (let section = 1; length < target; section++) {
    parts.push(`${'#'.repeat(d.int(1, 3))} Section ${section} ${d.pick(WORDS)}`)
    for (let i = d.int(2, 6); i > 0; i--) {
      // mostly constructs that keep sectioning possible; sometimes one that turns it off
      const text = d.weighted<() => string>([
        [10, () => inline(d) + ' ' + inline(d) + ' ' + inline(d)],
        [3, () => list(d, 0)],
        [2, () => fence(d).slice(0, 400)],
        [2, () => `<div class="x">${inline(d)}</div>`],
        [2, () => table(d)],
        [1, () => html(d)],
        [1, () => `> ${inline(d)}`],
        [0.3, () => block(d)],
      ])()
      parts.push(text.length > 3000 ? text.slice(0, 3000) : text)
      length += text.length
    }
    length += 30
  }
  const text = parts.join('\n\n')
  if (d.chance(0.2)) return text
  const sectionable = withoutDocumentWideConstructs(text)
  // raw HTML that is not self-contained keeps the incremental parser from splicing sections
  return d.chance(0.8) ? sectionable.replace(/<(?=[a-z/])/gi, '&lt;') : sectionable
}

/** The post for one seed: frontmatter (often), then blocks; CRLF line ends sometimes. */
export function generatePost(seed: number): GeneratedPost {
  const d = new Dice(seededRandom(seed))
  const shape = d.weighted<GeneratedPost['shape']>([[92.5, 'short'], [6, 'medium'], [1.5, 'long']])
  let body: string
  if (shape === 'long') body = longPost(d)
  else {
    const blocks: string[] = []
    for (let i = d.int(1, shape === 'short' ? 3 : 12); i > 0; i--) blocks.push(block(d))
    body = blocks.join(d.weighted([[8, '\n\n'], [2, '\n'], [1, '\n\n\n']]))
  }
  let source = (d.chance(0.6) ? frontmatter(d) : '') + (d.chance(0.1) ? '\n' : '') + body + (d.chance(0.7) ? '\n' : '')
  if (d.chance(0.05)) source = source.replace(/\n/g, '\r\n')
  return { source, shape }
}

/** A random edit of a post (insert, delete or replace a short run), for the incremental parser. */
export function editPost(source: string, seed: number): string {
  const d = new Dice(seededRandom(seed ^ 0x9e3779b9))
  const at = d.int(0, source.length)
  // typing (the sections stay) more often than snippets that open, close or join constructs
  const snippet = d.chance(0.6) ? d.pick(['a', ' ', 'word ', '한', '\n\n', '\n\n# New\n\n', '*']) : d.pick(['\n', '```', '\n```js\n', '::', '\n\n::note\nx\n::\n\n', '<div>', '</div>', '[^1]', '[x]: /y', '<!--', '-->', '> ', '\n- item\n', '---'])
  return d.weighted<() => string>([
    [3, () => source.slice(0, at) + snippet + source.slice(at)],
    [2, () => source.slice(0, at) + source.slice(Math.min(source.length, at + d.int(1, 40)))],
    [1, () => source.slice(0, at) + snippet + source.slice(Math.min(source.length, at + d.int(1, 20)))],
  ])()
}
