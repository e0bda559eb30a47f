// The parser must run unchanged in the browser (the preview worker): bundled for the browser
// platform and run in a bare JavaScript context — no `process`, `Buffer`, `require` or Node
// modules — it still produces the sample post's golden byte for byte.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('browser bundle', () => {
  it('bundles for the browser and parses the sample in a context without Node globals', async () => {
    const result = await build({
      entryPoints: [`${root}shared/parser/index.ts`],
      bundle: true,
      platform: 'browser',
      // As in a Web Worker (the preview parses off the main thread): decode-named-character-reference's
      // `browser` build needs `document`; its `worker` build is the same table-based decoder Node uses
      // (renderer/vite.config.ts aliases it the same way).
      conditions: ['worker'],
      format: 'iife',
      globalName: 'inkpostParser',
      write: false,
      logLevel: 'silent',
    })
    expect(result.errors).toEqual([])
    const code = result.outputFiles[0].text
    const sample = readFileSync(`${root}tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md`, 'utf8')
    const expected = JSON.parse(readFileSync(`${root}tests/fixtures/expected/2024-01-16-llama2.md.json`, 'utf8')) as { parsed: unknown }
    // Only what every browser (and worker) has; no Node APIs.
    const sandbox: Record<string, unknown> = { TextDecoder, TextEncoder, URL, console }
    sandbox.globalThis = sandbox
    sandbox.self = sandbox
    const out = runInNewContext(
      `${code}\n;JSON.stringify(inkpostParser.parsePost(sample, { id: 'content:blog:2024-01-16-llama2.md' }))`,
      { ...sandbox, sample },
    ) as string
    expect(out).toBe(JSON.stringify(expected.parsed))
  })
})
