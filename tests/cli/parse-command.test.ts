// `inkpost parse` run in-process through main(): output format, content ids, errors, order,
// folders, backpressure and a closed output. The built CLI is exercised in cli-process.test.ts.
import { afterAll, describe, expect, it } from 'vitest'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { Collector, expectedSampleParsed, put, repoRoot, runCli, samplePost, tempDir, removeTempDirs } from './cli-harness.js'
import { runParse } from '../../electron/cli/parse-command.js'
import { nearestContentFolder } from '../../electron/cli/post-targets.js'

afterAll(removeTempDirs)

const sampleText = readFileSync(samplePost, 'utf8')
const parsedOf = (line: string) => JSON.parse(line).parsed

describe('inkpost parse: the sample post', () => {
  it('prints {"file","parsed"} with parsed byte-identical to the reference', async () => {
    const run = await runCli(['parse', 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.lines).toHaveLength(1)
    expect(run.stdout).toBe(`{"file":"blog/2024-01-16-llama2.md","version":"2.7.2","parsed":${expectedSampleParsed}}\n`)
  })

  it('gives the same output for CRLF line ends (normalised like Nuxt Content)', async () => {
    const dir = tempDir()
    put(dir, 'content/blog/2024-01-16-llama2.md', sampleText.replace(/\n/g, '\r\n'))
    const run = await runCli(['parse', join(dir, 'content/blog/2024-01-16-llama2.md')])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`{"file":"blog/2024-01-16-llama2.md","version":"2.7.2","parsed":${expectedSampleParsed}}\n`)
  })
})

describe('inkpost parse: content dir and content id', () => {
  it('infers the nearest folder named content above each file', async () => {
    const dir = tempDir()
    put(dir, 'site/content/blog/2024/deep-post.md', '# Deep\n\ntext\n')
    put(dir, 'content/notes/content/inner.md', '# Inner\n')
    const run = await runCli(['parse', 'site/content/blog/2024/deep-post.md', 'content/notes/content/inner.md'], dir)
    expect(run.code).toBe(0)
    const [a, b] = run.lines.map((l) => JSON.parse(l))
    expect(a.file).toBe('blog/2024/deep-post.md')
    expect(a.parsed._id).toBe('content:blog:2024:deep-post.md')
    expect(a.parsed._path).toBe('/blog/2024/deep-post')
    expect(a.parsed._file).toBe('blog/2024/deep-post.md')
    expect(b.file).toBe('inner.md') // the NEAREST content folder wins
    expect(b.parsed._id).toBe('content:inner.md')
  })

  it("falls back to the file's own folder when no content folder is above it", async () => {
    const dir = tempDir()
    expect(nearestContentFolder(join(dir, 'loose/post.md'))).toBeNull()
    put(dir, 'loose/2.second-post.md', '# Second\n')
    const run = await runCli(['parse', join(dir, 'loose/2.second-post.md')], '/')
    expect(run.code).toBe(0)
    const line = JSON.parse(run.lines[0])
    expect(line.file).toBe('2.second-post.md')
    expect(line.parsed._id).toBe('content:2.second-post.md')
    expect(line.parsed._path).toBe('/second-post')
  })

  it('uses an explicit --content-dir (both spellings) for file and id', async () => {
    const dir = tempDir()
    put(dir, 'site/content/blog/post.md', '# Post\n')
    const spaced = await runCli(['parse', '--content-dir', 'site', 'site/content/blog/post.md'], dir)
    const joined = await runCli(['parse', `--content-dir=${join(dir, 'site/content')}`, 'site/content/blog/post.md'], dir)
    expect(spaced.code).toBe(0)
    expect(JSON.parse(spaced.lines[0]).file).toBe('content/blog/post.md')
    expect(parsedOf(spaced.lines[0])._id).toBe('content:content:blog:post.md')
    expect(parsedOf(spaced.lines[0])._path).toBe('/content/blog/post')
    expect(joined.code).toBe(0)
    expect(JSON.parse(joined.lines[0]).file).toBe('blog/post.md')
    expect(parsedOf(joined.lines[0])._id).toBe('content:blog:post.md')
  })

  it('the sample post parsed with --content-dir equals the reference too', async () => {
    const run = await runCli(['parse', '--content-dir', 'tests/fixtures/sample-site/content', samplePost])
    expect(run.stdout).toBe(`{"file":"blog/2024-01-16-llama2.md","version":"2.7.2","parsed":${expectedSampleParsed}}\n`)
  })

  it('reports a file outside --content-dir as an error line', async () => {
    const dir = tempDir()
    put(dir, 'content/a.md', '# A\n')
    put(dir, 'elsewhere/b.md', '# B\n')
    const run = await runCli(['parse', '--content-dir', 'content', 'elsewhere/b.md', 'content/a.md'], dir)
    expect(run.code).toBe(1)
    expect(JSON.parse(run.lines[0])).toEqual({ file: '../elsewhere/b.md', error: { message: `not inside the content dir ${join(dir, 'content')}`, kind: 'outside-content-dir' } })
    expect(JSON.parse(run.lines[1]).file).toBe('a.md')
  })

  it('rejects a --content-dir that is not a folder with a usage error', async () => {
    const run = await runCli(['parse', '--content-dir', 'no/such/folder', samplePost])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('--content-dir no/such/folder is not a folder')
  })
})

