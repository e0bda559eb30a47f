import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tryParseForSite } from '../../shared/parser/parse-for-site'
import type { SiteParseSettings } from '../../shared/parser/content-options'

const root = path.join(__dirname, '..', '..')
const sample = readFileSync(path.join(root, 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'), 'utf8')
const golden = (file: string) => JSON.stringify((JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { parsed: unknown }).parsed)
const ID = 'content:blog:2024-01-16-llama2.md'

describe('tryParseForSite: one entry for both families', () => {
  it('gives each family its own golden for the sample post, with the version it reproduces', async () => {
    const as27 = await tryParseForSite(sample, { id: ID })
    expect([as27.version, as27.family, JSON.stringify(as27.parsed)]).toEqual(['2.7.2', '2.7', golden('tests/fixtures/expected/2024-01-16-llama2.md.json')])
    const as213 = await tryParseForSite(sample, { id: ID, settings: { version: '2.13.4', family: '2.13', options: {} } })
    expect([as213.version, as213.family, JSON.stringify(as213.parsed)]).toEqual(['2.13.4', '2.13', golden('tests/fixtures/expected-213/2024-01-16-llama2.md.json')])
  })

  it('leaves out a plugin that is not one of the defaults and says so, in both families', async () => {
    const extra = { markdown: { rehypePlugins: { 'rehype-katex': {} } } }
    for (const family of ['2.7', '2.13'] as const) {
      const settings: SiteParseSettings = { version: family === '2.7' ? '2.7.2' : '2.13.4', family, options: extra }
      const outcome = await tryParseForSite(sample, { id: ID, settings })
      expect(outcome.notices.join('\n'), family).toMatch(/"rehype-katex" is left out/)
      expect(JSON.stringify(outcome.parsed), family).toBe(golden(family === '2.7' ? 'tests/fixtures/expected/2024-01-16-llama2.md.json' : 'tests/fixtures/expected-213/2024-01-16-llama2.md.json'))
    }
  })

  it('parses plain (no colours) for the first paint, then highlighted as the site stores it', async () => {
    const text = readFileSync(path.join(root, 'tests/fixtures/sites-213/highlight-github-dark/content/blog/ts-fence.md'), 'utf8')
    const settings: SiteParseSettings = { version: '2.13.4', family: '2.13', options: { highlight: { theme: 'github-dark' } } }
    const id = 'content:blog:ts-fence.md'
    const plain = await tryParseForSite(text, { id, settings, plain: true })
    expect(JSON.stringify(plain.parsed)).not.toContain('--shiki-default')
    const colored = await tryParseForSite(text, { id, settings })
    expect(JSON.stringify(colored.parsed)).toBe(golden('tests/fixtures/sites-213/highlight-github-dark/expected/blog/ts-fence.md.json'))
  })
})
