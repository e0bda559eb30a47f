// Helpers for the CLI tests: run main() in-process with captured streams, make temp sites.
import { Writable } from 'node:stream'
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '../../electron/cli/inkpost-cli.js'
import type { CliIo } from '../../electron/cli/cli-io.js'

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..')
/** The sample post, and its expected `parsed` serialised exactly as the reference produced it. */
export const samplePost = join(repoRoot, 'tests/fixtures/sample-site/content/blog/2024-01-16-llama2.md')
/** `JSON.stringify` of the expected file's `parsed`. */
export const expectedSampleParsed = JSON.stringify(JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/expected/2024-01-16-llama2.md.json'), 'utf8')).parsed)

/** A Writable that collects everything written to it as text. */
export class Collector extends Writable {
  chunks: string[] = []
  constructor(options: ConstructorParameters<typeof Writable>[0] = {}) { super(options) }
  _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString('utf8'))
    done()
  }
  get text(): string { return this.chunks.join('') }
}

/** Result of an in-process CLI run. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
  /** stdout split into lines (without the trailing empty one). */
  lines: string[]
}

/** Runs `main(args)` in-process with captured output, in `cwd`. */
export async function runCli(args: string[], cwd = repoRoot, stdout: Writable = new Collector()): Promise<CliRun> {
  const stderr = new Collector()
  const io: CliIo = { stdout, stderr, cwd }
  const code = await main(args, io)
  const out = stdout instanceof Collector ? stdout.text : ''
  return { code, stdout: out, stderr: stderr.text, lines: out.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '') }
}

/** A fresh temp folder. */
export function tempDir(prefix = 'inkpost-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** Writes `content` to `root/rel`, creating folders; returns the absolute path. */
export function put(root: string, rel: string, content: string | Uint8Array): string {
  const path = join(root, rel)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
  return path
}

const made: string[] = []
/** Removes every folder `tempDir` made (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}
