// `inkpost parse -`: one post from standard input, in-process through main() with an injected
// stdin. Unnamed it is `"file": "-"` with id content:stdin.md; `--stdin-path` names it like a file.
import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { main } from '../../electron/cli/inkpost-cli.js'
import type { CliIo } from '../../electron/cli/cli-io.js'
import { Collector, expectedSampleParsed, put, repoRoot, runCli, samplePost, tempDir, removeTempDirs } from './cli-harness.js'

afterAll(removeTempDirs)

const sampleText = readFileSync(samplePost, 'utf8')

/** Runs `main(args)` with `input` as standard input (omitted: a run with no stdin at all). */
async function runWithStdin(args: string[], input: string | Uint8Array | Readable | undefined, cwd = repoRoot) {
  const stdout = new Collector()
  const stderr = new Collector()
  const stdin = input === undefined ? undefined : input instanceof Readable ? input : Readable.from([typeof input === 'string' ? Buffer.from(input) : Buffer.from(input)])
  const io: CliIo = { stdout, stderr, cwd, ...(stdin ? { stdin } : {}) }
  const code = await main(args, io)
  return { code, stdout: stdout.text, stderr: stderr.text, lines: stdout.text.split('\n').filter(Boolean).map((l) => JSON.parse(l)) }
}

