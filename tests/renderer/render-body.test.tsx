import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { renderToStaticMarkup } from 'react-dom/server'
import { createElement } from 'react'
import { renderBody } from '../../renderer/preview/render-body'
import { parseSafeStyle, safeHref, safeImageSrc } from '../../shared/render/safe-attributes'
import type { MinimarkNode } from '../../shared/parser/parse-types'
import { resolveProseTags } from '../../shared/render/prose-tag-names'

const base = '/site-file'
const el = (tag: string, props: Record<string, unknown> = {}, children: MinimarkNode[] = []): MinimarkNode => ({ type: 'element', tag, props, children })
const text = (value: string): MinimarkNode => ({ type: 'text', value })
const html = (nodes: MinimarkNode[], blockLines?: number[]) => renderToStaticMarkup(createElement('div', null, renderBody(nodes, { siteFileBase: base, blockLines })))
const expected = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/corpus/expected/blog/${name}.md.json`, import.meta.url), 'utf8')).parsed.body.children as MinimarkNode[]

/** Asserts the markup contains none of the things that must never reach the DOM (checks real tags, not escaped text). */
function assertInert(markup: string) {
  const tags = markup.match(/<[a-zA-Z][^>]*>/g) ?? []
  for (const tag of tags) {
    // react-dom/server (not the browser) adds an image preload hint for each eager <img>; it carries the same checked src
    if (/^<link\b/i.test(tag)) expect(tag).toMatch(/^<link rel="preload" as="image" href="[^"]*"\/>$/)
    else expect(tag).not.toMatch(/^<(script|iframe|object|embed|base|meta|form|style|frame|svg|math|button|textarea|select)\b/i)
    const names = tag.replace(/"[^"]*"/g, '""')
    expect(names, tag).not.toMatch(/\son[a-z]+\s*=/i)
    expect(names, tag).not.toMatch(/\s(srcdoc|formaction|action|xlink:href|target|ping|autofocus)\b/i)
    expect(tag).not.toMatch(/\s(href|src|cite)="\s*(javascript|vbscript|data:text|data:image\/svg|file):/i)
    expect(tag).not.toMatch(/style="[^"]*(url\(|expression)/i)
  }
}

describe('renderBody: mapping of Nuxt Content tags', () => {
  it('renders a tag the site maps to its own component (markdown.tags) as that component’s box, children inside', () => {
    const nodes = [el('p', {}, [text('Hello '), el('a', { href: '/x' }, [text('there')])]), el('h2', { id: 'h' }, [text('Heading')])]
    const tags = resolveProseTags('2.7', { p: 'MyParagraph', a: 'MyLink' })
    const markup = renderToStaticMarkup(createElement('div', null, renderBody(nodes, { siteFileBase: base, proseTags: tags, family: '2.7' })))
    expect(markup).toContain('<div class="mdc-component" data-component="MyParagraph" data-block="0"><div class="mdc-component__header"><span class="mdc-component__name">::MyParagraph</span></div><div class="mdc-component__body">Hello <span class="mdc-inline" data-component="MyLink"><span class="mdc-inline__name">:MyLink</span>there<span class="mdc-inline__props">')
    expect(markup).toContain('<h2 id="h" data-block="1">')
    // without a site map (or with the defaults) the same tree renders as plain prose
    expect(html(nodes)).toContain('<p data-block="0">Hello <a href="/x"')
    expect(html(nodes)).not.toContain('mdc-component')
    expect(renderToStaticMarkup(createElement('div', null, renderBody(nodes, { siteFileBase: base, proseTags: resolveProseTags('2.7', {}), family: '2.7' })))).toBe(html(nodes))
  })

  it('maps 2.13 inline code (`code`) only when the site changes ProseCodeInline', () => {
    const nodes = [el('p', {}, [el('code', {}, [text('x')])])]
    const render = (tags: Record<string, string>) => renderToStaticMarkup(createElement('div', null, renderBody(nodes, { siteFileBase: base, proseTags: resolveProseTags('2.13', tags), family: '2.13' })))
    expect(render({})).toContain('<code>x</code>')
    expect(render({ code: 'MyCode' })).toContain('data-component="MyCode"')
  })

  it('renders headings with anchors, inline code, code blocks with filename and highlighted lines', () => {
    const markup = html([
      el('h2', { id: '_1-pre-training' }, [text('1. Pre-Training')]),
      el('p', {}, [text('a '), el('code-inline', {}, [text('x<y')])]),
      el('code', { className: ['language-js'], code: 'a\nb\nc\n', filename: 'nuxt.config.js', highlights: [2], language: 'js', meta: '' },
        [el('pre', {}, [el('code', { __ignoreMap: '' }, [text('a\nb\nc\n')])])]),
    ])
    expect(markup).toContain('<h2 id="_1-pre-training" data-block="0"><a href="#_1-pre-training" class="heading-anchor">1. Pre-Training</a></h2>')
    expect(markup).toContain('<code>x&lt;y</code>')
    expect(markup).toContain('<span class="code-block__filename">nuxt.config.js</span>')
    expect(markup).toContain('<span class="line">a</span><span class="line line--highlight">b</span><span class="line">c</span>')
    expect(markup).not.toContain('__ignoreMap')
  })

  it('renders MDC components as labelled boxes with props and named slots', () => {
    const markup = html(expected('mdc-blocks'))
    expect(markup).toContain('<span class="mdc-component__name">::alert</span>')
    expect(markup).toContain('<span class="mdc-prop__key">type</span>=<span class="mdc-prop__value">info</span>')
    expect(markup).toContain('<div class="mdc-slot" data-slot="footer"><div class="mdc-slot__name">#footer</div>')
    expect(markup).toContain('data-component="inner"')
    expect(markup).toContain('<span class="mdc-prop__key">:dark</span>=<span class="mdc-prop__value">true</span>')
    expect(markup).toContain('no content') // empty-component
  })

  it('renders inline components inline, tables with alignment, figures with site images', () => {
    const markup = html([
      el('p', {}, [text('x '), el('badge', { color: 'red' }, [text('new')])]),
      el('table', {}, [text('\n'), el('thead', {}, [el('tr', {}, [el('th', { align: 'center' }, [text('H')]), el('th', { align: null }, [text('G')])])])]),
      el('figure', {}, [text('\n  '), el('img', { src: '/images/blogImg/2024-01-16-1.png', title: 'LLaMA2-process' }), el('figcaption', { style: 'text-align: center;' }, [text('cap')])]),
    ], [3, 7, 12])
    expect(markup).toContain('<span class="mdc-inline" data-component="badge"><span class="mdc-inline__name">:badge</span>new')
    expect(markup).toContain('<th style="text-align:center">H</th><th>G</th>')
    expect(markup).toContain('<div class="table-wrap" data-block="1" data-line="7"><table>')
    expect(markup).toContain('<img src="/site-file/images/blogImg/2024-01-16-1.png" title="LLaMA2-process" decoding="async"/>')
    expect(markup).toContain('<figcaption style="text-align:center">cap</figcaption>')
    expect(markup).toContain('<p data-block="0" data-line="3">')
  })

  it('renders the sample post fixture trees (html.md, gfm.md, tables.md) without unsafe output', () => {
    for (const name of ['html', 'gfm', 'tables', 'code', 'lists', 'links-images', 'blockquotes', 'headings']) {
      const markup = html(expected(name))
      assertInert(markup)
      expect(markup.length).toBeGreaterThan(50)
    }
    const gfm = html(expected('gfm'))
    expect(gfm).toContain('data-footnote-ref=""')
    expect(gfm).toContain('aria-describedby="footnote-label"')
  })
})

describe('renderBody: XSS corpus', () => {
  it('keeps the parsed unsafe.md fixture inert (script and iframe stay in the tree but never reach the DOM)', () => {
    const markup = html(expected('unsafe'))
    assertInert(markup)
    expect(markup).toContain('data-blocked="script"')
    expect(markup).toContain('data-blocked="iframe"')
    expect(markup).not.toContain('alert(6)')
  })

  const corpus: Array<[string, MinimarkNode]> = [
    ['script', el('script', {}, [text('alert(1)')])],
    ['SCRIPT uppercase', el('SCRIPT', { src: 'https://evil.example/x.js' })],
    ['iframe srcdoc', el('iframe', { srcdoc: '<script>alert(1)</script>' })],
    ['object', el('object', { data: 'javascript:alert(1)' })],
    ['embed', el('embed', { src: 'javascript:alert(1)' })],
    ['base', el('base', { href: 'https://evil.example/' })],
    ['meta refresh', el('meta', { httpEquiv: 'refresh', content: '0;url=javascript:alert(1)' })],
    ['form', el('form', { action: 'javascript:alert(1)' }, [el('button', {}, [text('go')])])],
    ['style', el('style', {}, [text('body{background:url(javascript:alert(1))}')])],
    ['link', el('link', { rel: 'stylesheet', href: 'https://evil.example/x.css' })],
    ['svg', el('svg', { onload: 'alert(1)' }, [el('script', {}, [text('alert(1)')])])],
    ['math', el('math', {}, [el('maction', { actiontype: 'statusline', xlinkHref: 'javascript:alert(1)' })])],
    ['onclick', el('div', { onclick: 'alert(1)', onClick: 'alert(2)', onMouseOver: 'x', ONERROR: 'y' }, [text('d')])],
    ['img onerror', el('img', { src: 'x', onerror: 'alert(1)' })],
    ['a javascript', el('a', { href: 'javascript:alert(1)' }, [text('x')])],
    ['a obfuscated javascript', el('a', { href: ' JaVa\tScRiPt:alert(1)' }, [text('x')])],
    ['a newline javascript', el('a', { href: 'java\nscript:alert(1)' }, [text('x')])],
    ['a entity-free nul', el('a', { href: 'java\u0000script:alert(1)' }, [text('x')])],
    ['a vbscript', el('a', { href: 'vbscript:msgbox(1)' }, [text('x')])],
    ['a data html', el('a', { href: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }, [text('x')])],
    ['a data image', el('a', { href: 'data:image/png;base64,AAAA' }, [text('x')])],
    ['img data html', el('img', { src: 'data:text/html;base64,PHNjcmlwdD4=' })],
    ['img data svg', el('img', { src: 'data:image/svg+xml,<svg onload=alert(1)>' })],
    ['img javascript', el('img', { src: 'javascript:alert(1)' })],
    ['img protocol-relative', el('img', { src: '//evil.example/x.png' })],
    ['style url', el('div', { style: 'background-image: url(javascript:alert(1)); color: red' }, [text('s')])],
    ['style expression', el('div', { style: 'width: expression(alert(1))' }, [text('s')])],
    ['style escape', el('div', { style: 'color: \\72 ed' }, [text('s')])],
    ['formaction', el('div', { formAction: 'javascript:alert(1)', formaction: 'javascript:alert(1)' }, [text('f')])],
    ['xlink', el('a', { xlinkHref: 'javascript:alert(1)', 'xlink:href': 'javascript:alert(1)' }, [text('x')])],
    ['input text', el('input', { type: 'text', value: 'x', onfocus: 'alert(1)', autofocus: true })],
    ['button', el('button', { onclick: 'alert(1)' }, [text('b')])],
    ['component with on prop', el('my-widget', { onclick: 'alert(1)', ':src': 'javascript:alert(1)' }, [el('script', {}, [text('alert(1)')])])],
    ['nested deep script', el('div', {}, [el('p', {}, [el('span', {}, [el('script', {}, [text('alert(1)')])])])])],
    ['dangerouslySetInnerHTML prop', el('div', { dangerouslySetInnerHTML: { __html: '<img src=x onerror=alert(1)>' } }, [])],
    ['id clobbering', el('div', { id: 'inkpost' }, [text('c')])],
    ['a target/ping', el('a', { href: 'https://example.com', target: '_top', ping: 'https://evil.example' }, [text('x')])],
    ['template with script', el('template', { 'v-slot:x': '' }, [el('script', {}, [text('alert(1)')])])],
    ['code filename markup', el('code', { code: '<script>alert(1)</script>', filename: '<img src=x onerror=alert(1)>', language: 'html' }, [])],
  ]
  for (const [name, node] of corpus) {
    it(`neutralises: ${name}`, () => {
      const markup = html([node])
      assertInert(markup)
      expect(markup).not.toMatch(/dangerouslySetInnerHTML|__html|srcdoc|ping=|target=|autofocus|id="inkpost"/i)
      expect(markup).not.toMatch(/<(img|script)[^>]*onerror/i)
    })
  }

  it('escapes markup carried in text and component props', () => {
    const markup = html([el('callout', { title: '"><script>alert(1)</script>' }, [text('<img src=x onerror=alert(1)>')])])
    expect(markup).toContain('&lt;script&gt;')
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;')
    assertInert(markup)
  })
})

describe('URL and style policies', () => {
  it('allows http(s)/mailto/fragment/site links and refuses other schemes', () => {
    expect(safeHref('https://arxiv.org/abs/2307.09288')).toBe('https://arxiv.org/abs/2307.09288')
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c')
    expect(safeHref('#_1-pre-training')).toBe('#_1-pre-training')
    expect(safeHref('/blog/x')).toBe('/blog/x')
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:x', ' javascript:x', 'java\tscript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '//evil.example']) {
      expect(safeHref(bad), bad).toBeNull()
    }
  })
  it('serves site images through the host and allows only raster data images', () => {
    expect(safeImageSrc('/images/x.png', 'inkpost-site://site')).toBe('inkpost-site://site/images/x.png')
    expect(safeImageSrc('images/x.png', '/site-file/')).toBe('/site-file/images/x.png')
    expect(safeImageSrc('https://example.com/x.png', base)).toBe('https://example.com/x.png')
    expect(safeImageSrc('data:image/png;base64,iVBORw0KGgo=', base)).toBe('data:image/png;base64,iVBORw0KGgo=')
    expect(safeImageSrc('data:image/svg+xml;base64,PHN2Zz4=', base)).toBeNull()
    expect(safeImageSrc('javascript:alert(1)', base)).toBeNull()
  })
  it('parses style strings into allow-listed objects', () => {
    expect(parseSafeStyle('text-align: center;')).toEqual({ textAlign: 'center' })
    expect(parseSafeStyle('color: red; position: fixed; background: url(x)')).toEqual({ color: 'red' })
    expect(parseSafeStyle('behavior: url(x.htc)')).toBeUndefined()
    expect(parseSafeStyle(42)).toBeUndefined()
  })
})
