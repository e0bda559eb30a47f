// `inkpost import CACHE.json [--out FILE.md] [--force]`, run in-process with captured streams.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { runImport } from '../../electron/cli/import-command'
import type { CliIo } from '../../electron/cli/cli-io'
import { Collector, put, removeTempDirs, repoRoot, tempDir } from '../cli/cli-harness'
import { tryParsePost } from '../../shared/parser'

afterAll(() => removeTempDirs())

const sampleEntry = join(repoRoot, 'tests/fixtures/expected/2024-01-16-llama2.md.json')
const sampleParsed = JSON.stringify(JSON.parse(readFileSync(sampleEntry, 'utf8')).parsed)

async function run(args: string[], cwd = repoRoot, stdin?: string) {
  const stdout = new Collector()
  const stderr = new Collector()
  const io: CliIo = { stdout, stderr, cwd, stdin: stdin === undefined ? undefined : Readable.from([stdin]) }
  const code = await runImport(args, io)
  return { code, stdout: stdout.text, stderr: stderr.text }
}

describe('inkpost import', () => {
  it('prints the markdown to stdout and reports an exact round trip', async () => {
    const result = await run([sampleEntry])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/Round trip: exact/)
    expect(JSON.stringify(tryParsePost(result.stdout, { id: 'content:blog:2024-01-16-llama2.md' }).parsed)).toBe(sampleParsed)
  })

  it('writes --out atomically, refuses to overwrite it, and replaces it with --force', async () => {
    const dir = tempDir('inkpost-import-')
    const written = await run([sampleEntry, '--out', 'post.md'], dir)
    expect(written.code).toBe(0)
    expect(written.stdout).toBe('')
    expect(written.stderr).toMatch(/Wrote post\.md \(blog\/2024-01-16-llama2\.md in the site's content folder\)\. Round trip: exact/)
    const text = readFileSync(join(dir, 'post.md'), 'utf8')
    expect(JSON.stringify(tryParsePost(text, { id: 'content:blog:2024-01-16-llama2.md' }).parsed)).toBe(sampleParsed)

    writeFileSync(join(dir, 'post.md'), 'my edits\n')
    const refused = await run([sampleEntry, '--out=post.md'], dir)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/post\.md already exists; not overwritten \(use --force/)
    expect(readFileSync(join(dir, 'post.md'), 'utf8')).toBe('my edits\n')

    const forced = await run([sampleEntry, '--out', 'post.md', '--force'], dir)
    expect(forced.code).toBe(0)
    expect(readFileSync(join(dir, 'post.md'), 'utf8')).toBe(text)
  })

  it('reads the entry from standard input with -', async () => {
    const result = await run(['-'], repoRoot, readFileSync(sampleEntry, 'utf8'))
    expect(result.code).toBe(0)
    expect(result.stdout.startsWith('---\ntitle: LLaMA 2')).toBe(true)
  })

  it('prints warnings and exits 1 when the round trip is not exact', async () => {
    const dir = tempDir('inkpost-import-')
    const entry = JSON.parse(readFileSync(sampleEntry, 'utf8'))
    entry.parsed.body.children.unshift({ type: 'element', tag: 'p', props: {}, children: [{ type: 'element', tag: 'input', props: { type: 'checkbox', checked: false }, children: [] }] })
    const file = put(dir, 'entry.json', JSON.stringify(entry))
    const result = await run([file, '--out', join(dir, 'out.md')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^warning: <(p|input)>.*could not be written/m)
    expect(result.stderr).toMatch(/Round trip: NOT exact/)
    expect(existsSync(join(dir, 'out.md'))).toBe(true)
  })

  it('fails clearly on a missing file, bad JSON and a bad entry', async () => {
    const dir = tempDir('inkpost-import-')
    const missing = await run(['nope.json'], dir)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe('inkpost import: nope.json: no such file\n')
    put(dir, 'bad.json', '{"parsed": ')
    const bad = await run(['bad.json'], dir)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^inkpost import: bad\.json is not valid JSON: /)
    put(dir, 'array.json', '[]')
    const array = await run(['array.json'], dir)
    expect(array.code).toBe(1)
    expect(array.stderr).toBe('inkpost import: The cache entry is not a JSON object (got an array)\n')
    put(dir, 'root.json', JSON.stringify({ parsed: { _id: 'content:x.md', body: { type: 'element' } } }))
    const root = await run(['root.json', '--out', 'x.md'], dir)
    expect(root.code).toBe(1)
    expect(root.stderr).toMatch(/"parsed\.body" is not a minimark root/)
    expect(existsSync(join(dir, 'x.md'))).toBe(false)
    const noFolder = await run([sampleEntry, '--out', join(dir, 'missing/x.md')])
    expect(noFolder.code).toBe(1)
    expect(noFolder.stderr).toMatch(/its folder does not exist/)
  })

  it('exits 2 on usage errors and prints help', async () => {
    expect((await run([])).code).toBe(2)
    const unknown = await run([sampleEntry, '--bogus'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown option --bogus\nUsage: inkpost import/)
    expect((await run(['a.json', 'b.json'])).code).toBe(2)
    expect((await run([sampleEntry, '--out'])).code).toBe(2)
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: inkpost import CACHE\.json \[--out FILE\.md\] \[--force\]/)
  })
})
