#!/usr/bin/env node
// `npm run bench:checks`: what the pre-publish checks add to a parse, on the sample post ×1, ×10
// and ×40 (the parse worker runs both on every change). Prints median parse and check times and
// their ratio; exits 1 when the checks take longer than the parse itself (the budget).
import { build } from 'esbuild'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { median, repeatedSample } from './bench-parse.mjs'
import { repoRoot } from './locate-reference.mjs'

const outfile = join(repoRoot, 'node_modules/.cache/inkpost-bench/checks.mjs')
await build({
  stdin: { contents: "export { tryParsePost } from './shared/parser/index'\nexport { runChecks } from './shared/checks/run-checks'\n", resolveDir: repoRoot, loader: 'ts' },
  bundle: true, format: 'esm', platform: 'neutral', packages: 'external', outfile, logLevel: 'warning',
})
const { tryParsePost, runChecks } = await import(pathToFileURL(outfile).href)
const ID = 'content:blog:2024-01-16-llama2.md'
const site = { posts: [{ file: 'blog/2024-01-16-llama2.md', path: '/blog/2024-01-16-llama2' }], publicFiles: [1, 2, 3, 4].map((n) => ({ src: `/images/blogImg/2024-01-16-${n}.png`, bytes: 100_000 })), allowUnsafeHtml: false }
let over = false
for (const [size, runs] of [[1, 31], [10, 9], [40, 5]]) {
  const text = repeatedSample(size)
  const parseMs = []
  const checkMs = []
  let findings = 0
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now()
    const outcome = tryParsePost(text, { id: ID })
    const t1 = performance.now()
    findings = runChecks({ file: 'blog/2024-01-16-llama2.md', text, outcome, site }).length
    const t2 = performance.now()
    if (i >= 2) { parseMs.push(t1 - t0); checkMs.push(t2 - t1) }
  }
  const ratio = median(checkMs) / median(parseMs)
  if (ratio > 1) over = true
  console.log(`×${size} (${Math.round(Buffer.byteLength(text) / 1024)} KB): parse ${median(parseMs).toFixed(1)} ms, checks ${median(checkMs).toFixed(1)} ms (${(ratio * 100).toFixed(0)}% of the parse), ${findings} findings`)
}
console.log(over ? 'over budget: the checks take longer than the parse' : 'ok: the checks take less than the parse at every size')
process.exitCode = over ? 1 : 0
