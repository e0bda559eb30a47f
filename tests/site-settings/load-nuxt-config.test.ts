import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG_TIMEOUT_MS, loadNuxtConfig } from '../../electron/site/load-nuxt-config'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
let base: string

/** Writes `files` (path → text) under a new site folder named `name` and returns its path. */
async function site(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(base, name)
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true })
    await writeFile(path.join(root, rel), text)
  }
  return root
}

const pkg = (deps: Record<string, string> = { nuxt: '^3.8.0', '@nuxt/content': '^2.13.0' }): string => JSON.stringify({ name: 'blog', private: true, devDependencies: deps })

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'inkpost-nuxt-config-'))
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('loadNuxtConfig', () => {
  it('evaluates a TypeScript config written with defineNuxtConfig, without Nuxt installed', async () => {
    const root = await site('plain', {
      'package.json': pkg(),
      'nuxt.config.ts': [
        'type Depth = 1 | 2 | 3 | 4 | 5 | 6',
        'const depth: Depth = 3',
        'export default defineNuxtConfig({',
        "  modules: ['@nuxt/content'],",
        "  content: { highlight: { theme: 'github-dark' }, markdown: { toc: { depth } } },",
        '})',
      ].join('\n'),
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({ highlight: { theme: 'github-dark' }, markdown: { toc: { depth: 3 } } })
    expect(loaded.config?.modules).toEqual(['@nuxt/content'])
    expect(loaded.layers).toEqual([root])
    expect(loaded.notices).toEqual([])
  })

  it("resolves `import { defineNuxtConfig } from 'nuxt/config'` and local imports, applies $production", async () => {
    const root = await site('imports', {
      'package.json': pkg(),
      'content-settings.ts': "export const toc = { depth: 2 }\n",
      'nuxt.config.ts': [
        "import { defineNuxtConfig } from 'nuxt/config'",
        "import { toc } from './content-settings'",
        'export default defineNuxtConfig({',
        '  content: { markdown: { toc } },',
        "  $production: { content: { highlight: { theme: 'nord' } } },",
        "  $development: { content: { highlight: { theme: 'dracula' } } },",
        '})',
      ].join('\n'),
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({ markdown: { toc: { depth: 2 } }, highlight: { theme: 'nord' } })
  })

  it('merges the content options of a local layer (extends: [./base]) under the site’s own', async () => {
    const root = await site('layered', {
      'package.json': pkg(),
      'nuxt.config.ts': "export default defineNuxtConfig({ extends: ['./base'], content: { highlight: { theme: 'github-dark' } } })\n",
      'base/nuxt.config.ts': [
        'export default defineNuxtConfig({',
        "  content: { highlight: { theme: 'github-light', preload: ['vue'] }, markdown: { toc: { depth: 4 }, remarkPlugins: { 'remark-gfm': false } } },",
        '})',
      ].join('\n'),
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({
      highlight: { theme: 'github-dark', preload: ['vue'] },
      markdown: { toc: { depth: 4 }, remarkPlugins: { 'remark-gfm': false } },
    })
    expect(loaded.layers).toEqual([root, path.join(root, 'base')])
    expect(loaded.config).not.toHaveProperty('extends')
  })

  it('merges an installed layer package and the site’s layers/ folders', async () => {
    const root = await site('packages', {
      'package.json': pkg({ nuxt: '^3.12.0', '@acme/blog-layer': '1.0.0' }),
      'nuxt.config.ts': "export default defineNuxtConfig({ extends: ['@acme/blog-layer'] })\n",
      'node_modules/@acme/blog-layer/package.json': JSON.stringify({ name: '@acme/blog-layer', version: '1.0.0', main: './nuxt.config.ts' }),
      'node_modules/@acme/blog-layer/nuxt.config.ts': "export default defineNuxtConfig({ content: { markdown: { toc: { searchDepth: 3 } } } })\n",
      'layers/theme/nuxt.config.ts': "export default defineNuxtConfig({ content: { highlight: { theme: 'min-light' } } })\n",
      'layers/no-config/README.md': 'not a layer with settings\n',
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({ markdown: { toc: { searchDepth: 3 } }, highlight: { theme: 'min-light' } })
    expect(loaded.layers).toContain(path.join(root, 'node_modules/@acme/blog-layer'))
    expect(loaded.layers).toContain(path.join(root, 'layers/theme'))
    expect(loaded.notices).toEqual([])
  })

  it('leaves out a remote layer with a notice naming it, downloading nothing', async () => {
    const root = await site('remote', {
      'package.json': pkg(),
      'node_modules/.keep': '',
      'nuxt.config.ts': "export default defineNuxtConfig({ extends: ['github:x/y', './base'], content: { markdown: { mdc: false } } })\n",
      'base/nuxt.config.ts': "export default defineNuxtConfig({ content: { highlight: { theme: 'nord' } } })\n",
    })
    const cache = path.join(base, 'xdg-cache')
    await mkdir(cache)
    const saved = process.env.XDG_CACHE_HOME
    process.env.XDG_CACHE_HOME = cache
    const started = Date.now()
    let loaded
    try {
      loaded = await loadNuxtConfig(root)
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME
      else process.env.XDG_CACHE_HOME = saved
    }
    expect(Date.now() - started).toBeLessThan(5000)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({ markdown: { mdc: false }, highlight: { theme: 'nord' } })
    expect(loaded.notices).toHaveLength(1)
    expect(loaded.notices[0]).toContain('"github:x/y"')
    expect(loaded.notices[0]).toContain('remote')
    // where c12 would have cloned it: the site's node_modules/.c12, else $XDG_CACHE_HOME/c12
    expect(await readdir(path.join(root, 'node_modules'))).toEqual(['.keep'])
    expect(await readdir(cache)).toEqual([])
  })

  it('names a layer package that is not installed', async () => {
    const root = await site('missing-layer', {
      'package.json': pkg(),
      'nuxt.config.ts': "export default defineNuxtConfig({ extends: ['@acme/not-installed'], content: { respectPathCase: true } })\n",
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({ respectPathCase: true })
    expect(loaded.notices).toEqual([expect.stringContaining('"@acme/not-installed"')])
    expect(loaded.notices[0]).toContain('could not be found')
  })

  it('reports a config that throws with its file and line', async () => {
    const root = await site('throws', {
      'package.json': pkg(),
      'nuxt.config.ts': [
        'interface Options { theme: string }',
        'function options(): Options {',
        "  throw new Error('no theme configured')",
        '}',
        'export default defineNuxtConfig({ content: { highlight: options() } })',
      ].join('\n'),
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.config).toBeNull()
    expect(loaded.error?.message).toBe('no theme configured')
    expect(loaded.error?.file).toBe(path.join(root, 'nuxt.config.ts'))
    expect(loaded.error?.line).toBe(3)
    expect(loaded.error?.column).toBeGreaterThan(0)
  })

  it('reports an error thrown in a file the config imports at that file', async () => {
    const root = await site('throws-in-import', {
      'package.json': pkg(),
      'helper.ts': "const a: number = 1\nexport const theme = (undefined as any).name + a\n",
      'nuxt.config.ts': "import { theme } from './helper'\nexport default defineNuxtConfig({ content: { highlight: { theme } } })\n",
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error?.message).toMatch(/Cannot read properties of undefined/)
    expect(loaded.error?.file).toBe(path.join(root, 'helper.ts'))
    expect(loaded.error?.line).toBe(2)
  })

  it('reports a syntax error with file, line and 1-based column', async () => {
    const root = await site('syntax', {
      'package.json': pkg(),
      'nuxt.config.ts': "export default defineNuxtConfig({\n  content: {\n    highlight: { theme: 'x' ,, },\n  },\n})\n",
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.config).toBeNull()
    expect(loaded.error?.file).toBe(path.join(root, 'nuxt.config.ts'))
    expect(loaded.error?.line).toBe(3)
    expect(loaded.error?.column).toBe(30)
    expect(loaded.error?.message).toMatch(/Unexpected token/)
  })

  it(`gives up on a config that never returns after the default ${DEFAULT_CONFIG_TIMEOUT_MS / 1000} s`, async () => {
    const root = await site('loops', {
      'package.json': pkg(),
      'nuxt.config.ts': 'while (true) {}\nexport default defineNuxtConfig({})\n',
    })
    const started = Date.now()
    const loaded = await loadNuxtConfig(root)
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(DEFAULT_CONFIG_TIMEOUT_MS - 100)
    expect(elapsed).toBeLessThan(13_000)
    expect(loaded.config).toBeNull()
    expect(loaded.error?.message).toContain('did not finish loading within 10 s')
    expect(loaded.error?.file).toBe(path.join(root, 'nuxt.config.ts'))
  }, 20_000)

  it('honours a shorter time limit, and the caller keeps running meanwhile', async () => {
    const root = await site('loops-short', {
      'package.json': pkg(),
      'nuxt.config.mjs': 'for (;;) {}\n',
    })
    let ticks = 0
    const ticker = setInterval(() => { ticks++ }, 20)
    const started = Date.now()
    const loaded = await loadNuxtConfig(root, { timeoutMs: 800 })
    clearInterval(ticker)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(ticks).toBeGreaterThan(10)
    expect(loaded.error?.message).toContain('within 0.8 s')
    expect(loaded.error?.file).toBe(path.join(root, 'nuxt.config.mjs'))
  })

  it('survives a config that calls process.exit', async () => {
    const root = await site('exits', {
      'package.json': pkg(),
      'nuxt.config.ts': "export default defineNuxtConfig({})\nprocess.exit(3)\n",
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.config).toBeNull()
    expect(loaded.error?.message).toContain('exit code 3')
  })

  it('keeps the config’s own output off stdout and stderr, bundled as the CLI is', async () => {
    const root = await site('noisy', {
      'package.json': pkg(),
      'nuxt.config.ts': [
        "console.log('INKPOST-MARKER-LOG')",
        "console.error('INKPOST-MARKER-ERROR')",
        "process.stdout.write('INKPOST-MARKER-STDOUT\\n')",
        "process.stderr.write('INKPOST-MARKER-STDERR\\n')",
        '// settle later, so that output that leaked would reach the parent before the worker is stopped',
        'export default new Promise((resolve) => setTimeout(() => resolve(defineNuxtConfig({ content: { respectPathCase: true } })), 300))',
      ].join('\n'),
    })
    // the ESM CLI bundle's shape (its banner gives it `require`), inside the repo so c12 resolves from node_modules
    const entry = path.join(repoRoot, 'node_modules', '.cache', 'inkpost-test', `load-nuxt-config-${process.pid}.mjs`)
    await build({
      stdin: {
        contents: "import { loadNuxtConfig } from './electron/site/load-nuxt-config'\nconst result = await loadNuxtConfig(process.argv[2])\nprocess.stdout.write('RESULT ' + JSON.stringify(result) + '\\n')\n",
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true, platform: 'node', format: 'esm', outfile: entry, logLevel: 'error',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    })
    try {
      const run = spawnSync(process.execPath, [entry, root], { encoding: 'utf8', timeout: 30_000 })
      expect(run.status).toBe(0)
      expect(run.stderr).toBe('')
      expect(run.stdout.startsWith('RESULT ')).toBe(true)
      expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1)
      expect(JSON.parse(run.stdout.slice('RESULT '.length)).config.content).toEqual({ respectPathCase: true })
    } finally {
      await rm(entry, { force: true })
    }
  })

  it('passes on plain data only, with a notice for content values it had to leave out', async () => {
    const root = await site('functions', {
      'package.json': pkg(),
      'nuxt.config.ts': [
        'export default defineNuxtConfig({',
        "  hooks: { 'content:file:beforeParse': () => {} },",
        "  content: { markdown: { rehypePlugins: { 'rehype-external-links': { target: '_blank', rel: () => ['nofollow'] } } } },",
        '})',
      ].join('\n'),
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({ markdown: { rehypePlugins: { 'rehype-external-links': { target: '_blank' } } } })
    expect(loaded.config?.hooks).toEqual({})
    expect(loaded.notices).toEqual([expect.stringContaining('content.markdown.rehypePlugins.rehype-external-links.rel')])
  })

  it('returns no config, and no error, for a folder without nuxt.config', async () => {
    const root = await site('no-config', { 'package.json': pkg() })
    const loaded = await loadNuxtConfig(root)
    expect(loaded).toEqual({ config: null, layers: [], notices: [] })
  })

  it('still reads the layers/ folders of a site without its own nuxt.config', async () => {
    const root = await site('layers-only', {
      'package.json': pkg(),
      'layers/base/nuxt.config.ts': "export default defineNuxtConfig({ content: { defaultLocale: 'ko' } })\n",
    })
    const loaded = await loadNuxtConfig(root)
    expect(loaded.error).toBeUndefined()
    expect(loaded.config?.content).toEqual({ defaultLocale: 'ko' })
    expect(loaded.layers).toEqual([path.join(root, 'layers/base')])
  })
})
