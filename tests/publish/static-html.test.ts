// renderStaticHtml: the preview's safety policy as an escaped HTML string — blocked tags dropped, no
// on* attribute, unsafe URLs refused (shared/render/url-policy.ts), remote images kept as published, MDC components as labelled boxes,
// site images under imageBase, title/date/tags header.
import { describe, expect, it } from 'vitest'
import { contentIdFor, tryParsePost } from '../../shared/parser/index'
import type { MinimarkNode, ParsedContent } from '../../shared/parser/parse-types'
import { escapeHtml, renderStaticHtml, renderStaticIndex } from '../../shared/render/static-html'

function parse(text: string, file = 'blog/t.md'): ParsedContent {
  const outcome = tryParsePost(text, { id: contentIdFor(file) })
  if (!outcome.parsed) throw new Error(outcome.error?.message)
  return outcome.parsed
}

function render(text: string): string {
  return renderStaticHtml(parse(text), { imageBase: '../public/', css: '.prose{}' })
}

/** The body part of a page. */
function body(html: string): string {
  return html.slice(html.indexOf('<div class="post-body">'), html.indexOf('</article>'))
}

/** A parsed document around hand-made body nodes (to test the renderer without the parser's own cleaning). */
function doc(children: MinimarkNode[], extra: Record<string, unknown> = {}): ParsedContent {
  return { _path: '/t', _dir: '', _draft: false, _partial: false, _locale: '', _empty: false, title: 'T', description: '', body: { type: 'root', children }, _type: 'markdown', _id: 'content:t.md', _source: 'content', _file: 't.md', _extension: 'md', ...extra }
}

const el = (tag: string, props: Record<string, unknown>, children: MinimarkNode[] = []): MinimarkNode => ({ type: 'element', tag, props, children })
const text = (value: string): MinimarkNode => ({ type: 'text', value })