describe('inkpost parse -: reading a post from standard input', () => {
  it('an unnamed post is "file": "-" with content id content:stdin.md, parsed like content/stdin.md', async () => {
    const post = "---\ntitle: 'From a pipe'\ntags: [a]\n---\n\n# Heading\n\nSome *text*.\n"
    const run = await runWithStdin(['parse', '-'], post)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.lines).toHaveLength(1)
    expect(run.lines[0].file).toBe('-')
    expect(run.lines[0].parsed).toMatchObject({ _id: 'content:stdin.md', _path: '/stdin', _file: 'stdin.md', title: 'From a pipe' })
    // exactly what the same text saved as content/stdin.md gives
    const dir = tempDir()
    put(dir, 'content/stdin.md', post)
    const onDisk = await runCli(['parse', 'content/stdin.md'], dir)
    expect(JSON.stringify(run.lines[0].parsed)).toBe(JSON.stringify(JSON.parse(onDisk.lines[0]).parsed))
  })

  it('--stdin-path names it like a file: the sample post is byte-identical to the reference', async () => {
    const run = await runWithStdin(['parse', '--stdin-path', 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md', '-'], sampleText)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`{"file":"blog/2024-01-16-llama2.md","version":"2.7.2","parsed":${expectedSampleParsed}}\n`)
    // PATH is never read: a path that does not exist works, and a BOM + CRLF stdin gives the same output
    const crlf = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(sampleText.replace(/\n/g, '\r\n'))])
    const named = await runWithStdin(['parse', '--stdin-path=nowhere/content/blog/2024-01-16-llama2.md', '-'], crlf)
    expect(named.code).toBe(0)
    expect(named.stdout).toBe(run.stdout)
  })

  it('--stdin-path is taken relative to --content-dir, and outside it is an error line', async () => {
    const dir = tempDir()
    put(dir, 'site/posts/.keep', '')
    const inside = await runWithStdin(['parse', '--content-dir', 'site/posts', '--stdin-path', 'site/posts/notes/today.md', '-'], '# Today\n', dir)
    expect(inside.code).toBe(0)
    expect(inside.lines[0].file).toBe('notes/today.md')
    expect(inside.lines[0].parsed).toMatchObject({ _id: 'content:notes:today.md', _path: '/notes/today', title: 'Today' })
    const outside = await runWithStdin(['parse', '--content-dir', 'site/posts', '--stdin-path', 'elsewhere/x.md', '-'], '# X\n', dir)
    expect(outside.code).toBe(1)
    expect(outside.lines).toEqual([{ file: '../../elsewhere/x.md', error: { message: `not inside the content dir ${join(dir, 'site/posts')}`, kind: 'outside-content-dir' } }])
  })

  it('takes its place among files, and is read only when its turn comes', async () => {
    const dir = tempDir()
    put(dir, 'content/a.md', '# A\n')
    put(dir, 'content/b.md', '# B\n')
    let reads = 0
    let sent = false
    const stdin = new Readable({
      read() {
        reads++
        if (sent) { this.push(null); return }
        sent = true
        this.push(Buffer.from('# Piped\n'))
      },
    })
    const readsAtLine: number[] = []
    const stdout = new Collector()
    const write = stdout._write.bind(stdout)
    stdout._write = (chunk, enc, done) => { readsAtLine.push(reads); write(chunk, enc, done) }
    const stderr = new Collector()
    const code = await main(['parse', 'content/a.md', '-', 'content/b.md'], { stdout, stderr, cwd: dir, stdin })
    expect(code).toBe(0)
    const lines = stdout.text.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.file, l.parsed.title])).toEqual([['a.md', 'A'], ['-', 'Piped'], ['b.md', 'B']])
    expect(readsAtLine[0]).toBe(0) // a.md was written before standard input was touched
    expect(readsAtLine[1]).toBeGreaterThan(0)
  })

  it('an empty standard input is an empty post', async () => {
    const run = await runWithStdin(['parse', '-'], '')
    expect(run.code).toBe(0)
    expect(run.lines[0]).toMatchObject({ file: '-', parsed: { _id: 'content:stdin.md', _path: '/stdin', _type: 'markdown' } })
  })

  it('bad input on stdin is an error line like a bad file: invalid YAML, not UTF-8', async () => {
    const yaml = await runWithStdin(['parse', '-'], '---\ntitle: [unclosed\n---\nbody\n')
    expect(yaml.code).toBe(1)
    expect(yaml.lines[0]).toMatchObject({ file: '-', error: { kind: 'frontmatter', line: expect.any(Number), column: expect.any(Number) } })
    expect(yaml.stderr).toBe('inkpost parse: 1 of 1 file failed\n')
    const binary = await runWithStdin(['parse', '-'], new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x0a]))
    expect(binary.code).toBe(1)
    expect(binary.lines[0].error.message).toContain('not a UTF-8 text file')
  })

  it('a failing or missing standard input is a read error line and the run goes on', async () => {
    const broken = new Readable({ read() { this.destroy(Object.assign(new Error('boom'), { code: 'EIO' })) } })
    const run = await runWithStdin(['parse', '-', samplePost], broken)
    expect(run.code).toBe(1)
    expect(run.lines[0]).toEqual({ file: '-', error: { message: 'cannot read standard input: cannot read this file: EIO boom', kind: 'read' } })
    expect(run.lines[1].file).toBe('blog/2024-01-16-llama2.md')
    const none = await runWithStdin(['parse', '-'], undefined)
    expect(none.code).toBe(1)
    expect(none.lines[0]).toEqual({ file: '-', error: { message: 'cannot read standard input: there is no standard input in this run', kind: 'read' } })
  })

  it('./- is still a path named "-"; -- does not change what "-" means', async () => {
    const dir = tempDir()
    put(dir, '-/post.md', '# Dash folder\n')
    const folder = await runWithStdin(['parse', './-'], '# From stdin\n', dir)
    expect(folder.lines).toEqual([expect.objectContaining({ file: 'post.md', parsed: expect.objectContaining({ title: 'Dash folder' }) })])
    const afterDashes = await runWithStdin(['parse', '--', '-'], '# From stdin\n', dir)
    expect(afterDashes.lines[0]).toMatchObject({ file: '-', parsed: { title: 'From stdin', _id: 'content:stdin.md' } })
  })

  it.each([
    [['parse', '-', '-'], '- (standard input) can be given only once'],
    [['parse', '--stdin-path', 'a.md', 'b.md'], '--stdin-path names the post read from standard input, but - is not among the files'],
    [['parse', '--stdin-path'], '--stdin-path needs a path'],
    [['parse', '--stdin-path=', '-'], '--stdin-path needs a path'],
    [['parse', '--stdin-path', 'a.md', '--stdin-path', 'b.md', '-'], '--stdin-path given twice'],
  ])('%j is a usage error (exit 2, stdin not read)', async (args, message) => {
    let read = false
    const stdin = new Readable({ read() { read = true; this.push(null) } })
    const run = await runWithStdin(args, stdin)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(message)
    expect(read).toBe(false)
  })

  it('parse --help documents - and --stdin-path', async () => {
    const help = await runCli(['parse', '--help'])
    expect(help.stdout).toContain('Usage: inkpost parse [--content-dir DIR] [--stdin-path PATH] [--nuxt-content 2.7|2.13] [--options FILE.json] FILE|FOLDER|-...')
    expect(help.stdout).toMatch(/ {2}- {18}one post read from standard input/)
    expect(help.stdout).toContain('content id is content:stdin.md')
    expect(help.stdout).toContain('--stdin-path PATH  parse the standard input post as if it were saved at PATH')
  })
})
