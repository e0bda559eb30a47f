// The BUILT command (`node bin/inkpost.mjs …`, as `npx inkpost` runs it) in child processes:
// the sample post, bad input in one run, 1,000 files in one call, a reader that closes the pipe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectedSampleParsed, put, repoRoot, tempDir, removeTempDirs } from './cli-harness.js'

afterAll(removeTempDirs)

const bin = join(repoRoot, 'bin/inkpost.mjs')

/** Runs the built CLI to completion. */
function inkpost(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean) }
}

beforeAll(() => {
  // npm_command cleared: under `npx vitest` it is "exec", and build.mjs then keeps an existing (stale) dist
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), 'cli'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, INKPOST_QUIET_BUILD: '1', npm_command: '' } })
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`)
})

describe('the built inkpost CLI', () => {
  it('parses the sample post from the repo root byte-identically to the reference', () => {
    const run = inkpost(['parse', 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`{"file":"blog/2024-01-16-llama2.md","version":"2.7.2","parsed":${expectedSampleParsed}}\n`)
  })

  it('keeps going past bad files and exits 1', () => {
    const dir = tempDir()
    put(dir, 'content/blog/bad.md', '---\ntitle: [unclosed\n---\nbody\n')
    put(dir, 'content/blog/binary.md', new Uint8Array([0, 1, 2, 3, 0xff, 0xfe]))
    put(dir, 'content/blog/good.md', '---\ntitle: Good\n---\n# Heading\n')
    const run = inkpost(['parse', 'content/blog/bad.md', 'content/blog/missing.md', 'content/blog/binary.md', 'content/blog/good.md'], dir)
    expect(run.code).toBe(1)
    const out = run.lines.map((l) => JSON.parse(l))
    expect(out.map((o) => o.file)).toEqual(['blog/bad.md', 'blog/missing.md', 'blog/binary.md', 'blog/good.md'])
    expect(out[0].error).toMatchObject({ kind: 'frontmatter', line: expect.any(Number), column: expect.any(Number) })
    expect(out[1].error).toEqual({ message: 'no such file', kind: 'read' })
    expect(out[2].error.message).toContain('not a UTF-8 text file')
    expect(out[3].parsed).toMatchObject({ _path: '/blog/good', title: 'Good' })
    expect(run.stderr).toBe('inkpost parse: 3 of 4 files failed\n')
  })

  it('parses 1,000 files in one call, in argument order, with only 32 file descriptors allowed', () => {
    const dir = tempDir()
    const sample = readFileSync(join(repoRoot, 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'), 'utf8')
    const rels: string[] = []
    for (let i = 0; i < 1000; i++) {
      const rel = `content/blog/${String(i % 10)}/post-${String(999 - i).padStart(4, '0')}.md`
      // every 100th file is the full 18 KB sample post; the rest are small posts with frontmatter
      put(dir, rel, i % 100 === 0 ? sample : `---\ntitle: Post ${i}\ntags: [a, b]\n---\n\n## Section ${i}\n\nSome *text* with a [link](https://example.com/${i}).\n`)
      rels.push(rel)
    }
    const started = Date.now()
    // a low fd limit proves files are opened one at a time, never all at once
    const r = spawnSync('bash', ['-c', 'ulimit -n 32 && exec "$0" "$@"', process.execPath, bin, 'parse', ...rels], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    const run = { code: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean) }
    const seconds = (Date.now() - started) / 1000
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.lines).toHaveLength(1000)
    const out = run.lines.map((l) => JSON.parse(l))
    expect(out.map((o) => o.file)).toEqual(rels.map((r) => r.slice('content/'.length)))
    expect(out.every((o) => o.parsed && !o.error)).toBe(true)
    expect(out[1].parsed.title).toBe('Post 1')
    expect(JSON.stringify(out[500].parsed.body)).toBe(JSON.stringify(JSON.parse(expectedSampleParsed).body))
    console.log(`inkpost parse: 1,000 files in ${seconds.toFixed(2)} s`)
  })

  it('stops quietly when the reader closes the pipe (like `| head -n 1`)', async () => {
    const dir = tempDir()
    const rels = Array.from({ length: 2000 }, (_, i) => put(dir, `content/p${i}.md`, `# Post ${i}\n\n${'lorem ipsum '.repeat(400)}\n`))
    const child = spawn(process.execPath, [bin, 'parse', ...rels], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d })
    const firstLine = await new Promise<string>((resolve) => {
      let buffered = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        buffered += d
        const nl = buffered.indexOf('\n')
        if (nl >= 0) { child.stdout.destroy(); resolve(buffered.slice(0, nl)) }
      })
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
    expect(JSON.parse(firstLine).file).toBe('p0.md')
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('pipes into head in a shell without an error', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node "${bin}" parse "$@" | head -n 1 >/dev/null`, 'x', ...Array(300).fill('tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md')], { cwd: repoRoot, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('parse - reads a post piped to it (as `cat post.md | inkpost parse --stdin-path … -`)', () => {
    const sample = readFileSync(join(repoRoot, 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'), 'utf8')
    const r = spawnSync(process.execPath, [bin, 'parse', '--stdin-path', 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md', '-'], { cwd: repoRoot, input: sample, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`{"file":"blog/2024-01-16-llama2.md","version":"2.7.2","parsed":${expectedSampleParsed}}\n`)
    const unnamed = spawnSync('bash', ['-c', `printf '# Piped\\n' | node "${bin}" parse -`], { cwd: repoRoot, encoding: 'utf8' })
    expect(unnamed.status).toBe(0)
    expect(JSON.parse(unnamed.stdout)).toMatchObject({ file: '-', parsed: { _id: 'content:stdin.md', _path: '/stdin', title: 'Piped' } })
    // a folder redirected in is a read error, not an empty post
    const folder = spawnSync('bash', ['-c', `node "${bin}" parse - < "${tempDir()}"`], { cwd: repoRoot, encoding: 'utf8' })
    expect(folder.status).toBe(1)
    expect(JSON.parse(folder.stdout)).toEqual({ file: '-', error: { message: 'cannot read standard input: is a folder, not a file', kind: 'read' } })
  })

  it('a run without - never waits on a standard input that stays open', async () => {
    const child = spawn(process.execPath, [bin, 'parse', 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d })
    const code = await new Promise<number | null | 'hung'>((resolve) => {
      const timer = setTimeout(() => { child.kill(); resolve('hung') }, 15_000)
      child.on('close', (c) => { clearTimeout(timer); resolve(c) })
    })
    child.stdin.destroy()
    expect(code).toBe(0)
    expect(JSON.parse(stdout).file).toBe('blog/2024-01-16-llama2.md')
  })

  it('--version, and exit 2 for an unknown command', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
    expect(inkpost(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` })
    const bad = inkpost(['pasre', 'x.md'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("unknown command 'pasre'")
  })
})
