// The 2.13 parser must run in the browser (the preview's Web Worker): bundled by esbuild for the
// browser with the two Nuxt-generated imports of @nuxtjs/mdc aliased to our stubs and
// `process.dev` defined (the lines renderer/vite.config.ts and scripts/build.mjs need), then run in a
// bare JavaScript context without Node globals, it still produces the goldens byte for byte —
// plain (the sample post) and highlighted by shiki with its WebAssembly engine and, measured
// against the same goldens, its JavaScript regex engine.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8')
const golden = (path: string) => JSON.stringify((JSON.parse(read(path)) as { parsed: unknown }).parsed)

let code = ''

/** Runs `parsePost213` from the bundle in a fresh context holding only what a worker has. */
async function parseInBareContext(text: string, id: string, options: Record<string, unknown>): Promise<string> {
  const sandbox: Record<string, unknown> = { TextDecoder, TextEncoder, URL, console, WebAssembly, setTimeout, clearTimeout, queueMicrotask, atob, btoa }
  sandbox.globalThis = sandbox
  sandbox.self = sandbox
  const run = runInNewContext(
    `${code}\n;(text, id, options) => inkpostParser213.parsePost213(text, { id, ...options }).then(doc => JSON.stringify(doc))`,
    sandbox,
  ) as (text: string, id: string, options: Record<string, unknown>) => Promise<string>
  return run(text, id, options)
}

describe('2.13 browser bundle', () => {
  beforeAll(async () => {
    const result = await build({
      entryPoints: [`${root}shared/parser-213/parse-post-213.ts`],
      bundle: true,
      platform: 'browser',
      conditions: ['worker'],
      format: 'iife',
      globalName: 'inkpostParser213',
      alias: {
        '#mdc-imports': `${root}shared/parser-213/mdc-imports-stub.ts`,
        '#mdc-configs': `${root}shared/parser-213/mdc-configs-stub.ts`,
      },
      define: { 'process.dev': 'false' },
      write: false,
      logLevel: 'silent',
    })
    expect(result.errors).toEqual([])
    code = result.outputFiles[0].text
  }, 120_000)

  it('parses the sample with default options', async () => {
    const out = await parseInBareContext(read('tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'), 'content:blog:2024-01-16-llama2.md', {})
    expect(out).toBe(golden('tests/fixtures/expected-213/2024-01-16-llama2.md.json'))
  })

  for (const site of ['highlight-github-dark', 'highlight-dual-theme']) {
    for (const engine of ['oniguruma', 'javascript']) {
      it(`highlights ${site} with shiki's ${engine} engine`, async () => {
        const dir = `tests/fixtures/sites-213/${site}`
        const content = JSON.parse(read(`${dir}/content-options.json`)) as Record<string, unknown>
        for (const post of ['ts-fence.md', 'second.md']) {
          const out = await parseInBareContext(read(`${dir}/content/blog/${post}`), `content:blog:${post}`, { content, engine })
          expect(out, post).toBe(golden(`${dir}/expected/blog/${post}.json`))
        }
      })
    }
  }
})
