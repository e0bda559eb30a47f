import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, repoRoot } from './cli-harness'
import { cleanupTemps, tempDir } from '../services/service-test-helpers'

afterAll(() => cleanupTemps())

const golden = (file: string) => JSON.stringify((JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { parsed: unknown }).parsed)
const lineOf = (stdout: string) => JSON.parse(stdout.trim().split('\n')[0]) as { file: string; version: string; parsed: unknown }

describe('inkpost parse: the site decides the version and options', () => {
  it('parses a post of a 2.13.4 site with highlight github-dark exactly as that site stores it', async () => {
    const run = await runCli(['parse', 'tests/fixtures/sites-213/highlight-github-dark/content/blog/ts-fence.md'])
    expect(run.code).toBe(0)
    const line = lineOf(run.stdout)
    expect([line.file, line.version]).toEqual(['blog/ts-fence.md', '2.13.4'])
    expect(JSON.stringify(line.parsed)).toBe(golden('tests/fixtures/sites-213/highlight-github-dark/expected/blog/ts-fence.md.json'))
    expect(JSON.stringify(line.parsed)).toContain('--shiki-default')
    expect(run.stderr).toContain('package.json asks for exactly 2.13.4')
  })

  it('honours a 2.7 site’s toc depth from its nuxt.config.ts', async () => {
    const run = await runCli(['parse', 'tests/fixtures/sites-27/toc-depth-3/content/blog/toc-components.md'])
    expect(run.code).toBe(0)
    const line = lineOf(run.stdout)
    expect(line.version).toBe('2.7.2')
    expect(JSON.stringify(line.parsed)).toBe(golden('tests/fixtures/sites-27/toc-depth-3/expected/blog/toc-components.md.json'))
  })

  it('--nuxt-content 2.13 parses the sample post as 2.13.4 does; --options overrides the site’s options', async () => {
    const sample = 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'
    const as213 = await runCli(['parse', '--nuxt-content', '2.13', sample])
    expect(as213.code).toBe(0)
    expect(lineOf(as213.stdout).version).toBe('2.13.4')
    expect(JSON.stringify(lineOf(as213.stdout).parsed)).toBe(golden('tests/fixtures/expected-213/2024-01-16-llama2.md.json'))
    const options = path.join(tempDir(), 'options.json')
    writeFileSync(options, JSON.stringify({ markdown: { toc: { depth: 3, searchDepth: 3 } } }))
    const deeper = await runCli(['parse', '--options', options, 'tests/fixtures/sites-27/toc-depth-3/content/blog/toc-components.md'])
    expect(JSON.stringify(lineOf(deeper.stdout).parsed)).toBe(golden('tests/fixtures/sites-27/toc-depth-3/expected/blog/toc-components.md.json'))
    const bad = await runCli(['parse', '--nuxt-content', '3', sample])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--nuxt-content needs a 2\.x version/)
  })
})

describe('inkpost check on a 2.13 site', () => {
  it('checks its posts as that site parses them (no parse errors), finding the broken relative .md link', async () => {
    const run = await runCli(['check', 'tests/fixtures/sites-213/highlight-github-dark', '--json'])
    const findings = JSON.parse(run.stdout) as Array<{ rule: string; file: string; message: string }>
    expect(run.code).toBe(1)
    expect(findings.filter((f) => f.rule === 'parse-error')).toEqual([])
    expect(findings.filter((f) => f.rule === 'broken-link')).toEqual([expect.objectContaining({ file: 'blog/second.md', message: expect.stringContaining('../notes/Guide.md') })])
  })
})

describe('a site’s own markdown plugins (installed in its node_modules)', () => {
  const site = 'tests/fixtures/sites-27/own-plugins'

  it('inkpost parse loads them from the site and prints what the site stores (the reference’s golden)', async () => {
    const run = await runCli(['parse', `${site}/content/blog/plugins-at-work.md`])
    expect(run.code).toBe(0)
    expect(run.stderr).not.toContain('left out')
    expect(JSON.stringify(lineOf(run.stdout).parsed)).toBe(golden(`${site}/expected/blog/plugins-at-work.md.json`))
  })

  it('inkpost check parses with them and does not call them left out', async () => {
    const run = await runCli(['check', site])
    expect(run.stderr).toContain('remark remark-inkpost-test-plugin')
    expect(run.stderr).not.toContain('left out')
  })

  it('a plugin that is not installed is left out, named in a notice', async () => {
    const dir = tempDir()
    const options = path.join(dir, 'options.json')
    writeFileSync(options, JSON.stringify({ markdown: { remarkPlugins: { 'remark-inkpost-test-plugin': {}, 'remark-not-installed-anywhere': {} } } }))
    const run = await runCli(['parse', '--options', options, `${site}/content/blog/plugins-at-work.md`])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('"remark-not-installed-anywhere" is not installed')
    expect(JSON.stringify(lineOf(run.stdout).parsed)).toContain('FIRST PARAGRAPH WITH ')
  })
})