describe('inkpost parse: bad input gives an error line and the run continues', () => {
  const badYaml = '---\ntitle: Fine\ntags: [one, two\nnext: 1\n---\n\n# Body still here\n'

  it('invalid YAML frontmatter: error with line and column, exit 1, later files still parsed', async () => {
    const dir = tempDir()
    put(dir, 'content/bad-yaml.md', badYaml)
    put(dir, 'content/good.md', '# Good\n')
    const run = await runCli(['parse', 'content/bad-yaml.md', 'content/good.md'], dir)
    expect(run.code).toBe(1)
    expect(run.lines).toHaveLength(2)
    const bad = JSON.parse(run.lines[0])
    expect(Object.keys(bad)).toEqual(['file', 'error'])
    expect(bad.file).toBe('bad-yaml.md')
    expect(bad.error.kind).toBe('frontmatter')
    expect(typeof bad.error.message).toBe('string')
    expect(bad.error.line).toBeGreaterThanOrEqual(3)
    expect(bad.error.line).toBeLessThanOrEqual(5)
    expect(bad.error.column).toBeGreaterThanOrEqual(1)
    expect(Object.keys(bad.error)).toEqual(['message', 'line', 'column', 'kind'])
    expect(parsedOf(run.lines[1])._path).toBe('/good')
    expect(run.stderr).toBe('inkpost parse: 1 of 2 files failed\n')
  })

  it('binary and non-UTF-8 files: "not a UTF-8 text file"', async () => {
    const dir = tempDir()
    put(dir, 'content/image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))
    put(dir, 'content/latin1.md', new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a])) // "# Café" in Latin-1
    put(dir, 'content/ok.md', 'fine\n')
    const run = await runCli(['parse', 'content/image.md', 'content/latin1.md', 'content/ok.md'], dir)
    expect(run.code).toBe(1)
    const [image, latin1, ok] = run.lines.map((l) => JSON.parse(l))
    expect(image.file).toBe('image.md')
    expect(image.error.message).toContain('not a UTF-8 text file')
    expect(image.error.kind).toBe('encoding')
    expect(latin1.error.message).toContain('not a UTF-8 text file')
    expect(ok.parsed._path).toBe('/ok')
  })

  it('a post with a NUL byte (valid UTF-8) parses like the site parses it (NUL shown as U+FFFD)', async () => {
    const dir = tempDir()
    put(dir, 'content/nul.md', new TextEncoder().encode('---\ntitle: Nul\n---\n\nA \u0000 NUL.\n'))
    const run = await runCli(['parse', 'content/nul.md'], dir)
    expect(run.code).toBe(0)
    const [nul] = run.lines.map((l) => JSON.parse(l))
    expect(nul.parsed.body.children).toEqual([{ type: 'element', tag: 'p', props: {}, children: [{ type: 'text', value: 'A \uFFFD NUL.' }] }])
  })

  it('missing files, special files: error lines in argument order', async () => {
    const dir = tempDir()
    put(dir, 'content/real.md', '# Real\n')
    const run = await runCli(['parse', 'content/missing.md', 'content/real.md', '/dev/null', 'nowhere/x.md'], dir)
    expect(run.code).toBe(1)
    expect(run.lines.map((l) => JSON.parse(l))).toEqual([
      { file: 'missing.md', error: { message: 'no such file', kind: 'read' } },
      expect.objectContaining({ file: 'real.md' }),
      { file: 'null', error: { message: 'not a regular file', kind: 'read' } },
      { file: 'x.md', error: { message: 'no such file', kind: 'read' } },
    ])
    expect(run.stderr).toBe('inkpost parse: 3 of 4 files failed\n')
  })

  it('an unreadable file (EACCES) is an error line (fs injected: tests run as root)', async () => {
    const dir = tempDir()
    const locked = put(dir, 'content/locked.md', '# Locked\n')
    put(dir, 'content/open.md', '# Open\n')
    const fs = {
      stat, readdir,
      readFile: async (path: string) => {
        if (path === locked) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' })
        return readFile(path)
      },
    }
    const stdout = new Collector()
    const code = await runParse(['content/locked.md', 'content/open.md'], { stdout, stderr: new Collector(), cwd: dir }, { fs })
    expect(code).toBe(1)
    const [a, b] = stdout.text.trim().split('\n').map((l) => JSON.parse(l))
    expect(a).toEqual({ file: 'locked.md', error: { message: 'permission denied: cannot read this file', kind: 'read' } })
    expect(b.parsed._path).toBe('/open')
  })

  it('a parser that throws unexpectedly still yields an error line, not a crash', async () => {
    const dir = tempDir()
    put(dir, 'content/a.md', '# A\n')
    put(dir, 'content/b.md', '# B\n')
    const stdout = new Collector()
    const parser = {
      decodePostText: (bytes: Uint8Array) => new TextDecoder().decode(bytes),
      contentIdFor: (rel: string) => 'content:' + rel,
      tryParsePost: (source: string) => {
        if (source.includes('A')) throw new RangeError('Maximum call stack size exceeded')
        return { parsed: { ok: true } as never, error: null }
      },
    }
    const code = await runParse(['content/a.md', 'content/b.md'], { stdout, stderr: new Collector(), cwd: dir }, { parser })
    expect(code).toBe(1)
    expect(stdout.text).toBe(
      '{"file":"a.md","error":{"message":"too deeply nested to parse (Maximum call stack size exceeded)","kind":"too-deep"}}\n' +
      '{"file":"b.md","version":"2.7.2","parsed":{"ok":true}}\n')
  })

  it('10,000-deep blockquotes do not crash the run', async () => {
    const dir = tempDir()
    put(dir, 'content/deep.md', '>'.repeat(10_000) + ' deep\n')
    put(dir, 'content/after.md', '# After\n')
    const run = await runCli(['parse', 'content/deep.md', 'content/after.md'], dir)
    expect(run.lines).toHaveLength(2)
    const deep = JSON.parse(run.lines[0])
    expect(deep.file).toBe('deep.md')
    // the site overflows its stack on this too; the parser refuses it up front, naming the line
    expect(deep.parsed).toBeUndefined()
    expect(deep.error.kind).toBe('too-deep')
    expect(deep.error.message).toMatch(/^The post is nested too deeply to parse \(about 10000 nested levels; the limit is 1000\).*line 1, column/)
    expect(parsedOf(run.lines[1])._path).toBe('/after')
  })
})

