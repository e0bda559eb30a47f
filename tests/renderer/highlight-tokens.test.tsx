import { readFileSync } from 'node:fs'
import path from 'node:path'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { MinimarkElement, ParsedContent } from '../../shared/parser/parse-types'
import { highlightCssOf, highlightedLines, tokenClassColors } from '../../shared/render/highlight-tokens'
import { renderBody } from '../../renderer/preview/render-body'

const root = path.join(__dirname, '..', '..')
const parsedOf = (file: string) => (JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { parsed: ParsedContent }).parsed
const firstBlock = (parsed: ParsedContent, tag: string) => parsed.body.children.find((c): c is MinimarkElement => c.type === 'element' && c.tag === tag)!

describe('the site highlighter’s colours in the preview', () => {
  it('reads a 2.7 site’s ct- classes (light and dark) and draws the tokens without its CSS', () => {
    const parsed = parsedOf('tests/fixtures/sites-27/highlight-dark-mode/expected/blog/code.md.json')
    const colors = tokenClassColors(highlightCssOf(parsed.body.children))
    expect(colors.get('ct-149352')).toEqual({ light: '#D73A49', dark: '#F97583' })
    const lines = highlightedLines(firstBlock(parsed, 'code'), colors)!
    expect(lines[0].slice(0, 3)).toEqual([{ text: 'const', light: '#D73A49', dark: '#F97583' }, { text: ' ', light: '#24292E', dark: '#E1E4E8' }, { text: 'answer', light: '#005CC5', dark: '#79B8FF' }])
    const html = renderToStaticMarkup(<>{renderBody(parsed.body.children, { siteFileBase: '/site-file' })}</>)
    expect(html).toContain('data-highlighted="true"')
    expect(html).toContain('--hl-light:#D73A49;--hl-dark:#F97583')
    expect(html).not.toContain('<style')
    expect(html).not.toContain('is not shown in the preview')
  })

  it('reads a 2.13 site’s --shiki colours, single and dual theme', () => {
    const single = highlightedLines(firstBlock(parsedOf('tests/fixtures/sites-213/highlight-github-dark/expected/blog/ts-fence.md.json'), 'pre'))!
    expect(single[0][0]).toEqual({ text: 'import', light: '#F97583' })
    const dual = highlightedLines(firstBlock(parsedOf('tests/fixtures/sites-213/highlight-dual-theme/expected/blog/ts-fence.md.json'), 'pre'))!
    expect(dual[0][0]).toEqual({ text: 'import', light: '#D73A49', dark: '#F97583' })
    expect(dual.map((line) => line.map((t) => t.text).join('')).join('\n')).toBe("import { defineConfig } from 'vite'\n\nexport default defineConfig({\n  // highlighted line\n  plugins: [],\n})")
  })

  it('refuses anything but #hex colours, and leaves plain code plain', () => {
    const hostile: MinimarkElement = { type: 'element', tag: 'pre', props: { code: 'x' }, children: [{ type: 'element', tag: 'code', props: {}, children: [
      { type: 'element', tag: 'span', props: { class: 'line' }, children: [{ type: 'element', tag: 'span', props: { style: '--shiki-default:url(https://evil.example/x);color:red' }, children: [{ type: 'text', value: 'x' }] }] },
    ] }] }
    expect(highlightedLines(hostile)).toEqual([[{ text: 'x' }]])
    expect(tokenClassColors('.ct-1{color:expression(alert(1));} .ct-2{color:#fff;} body{color:#000}')).toEqual(new Map([['ct-2', { light: '#fff' }]]))
    const plain = parsedOf('tests/fixtures/expected/2024-01-16-llama2.md.json')
    const html = renderToStaticMarkup(<>{renderBody(plain.body.children, { siteFileBase: '/site-file' })}</>)
    expect(html).not.toContain('data-highlighted')
  })
})

describe('the site’s markdown.anchorLinks in the preview', () => {
  const heading = (level: number, id: string): MinimarkElement => ({ type: 'element', tag: `h${level}`, props: { id }, children: [{ type: 'text', value: id }] })
  const body = [heading(1, 'one'), heading(2, 'two'), heading(4, 'four'), heading(5, 'five')]
  const anchoredIds = (anchorLinks?: boolean | { depth?: number; exclude?: number[] }) =>
    [...renderToStaticMarkup(<>{renderBody(body, { siteFileBase: '/site-file', anchorLinks })}</>).matchAll(/<a href="#([a-z]+)" class="heading-anchor">/g)].map((m) => m[1])

  it('links h2–h4 by default, follows depth/exclude, and none when false', () => {
    expect(anchoredIds()).toEqual(['two', 'four'])
    expect(anchoredIds({ depth: 6, exclude: [] })).toEqual(['one', 'two', 'four', 'five'])
    expect(anchoredIds({ depth: 2 })).toEqual(['two'])
    expect(anchoredIds(false)).toEqual([])
  })
})
