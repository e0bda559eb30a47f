// 100 saves interrupted by `kill -9` at random moments: the file must always hold exactly the old
// or the new bytes, and the temp files a killed writer leaves are swept by the next save/listing.
// The writer is killed at a random point of its write loop (it writes 600 KB and fsyncs per save,
// so most kills land while a temp file exists): the run must show that writes really were cut off
// (temp files left behind) and that every one of them was swept. Counts go to `npm test`'s summary.
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isTempName } from '../../electron/services/atomic-write'
import { reportCounts } from '../support/report-counts'
import { nodeFs } from '../../electron/services/fs-facade'
import { cleanupTemps, makeServices, repoRoot, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

const RUNS = 100
const PARALLEL = 4
let work: string
let driver: string
let contentA: Buffer
let contentB: Buffer

beforeAll(async () => {
  work = tempDir('inkpost-kill-')
  await build({
    stdin: { contents: "export { atomicWriteFile } from './electron/services/atomic-write'\nexport { nodeFs } from './electron/services/fs-facade'\n", resolveDir: repoRoot, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', outfile: path.join(work, 'atomic.mjs'), logLevel: 'error',
  })
  driver = path.join(work, 'driver.mjs')
  // the child runs the write step of post.save (atomicWriteFile) in a loop, alternating two contents;
  // it loads only that module so 100 child processes start fast
  writeFileSync(driver, [
    "import { readFileSync } from 'node:fs'",
    "import { atomicWriteFile, nodeFs } from './atomic.mjs'",
    'const [target, a, b] = process.argv.slice(2)',
    'const A = readFileSync(a), B = readFileSync(b)',
    "process.stdout.write('ready\\n')",
    'for (let i = 0; ; i++) await atomicWriteFile(nodeFs, target, i % 2 === 0 ? B : A)',
  ].join('\n'))
  // two distinct 600 KB contents with the same length, so a torn file cannot look like either
  contentA = Buffer.alloc(600_000, 'A')
  contentB = Buffer.alloc(600_000, 'B')
  writeFileSync(path.join(work, 'A'), contentA)
  writeFileSync(path.join(work, 'B'), contentB)
})

/** What one killed writer left: the file (old, new or torn), its temp files, and those still there after the next save. */
interface RunResult { outcome: 'old' | 'new' | 'torn'; leftovers: number; afterSweep: number; strays: string[] }

async function oneRun(index: number): Promise<RunResult> {
  const site = path.join(work, `run-${index}`)
  const dir = path.join(site, 'content', 'blog')
  const target = path.join(dir, 'post.md')
  await nodeFs.mkdir(dir)
  writeFileSync(target, contentA)
  const child = spawn(process.execPath, [driver, target, path.join(work, 'A'), path.join(work, 'B')], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('error', reject)
  })
  // a random moment of the write loop (one save takes a few ms; a loaded machine only makes it longer)
  await new Promise((r) => setTimeout(r, 2 + Math.random() * 40))
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await exited
  const bytes = readFileSync(target)
  const outcome = bytes.equals(contentA) ? 'old' : bytes.equals(contentB) ? 'new' : 'torn'
  const names = readdirSync(dir)
  const strays = names.filter((name) => name !== 'post.md' && !isTempName(name))
  const leftovers = names.filter(isTempName).length
  // the next save (here: the real post.save of a fresh host) sweeps what the killed writer left
  const { services } = makeServices()
  await services.site.open(site)
  const doc = await services.post.read('blog/post.md')
  await services.post.save('blog/post.md', 'saved after the crash\n', doc.version)
  expect(readFileSync(target, 'utf8')).toBe('saved after the crash\n')
  return { outcome, leftovers, afterSweep: readdirSync(dir).filter(isTempName).length, strays }
}

describe('atomic save under kill -9', () => {
  it(`keeps the file exactly old or new across ${RUNS} killed writers and sweeps their temp files`, async () => {
    const results: RunResult[] = []
    let next = 0
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      while (next < RUNS) results.push(await oneRun(next++))
    }))
    const newCount = results.filter((r) => r.outcome === 'new').length
    const interrupted = results.filter((r) => r.leftovers > 0).length
    const counts = {
      rounds: results.length,
      interrupted,
      tornFiles: results.filter((r) => r.outcome === 'torn').length,
      tempsLeft: results.reduce((sum, r) => sum + r.afterSweep, 0),
    }
    console.log(`kill -9: ${RUNS} runs: ${newCount} held version B, ${RUNS - newCount - counts.tornFiles} version A, ${counts.tornFiles} torn; ${interrupted} killed mid-write (${results.reduce((s, r) => s + r.leftovers, 0)} temp files left, ${counts.tempsLeft} still there after the next save)`)
    reportCounts({ name: 'kill-9', counts, mustBeZero: ['tornFiles', 'tempsLeft'], mustBePositive: ['rounds', 'interrupted'] })
    expect(results).toHaveLength(RUNS)
    expect(counts.tornFiles).toBe(0)
    expect(results.flatMap((r) => r.strays)).toEqual([])
    expect(counts.tempsLeft).toBe(0)
    // the kills really cut writes off (a temp file was left) and the writers really replaced the file:
    // otherwise the test would prove nothing
    expect(interrupted).toBeGreaterThan(0)
    expect(newCount).toBeGreaterThan(0)
  }, 60_000)
})