describe('inkpost parse: order, folders, many files', () => {
  it('prints in argument order, repeating a file given twice', async () => {
    const dir = tempDir()
    for (const name of ['c', 'a', 'b']) put(dir, `content/${name}.md`, `# ${name}\n`)
    const run = await runCli(['parse', 'content/c.md', 'content/a.md', 'content/b.md', 'content/c.md'], dir)
    expect(run.code).toBe(0)
    expect(run.lines.map((l) => JSON.parse(l).file)).toEqual(['c.md', 'a.md', 'b.md', 'c.md'])
    expect(run.lines.map((l) => parsedOf(l).title)).toEqual(['c', 'a', 'b', 'c'])
  })

  it('a folder expands to every .md under it, sorted, skipping dot-folders and other files', async () => {
    const dir = tempDir()
    put(dir, 'site/content/blog/b.md', '# b\n')
    put(dir, 'site/content/blog/a.md', '# a\n')
    put(dir, 'site/content/blog/notes.txt', 'not markdown')
    put(dir, 'site/content/1.index.md', '# home\n')
    put(dir, 'site/content/.drafts/hidden.md', '# hidden\n')
    put(dir, 'site/content/docs/2.guide/1.start.md', '# start\n')
    symlinkSync(join(dir, 'site/content/blog/a.md'), join(dir, 'site/content/linked.md'))
    const run = await runCli(['parse', 'site/content/', 'site/content/blog/b.md'], dir)
    expect(run.code).toBe(0)
    expect(run.lines.map((l) => JSON.parse(l).file)).toEqual(['1.index.md', 'blog/a.md', 'blog/b.md', 'docs/2.guide/1.start.md', 'linked.md', 'blog/b.md'])
    expect(parsedOf(run.lines[3])._path).toBe('/docs/guide/start')
  })

  it('a folder outside any content folder is its own content dir', async () => {
    const dir = tempDir()
    put(dir, 'posts/x.md', '# x\n')
    put(dir, 'posts/sub/y.md', '# y\n')
    const run = await runCli(['parse', 'posts'], dir)
    expect(run.lines.map((l) => JSON.parse(l).file)).toEqual(['sub/y.md', 'x.md'])
    expect(parsedOf(run.lines[0])._id).toBe('content:sub:y.md')
  })

  it('an empty folder is an error line', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'content/empty'), { recursive: true })
    const run = await runCli(['parse', 'content/empty'], dir)
    expect(run.code).toBe(1)
    expect(JSON.parse(run.lines[0])).toEqual({ file: 'empty/', error: { message: 'no .md files in this folder', kind: 'empty-folder' } })
  })

  it('waits for a slow reader (backpressure) and loses no line', async () => {
    const dir = tempDir()
    const files = Array.from({ length: 120 }, (_, i) => put(dir, `content/p${String(i).padStart(3, '0')}.md`, `# Post ${i}\n\n${'word '.repeat(200)}\n`))
    let maxBuffered = 0
    const lines: string[] = []
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk, _enc, done) {
        lines.push(chunk.toString())
        setTimeout(done, 1)
      },
    })
    const origWrite = slow.write.bind(slow)
    slow.write = ((chunk: string) => {
      const ok = origWrite(chunk)
      maxBuffered = Math.max(maxBuffered, slow.writableLength)
      return ok
    }) as typeof slow.write
    const code = await runParse(files, { stdout: slow, stderr: new Collector(), cwd: dir })
    await new Promise<void>((resolve) => slow.end(resolve))
    expect(code).toBe(0)
    expect(lines).toHaveLength(120)
    expect(lines.map((l) => JSON.parse(l).parsed.title)).toEqual(files.map((_, i) => `Post ${i}`))
    // never more than one line queued past the high-water mark: the command waited for 'drain'
    const longest = Math.max(...lines.map((l) => Buffer.byteLength(l)))
    expect(maxBuffered).toBeLessThanOrEqual(1024 + longest)
  })

  it('stops quietly when the reader goes away (EPIPE) without reading the rest', async () => {
    const dir = tempDir()
    const files = Array.from({ length: 50 }, (_, i) => put(dir, `content/p${i}.md`, `# ${i}\n`))
    let written = 0
    const closing = new Writable({
      write(_chunk, _enc, done) {
        written++
        if (written === 3) done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
        else done()
      },
    })
    let reads = 0
    const fs = { stat, readdir, readFile: async (p: string) => { reads++; return readFile(p) } }
    const stderr = new Collector()
    const code = await runParse(files, { stdout: closing, stderr, cwd: dir }, { fs })
    expect(code).toBe(0)
    expect(stderr.text).toBe('')
    expect(reads).toBeLessThan(10)
  })

  it('reports other output failures (e.g. disk full) on stderr with exit 1', async () => {
    const failing = new Writable({ write(_c, _e, done) { done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) } })
    const stderr = new Collector()
    const code = await runParse([samplePost, samplePost], { stdout: failing, stderr, cwd: repoRoot })
    expect(code).toBe(1)
    expect(stderr.text).toContain('cannot write the output: ENOSPC')
  })
})

