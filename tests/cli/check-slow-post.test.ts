// `inkpost check` and `inkpost parse` as built (the CLI bundle with the parse worker beside it, the
// layout scripts/build.mjs writes to dist/cli) on a site with a post whose 400 KB line has no space:
// the post gets the too-slow finding, the exit status is 1, and the run ends in bounded time
// (INKPOST_PARSE_TIME_LIMIT=2; on one thread the parse took ~105 s).
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { put, removeTempDirs, repoRoot, tempDir } from './cli-harness'

let bundleDir: string
let runner: string
let site: string

beforeAll(async () => {
  bundleDir = path.join(repoRoot, 'node_modules', '.cache', 'inkpost-test', `cli-${process.pid}`)
  mkdirSync(bundleDir, { recursive: true })
  await build({
    entryPoints: { inkpost: 'electron/cli/inkpost-cli.ts', 'parse-worker': 'electron/services/parse-worker.ts' },
    outdir: bundleDir, outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', absWorkingDir: repoRoot,
    external: ['electron', 'fsevents', 'sharp', 'svgo'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  })
  // what bin/inkpost.mjs does with dist/cli/inkpost.mjs
  runner = path.join(bundleDir, 'run.mjs')
  writeFileSync(runner, "import { main } from './inkpost.mjs'\nprocess.exitCode = await main(process.argv.slice(2))\n")
  site = tempDir()
  put(site, 'nuxt.config.ts', 'export default defineNuxtConfig({ modules: ["@nuxt/content"] })\n')
  put(site, 'content/blog/fine.md', '---\ntitle: Fine\ndescription: A fine post.\n---\n\nHello.\n')
  put(site, 'content/blog/slow.md', `---\ntitle: Slow\ndescription: One very long line.\n---\n\nFirst paragraph.\n\n${'x'.repeat(400_000)}\n`)
})

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true })
  removeTempDirs()
})

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = Date.now()
  const child = spawn(process.execPath, [runner, ...args], { cwd: site, env: { ...process.env, INKPOST_PARSE_TIME_LIMIT: '2' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => { stdout += chunk })
  child.stderr.on('data', (chunk) => { stderr += chunk })
  // a hang fails the test instead of blocking it
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000)
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(killer)
    resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 })
  }))
}

const FINDING = "This post takes too long to parse (stopped after 2 s): line 8 is 400 KB with no spaces. Break that line up or put it in a code block; the site's parser slows down sharply on long unbroken text."

describe('a post too slow to parse, from the built CLI', () => {
  it('inkpost check prints the finding and exits 1', async () => {
    const result = await run(['check', '.'])
    console.log(`inkpost check ended after ${result.seconds.toFixed(1)} s`)
    expect(result.stdout).toBe(`blog/slow.md:8:1  error  parse-limit  ${FINDING}\n`)
    expect(result.stderr).toContain('Checked 2 posts: 1 error, 0 warnings')
    expect(result.code).toBe(1)
    expect(result.seconds).toBeLessThan(60)
  }, 100_000)

  it('inkpost parse reports it as that post\'s error and parses the others', async () => {
    const result = await run(['parse', 'content/blog/slow.md', 'content/blog/fine.md'])
    const [slow, fine] = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; error?: unknown; parsed?: { title: string } })
    expect(slow).toEqual({ file: 'blog/slow.md', error: { message: FINDING, line: 8, column: 1, kind: 'too-slow' } })
    expect(fine.parsed?.title).toBe('Fine')
    expect(result.code).toBe(1)
    expect(result.seconds).toBeLessThan(60)
  }, 100_000)
})
