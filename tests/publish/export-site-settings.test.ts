import { cpSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, repoRoot } from '../cli/cli-harness'
import { cleanupTemps, tempDir } from '../services/service-test-helpers'

afterAll(() => cleanupTemps())

describe('export for the site’s own Nuxt Content version', () => {
  it('bundles a 2.13.4 site’s highlighted post with the cache entry that site stores, and verify re-parses it the same way', async () => {
    const site = path.join(tempDir(), 'site')
    cpSync(path.join(repoRoot, 'tests/fixtures/sites-213/highlight-github-dark'), site, { recursive: true })
    const out = path.join(tempDir(), 'bundle.zip')
    const exported = await runCli(['export', site, 'blog/ts-fence.md', '--out', out])
    expect(exported.code, exported.stderr).toBe(0)
    const files = unzipSync(readFileSync(out))
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']))
    expect(manifest.nuxtContentVersion).toBe('2.13.4')
    expect(manifest.contentOptions).toEqual(JSON.parse(readFileSync(path.join(site, 'content-options.json'), 'utf8')))
    const entry = JSON.parse(new TextDecoder().decode(files['.nuxt/content-cache/parsed/content/blog/ts-fence.md.json']))
    const expected = JSON.parse(readFileSync(path.join(site, 'expected/blog/ts-fence.md.json'), 'utf8'))
    expect(JSON.stringify(entry.parsed)).toBe(JSON.stringify(expected.parsed ?? expected))
    const verified = await runCli(['verify', out])
    expect(verified.code, verified.stderr + verified.stdout).toBe(0)
  })
})

describe('verify of a forced export', () => {
  it('passes, and says which check errors the bundle was exported despite', async () => {
    const site = path.join(tempDir(), 'site')
    cpSync(path.join(repoRoot, 'tests/fixtures/sample-site'), site, { recursive: true })
    const { appendFileSync } = await import('node:fs')
    appendFileSync(path.join(site, 'content/blog/2024-01-16-llama2.md'), '\n![gone](/images/blogImg/gone.png)\n')
    const out = path.join(tempDir(), 'forced.zip')
    const refused = await runCli(['export', site, 'blog/2024-01-16-llama2.md', '--out', out])
    expect(refused.code).toBe(1)
    const forced = await runCli(['export', site, 'blog/2024-01-16-llama2.md', '--out', out, '--force'])
    expect(forced.code, forced.stderr).toBe(0)
    const verified = await runCli(['verify', out])
    expect(verified.code).toBe(0)
    expect(verified.stderr).toMatch(/Note: it was exported despite 1 check error \(recorded in manifest\.json\):\n {2}blog\/2024-01-16-llama2\.md:\d+:\d+ {2}missing-image/)
  })
})