describe('renderStaticHtml', () => {
  it('writes a standalone document: CSP, inlined styles, title, date and tags, no script', () => {
    const html = render("---\ntitle: 'Hello <world>'\ndate: '2024-01-16'\ntags: [a, 'b&c']\n---\n\n안녕하세요.\n")
    expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/) // the description (first paragraph) is Korean
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data: file: https:;`)
    expect(html).toContain('<style>\n.prose{}')
    expect(html).toContain('<title>Hello &lt;world&gt;</title>')
    expect(html).toContain('<h1 class="post-title">Hello &lt;world&gt;</h1>')
    expect(html).toContain('<time datetime="2024-01-16">2024-01-16</time>')
    expect(html).toContain('<span class="tag">#a</span><span class="tag">#b&amp;c</span>')
    expect(html).toContain('<p>안녕하세요.</p>')
    expect(html).not.toMatch(/<script/i)
    expect(renderStaticHtml(parse('---\ntitle: 한글 제목\n---\n\nx\n'), { imageBase: '', css: '' })).toMatch(/<html lang="ko">/)
    expect(renderStaticHtml(parse('---\ntitle: Plain\n---\n\nx\n'), { imageBase: '', css: '' })).toMatch(/<html lang="en">/)
    expect(renderStaticHtml(parse('x\n'), { imageBase: '', css: '', lang: 'de' })).toMatch(/<html lang="de">/)
  })

  it('drops blocked tags with their content and every on* attribute', () => {
    const html = body(render([
      '<script>alert(1)</script>', '',
      '<iframe src="https://evil.example"></iframe>', '',
      '<img src="/images/a.png" onerror="alert(2)" onload="x()">', '',
      '<div onclick="alert(3)" title="t">box</div>', '',
      '<svg onload="alert(4)"><circle /></svg>', '',
      '<style>body{display:none}</style>', '',
      '<form action="https://evil.example"><button>go</button></form>', '',
    ].join('\n')))
    expect(html).not.toMatch(/<(script|iframe|svg|style|form|button)\b/i)
    expect(html).not.toMatch(/alert\(/)
    expect(html).not.toMatch(/\son[a-z]*=/i)
    expect(html).toContain('<img src="../public/images/a.png" decoding="async">')
    expect(html).toContain('<div title="t">box</div>')
    // hand-made nodes: the renderer itself drops handlers, whatever the parser let through
    const raw = renderStaticHtml(doc([el('p', { onClick: 'x()', ONMOUSEOVER: 'y()', id: 'p1' }, [text('hi')]), el('script', {}, [text('alert(5)')]), el('my-widget', { onLoad: 'z()', color: 'red' }, [])]), { imageBase: '', css: '' })
    expect(raw).not.toMatch(/\son[a-z]*=|alert\(|<script/i)
    expect(raw).toContain('<p id="p1">hi</p>')
  })

  it('refuses unsafe URLs and keeps a remote image as the published page has it', () => {
    const html = body(render([
      '[x](javascript:alert(1)) [y](https://example.com/page) [z](/blog/other)', '',
      '![remote](https://example.com/r.png)', '',
      '<img src="//evil.example/t.png" alt="proto">', '',
      '<img src="/../../etc/passwd.png" alt="up">', '',
      '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg">', '',
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="png">', '',
      '<p style="color: red; background: url(javascript:alert(1)); text-align: center">s</p>', '',
    ].join('\n')))
    expect(html).not.toMatch(/javascript:/i)
    expect(html).toContain('<a>x</a>')
    expect(html).toContain('<a href="https://example.com/page" rel="noopener noreferrer">y</a>')
    expect(html).toContain('<a href="/blog/other" rel="noopener noreferrer">z</a>')
    expect(html).not.toMatch(/src="[^"]*(evil\.example|etc\/passwd)/)
    expect(html).toContain('<img alt="remote" src="https://example.com/r.png" decoding="async">')
    expect(html).toContain('<span class="preview-missing-image">[image: proto]</span>')
    expect(html).toContain('<span class="preview-missing-image">[image: up]</span>')
    expect(html).toContain('<span class="preview-missing-image">[image: svg]</span>')
    expect(html).toContain('<img alt="png" src="data:image/png;base64,iVBORw0KGgo=" decoding="async">')
    expect(html).toContain('<p style="color: red; text-align: center">s</p>')
  })

  it('renders MDC components as labelled boxes, code blocks line by line, text escaped', () => {
    const html = body(render([
      '::alert{type="info" onclick="x()"}', 'Be **careful** <b>now</b>', '::', '',
      'Inline :badge[new]{color="green"} here.', '',
      '```js [app.js] {2}', 'const a = "<b>"', 'const b = 1', '```', '',
      '`<i>code</i>`', '',
      '| a | b |', '|:-|-:|', '| 1 | 2 |', '',
    ].join('\n')))
    expect(html).toContain('<div class="mdc-component" data-component="alert"><div class="mdc-component__header"><span class="mdc-component__name">::alert</span><span class="mdc-component__props"><span class="mdc-prop"><span class="mdc-prop__key">type</span>=<span class="mdc-prop__value">info</span></span></span></div><div class="mdc-component__body"><p>Be <strong>careful</strong> <b>now</b></p></div></div>')
    expect(html).toContain('<span class="mdc-inline" data-component="badge"><span class="mdc-inline__name">:badge</span>new')
    expect(html).toContain('<div class="code-block" data-language="js"><div class="code-block__header"><span class="code-block__filename">app.js</span><span class="code-block__language">js</span></div><pre class="language-js"><code><span class="line">const a = &quot;&lt;b&gt;&quot;</span><span class="line line--highlight">const b = 1</span></code></pre></div>')
    expect(html).toContain('<code>&lt;i&gt;code&lt;/i&gt;</code>')
    expect(html).toContain('<div class="table-wrap"><table>')
    expect(html).toContain('<th style="text-align: left">a</th>')
    expect(html).not.toContain('onclick')
  })

  it('escapes attribute values and keeps inlined CSS inside its style element', () => {
    const page = renderStaticHtml(doc([el('div', { title: '"><script>alert(1)</script>' }, [text('<&>')])]), { imageBase: '', css: 'a{} </style><script>alert(1)</script>' })
    expect(page).not.toMatch(/<script|<\/style><script/i)
    expect(page).toContain('a{} \\3c /style>\\3c script>alert(1)\\3c /script>')
    expect(page).toContain('<div title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&lt;&amp;&gt;</div>')
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;\'')
  })

  it('lists several posts in an index with encoded links', () => {
    const html = renderStaticIndex([{ title: '첫 글', href: 'blog/첫 글.html', date: '2024-01-01', tags: ['x'] }], { css: '' })
    expect(html).toContain(`<a href="blog/${encodeURIComponent('첫 글')}.html">첫 글</a>`)
    expect(html).toContain('<html lang="ko">')
    expect(html).not.toMatch(/<script/i)
  })
})