describe('inkpost: commands, help, usage errors', () => {
  it('--version and help print to stdout with exit 0', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` })
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('inkpost parse [--content-dir DIR] FILE|FOLDER...')
    expect(help.stdout).toContain('inkpost serve SITE_DIR')
    const parseHelp = await runCli(['parse', '--help'])
    expect(parseHelp.code).toBe(0)
    expect(parseHelp.stdout).toContain('Usage: inkpost parse')
    expect((await runCli(['help', 'parse'])).stdout).toBe(parseHelp.stdout)
  })

  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['--frob'], 'unknown option --frob'],
    [['parse'], 'no files given'],
    [['parse', '--strict', 'a.md'], 'unknown option --strict'],
    [['parse', '--content-dir'], '--content-dir needs a folder'],
    [['parse', '--content-dir', 'a', '--content-dir', 'b', 'x.md'], '--content-dir given twice'],
    [['--version', 'extra'], '--version takes no arguments'],
    [[], 'Usage:'],
  ])('%j is a usage error (exit 2, nothing on stdout)', async (args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(message)
  })

  it('serve is loaded on demand and gets the same streams', async () => {
    const help = await runCli(['help', 'serve'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('inkpost serve SITE_DIR')
    const bad = await runCli(['serve', '--no-such-option'])
    expect(bad.code).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toContain('--no-such-option')
  })

  it('-- ends the options so a file may start with a dash', async () => {
    const dir = tempDir()
    copyFileSync(samplePost, join(dir, '-dash.md'))
    writeFileSync(join(dir, 'other.md'), '# other\n')
    const run = await runCli(['parse', '--', '-dash.md', 'other.md'], dir)
    expect(run.code).toBe(0)
    expect(run.lines.map((l) => JSON.parse(l).file)).toEqual(['-dash.md', 'other.md'])
  })
})
