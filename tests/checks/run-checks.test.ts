// runChecks/checkPostText as a whole: the rule list, ordering, isolation of failing rules, and the
// source helpers the rules share (code masking, raw HTML scanning, link destinations, frontmatter).
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { offsetAt, type CheckInput, type CheckRule } from '../../shared/checks/check-input'
import { frontmatterFields } from '../../shared/checks/frontmatter-fields'
import { headingSlug } from '../../shared/checks/heading-slug'
import { maskCode } from '../../shared/checks/mask-code'
import { CHECK_RULES, checkPostText, runChecks } from '../../shared/checks/run-checks'
import { scanHtmlTags } from '../../shared/checks/scan-html-tags'
import { scanLinkDestinations } from '../../shared/checks/scan-link-destinations'
import { scanMdcAttributes } from '../../shared/checks/scan-mdc-attributes'
import { tryParsePost } from '../../shared/parser/index'
import { lineColumnAt } from '../../shared/parser/source-position'
import { repoRoot } from '../services/service-test-helpers'
import { check, FRONT, siteWith } from './check-test-helpers'

describe('CHECK_RULES', () => {
  it('has one rule per file in shared/checks/rules, each with its own id', () => {
    const files = readdirSync(path.join(repoRoot, 'shared/checks/rules')).map((name) => name.replace(/\.ts$/, '')).sort()
    expect(CHECK_RULES.map((rule) => rule.id).sort()).toEqual(files)
    expect(files).toEqual(['broken-anchor', 'broken-link', 'draft', 'duplicate-heading-id', 'empty-link-text', 'frontmatter-yaml', 'heading-levels', 'invalid-date', 'large-image', 'missing-description', 'missing-image', 'missing-title', 'parse-error', 'parse-limit', 'unsafe-html', 'url-path'])
  })
})

describe('runChecks', () => {
  const input = (text: string): CheckInput => ({ file: 'blog/a.md', text, outcome: tryParsePost(text, { id: 'content:blog:a.md' }), site: siteWith() })

  it('sorts findings by line, then column, whichever rule found them', () => {
    const text = "---\ndescription: 'About.'\ndraft: true\n---\n\n<script>x</script>\nSee [](https://example.com)\n\n## A\n\n#### B\n"
    const findings = check(text)
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['missing-title', 1, 1],
      ['draft', 3, 8],
      ['unsafe-html', 6, 1],
      ['empty-link-text', 7, 8],
      ['heading-levels', 11, 1],
    ])
  })

  it('turns a rule that throws into no findings and keeps the others', () => {
    const throwing: CheckRule = { id: 'boom', run: () => { throw new Error('bug') } }
    const fine: CheckRule = { id: 'fine', run: (i) => [{ rule: 'fine', severity: 'warning', message: 'ok', file: i.file, line: 1, column: 1 }] }
    expect(runChecks(input('x'), [throwing, fine]).map((f) => f.rule)).toEqual(['fine'])
  })

  it('never throws on a malformed site index or odd input', () => {
    const broken = { posts: null, publicFiles: 'x', allowUnsafeHtml: 1 } as unknown as ReturnType<typeof siteWith>
    expect(() => checkPostText('blog/a.md', FRONT + '[a](/b) ![c](/d.png) ## x', broken)).not.toThrow()
    for (const text of ['', '---', '---\n---\n', '\u0000\uffff', '<'.repeat(5000), '[](' .repeat(3000), '`'.repeat(999), '<a href="x" '.repeat(200)]) {
      expect(() => checkPostText('x.md', text, siteWith()), JSON.stringify(text.slice(0, 20))).not.toThrow()
    }
  })
})

describe('source helpers', () => {
  it('maskCode blanks fences, code spans, comments and the frontmatter, keeping offsets', () => {
    const text = "---\na: 1\n---\n<b>\n```html\n<script>\n```\nx `<i>` y <!-- <u> -->\n~~~\n<s>\n"
    const masked = maskCode(text, 12)
    expect(masked).toHaveLength(text.length)
    expect(masked.split('\n').map((line) => line.trim())).toEqual(['', '', '', '<b>', '', '', '', 'x       y', '', '', ''])
  })

  it('scanHtmlTags returns start tags with attributes and offsets, read from the original text', () => {
    const text = 'a <img src="/x.png" onerror=\'alert(1)\' hidden data-x=y> b < c <https://autolink.example>'
    const [tag, ...rest] = scanHtmlTags(text, text)
    expect(rest).toEqual([])
    expect(tag).toMatchObject({ tag: 'img', from: 2, to: 55 })
    expect(tag.attributes.map((a) => [a.name, a.value, text.slice(a.valueFrom, a.valueTo)])).toEqual([['src', '/x.png', '/x.png'], ['onerror', 'alert(1)', 'alert(1)'], ['hidden', '', ''], ['data-x', 'y', 'y']])
  })

  it('scanMdcAttributes reads component and span attribute blocks', () => {
    const text = '::alert{type="info" onclick="x"}\n::\n[word]{.big} :iframe'
    expect(scanMdcAttributes(text, text).map((b) => [b.component, b.attributes.map((a) => a.name)])).toEqual([['alert', ['type', 'onclick']], ['span', ['.big']], ['iframe', []]])
  })

  it('scanLinkDestinations finds inline links, images and definitions as written', () => {
    const text = '[a](./x.md "t") ![i](/p.png) [b](<./a b.md>) [c](f(1).md)\n\n[r]: ../y.md\n[^1]: footnote'
    expect(scanLinkDestinations(text, text).map((d) => [d.kind, d.raw, text.slice(d.from, d.to)])).toEqual([
      ['link', './x.md', './x.md'], ['image', '/p.png', '/p.png'], ['link', './a b.md', './a b.md'], ['link', 'f(1).md', 'f(1).md'], ['definition', '../y.md', '../y.md'],
    ])
  })

  it('frontmatterFields locates each top-level key and its written value', () => {
    const text = "---\ntitle: 'A: b'\ndate: 2024-02-30 # rolled over\ntags:\n  - x\n---\nbody"
    const fields = frontmatterFields(text)
    expect(fields.data?.title).toBe('A: b')
    const date = fields.keys.get('date')!
    expect([date.value, text.slice(date.valueFrom, date.valueTo)]).toEqual(['2024-02-30', '2024-02-30'])
    expect([...fields.keys.keys()]).toEqual(['title', 'date', 'tags'])
    expect(frontmatterFields("---\na: b: c\n---\n").data).toBeNull()
  })

  it('offsetAt is the inverse of lineColumnAt', () => {
    const text = 'ab\ncde\n\nf'
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, column } = lineColumnAt(text, offset)
      expect(offsetAt(text, line, column)).toBe(offset)
    }
  })

  it('headingSlug gives the ids the site gives headings', () => {
    const text = '## 1. Pre-Training\n\n## Emoji 🚀 in a heading\n\n## 참고자료\n\n## --Dashes--around--\n\n## `code` here'
    const ids = (tryParsePost(text, { id: 'content:a.md' }).parsed!.body.children as unknown as Array<{ props: { id: string } }>).map((h) => h.props.id)
    expect(['1. Pre-Training', 'Emoji 🚀 in a heading', '참고자료', '--Dashes--around--', 'code here'].map(headingSlug)).toEqual(ids)
  })
})
