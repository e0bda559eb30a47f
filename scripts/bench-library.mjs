// `node scripts/bench-library.mjs [--posts N] [--runs N]`: times library.list over N generated posts
// (default 1,000, ~2.6 KB each; one in ten without a frontmatter title, half of those with a marked-up
// first heading so the full-parse fallback is exercised). "cold" = first listing by a fresh service
// instance with an empty data folder (no cache; the OS file cache may be warm; the first run of the
// process also loads and JIT-compiles the parser), "restart" = first listing by a new instance that
// finds the on-disk library cache of a previous one, "warm" = later listings of the same instance
// (stat only). Fails (exit 1) when the median cold listing of 1,000 posts takes more than 1 s. The services are bundled on the fly with esbuild (they are TypeScript).
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const POSTS = arg('--posts', 1000)
const RUNS = arg('--runs', 5)
const LIMIT_MS = 1000

const work = mkdtempSync(path.join(os.tmpdir(), 'inkpost-bench-library-'))
// bundled inside the repo so the packages left external (sharp is native) resolve from node_modules
const bundlePath = path.join(root, 'node_modules', '.cache', 'inkpost-bench', `services-${process.pid}.mjs`)
try {
  const bundle = bundlePath
  await build({
    stdin: { contents: "export { createServices } from './electron/services/create-services'\n", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error', external: ['fsevents', 'sharp', 'svgo'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  })
  const { createServices } = await import(pathToFileURL(bundle).href)

  const site = path.join(work, 'site')
  const tags = ['LLM', 'Vue', 'Nuxt', 'paper review', 'NLP', 'TypeScript', 'CSS', '회고']
  let bytes = 0
  for (let i = 0; i < POSTS; i++) {
    const day = String((i % 28) + 1).padStart(2, '0')
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0')
    const date = `${2020 + (i % 5)}-${month}-${day}`
    const folder = ['blog', 'notes', 'blog/2024'][i % 3]
    const withTitle = i % 10 !== 0
    const body = [
      // posts without a frontmatter title: half start with a plain heading (fast path), half with a
      // marked-up one (only the full parse knows its text)
      withTitle ? '' : i % 20 === 0 ? `# Post *number* ${i} without a frontmatter title\n` : `# Post number ${i} without a frontmatter title\n`,
      `Intro paragraph ${i} with a [link](https://example.com/${i}), **bold**, _emphasis_ and \`code\`. 한국어 문장도 조금 있습니다.\n`,
      '## Background\n',
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12) + '\n',
      '- first point\n- second point with `inline code`\n- third point\n',
      '```ts\nconst answer: number = 42\nexport function hello(name: string) {\n  return `hello ${name}`\n}\n```\n',
      '<figure>\n    <img src="/images/blogImg/2024-01-16-1.png" title="figure">    \n    <figcaption style="text-align: center;">A caption</figcaption>\n</figure>\n',
      '## Details\n',
      'Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium. '.repeat(14) + '\n',
      '> A quote to end with.\n',
    ].join('\n')
    const frontmatter = [
      '---',
      ...(withTitle ? [`title: 'Generated post ${i}: on ${tags[i % tags.length]}'`] : []),
      `date: '${date}'`,
      `tags: [${tags[i % tags.length]}, ${tags[(i + 3) % tags.length]}]`,
      `draft: ${i % 7 === 0}`,
      `summary: 'Summary of post ${i}.'`,
      '---',
      '',
    ].join('\n')
    const text = frontmatter + body
    bytes += Buffer.byteLength(text)
    const dir = path.join(site, 'content', folder)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, `${date}-post-${i}.md`), text)
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const colds = []
  const warms = []
  const restarts = []
  const verifies = []
  let count = 0
  for (let run = 0; run < RUNS; run++) {
    const services = createServices({ dataDir: path.join(work, `data-${run}`), emit: () => {}, watch: false })
    await services.site.open(site)
    let t = performance.now()
    count = (await services.library.list()).length
    colds.push(performance.now() - t)
    t = performance.now()
    await services.library.idle()
    verifies.push(performance.now() - t)
    t = performance.now()
    await services.library.list()
    warms.push(performance.now() - t)
    await services.dispose()
    const again = createServices({ dataDir: path.join(work, `data-${run}`), emit: () => {}, watch: false })
    await again.site.open(site)
    t = performance.now()
    await again.library.list()
    restarts.push(performance.now() - t)
    await again.dispose()
  }
  if (count !== POSTS) throw new Error(`listed ${count} posts, expected ${POSTS}`)
  const cold = median(colds)
  const warm = median(warms)
  console.log(`library.list: ${POSTS} posts (${(bytes / 1024 / 1024).toFixed(1)} MB, 10% without a frontmatter title)`)
  console.log(`  cold (no cache):     median ${cold.toFixed(0)} ms  [${colds.map((x) => x.toFixed(0)).join(', ')}]; the first one also loads and JIT-compiles the parser`)
  console.log(`  background full-parse check after the cold listing: median ${median(verifies).toFixed(0)} ms (does not block listings)`)
  console.log(`  restart (disk cache): median ${median(restarts).toFixed(0)} ms  [${restarts.map((x) => x.toFixed(0)).join(', ')}]`)
  console.log(`  warm (memory cache): median ${warm.toFixed(0)} ms  [${warms.map((x) => x.toFixed(0)).join(', ')}]`)
  const ok = POSTS !== 1000 || cold <= LIMIT_MS
  console.log(ok ? `  ok: cold listing within ${LIMIT_MS} ms` : `  FAIL: cold listing of 1,000 posts took more than ${LIMIT_MS} ms`)
  process.exitCode = ok ? 0 : 1
} finally {
  rmSync(work, { recursive: true, force: true })
  rmSync(bundlePath, { force: true })
}
