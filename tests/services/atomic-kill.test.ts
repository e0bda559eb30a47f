// 100 saves interrupted by `kill -9` at random moments: the file must always hold exactly the old
// or the new bytes, and the temp files a killed writer leaves are swept by the next save/listing.
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isTempName } from '../../electron/services/atomic-write'
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

async function oneRun(index: number): Promise<{ outcome: 'old' | 'new'; leftovers: number }> {
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
  await new Promise((r) => setTimeout(r, Math.random() * 40))
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await exited
  const bytes = readFileSync(target)
  const outcome = bytes.equals(contentA) ? 'old' : bytes.equals(contentB) ? 'new' : null
  if (!outcome) throw new Error(`run ${index}: torn file (${bytes.length} bytes)`)
  const names = readdirSync(dir)
  for (const name of names) if (name !== 'post.md' && !isTempName(name)) throw new Error(`run ${index}: unexpected file ${name}`)
  const leftovers = names.filter(isTempName).length
  // the next save (here: the real post.save of a fresh host) sweeps what the killed writer left
  const { services } = makeServices()
  await services.site.open(site)
  const doc = await services.post.read('blog/post.md')
  await services.post.save('blog/post.md', 'saved after the crash\n', doc.version)
  expect(readdirSync(dir)).toEqual(['post.md'])
  expect(readFileSync(target, 'utf8')).toBe('saved after the crash\n')
  return { outcome, leftovers }
}

describe('atomic save under kill -9', () => {
  it(`keeps the file exactly old or new across ${RUNS} killed writers and sweeps their temp files`, async () => {
    const results: Array<{ outcome: 'old' | 'new'; leftovers: number }> = []
    let next = 0
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      while (next < RUNS) results.push(await oneRun(next++))
    }))
    expect(results).toHaveLength(RUNS)
    const newCount = results.filter((r) => r.outcome === 'new').length
    const interrupted = results.filter((r) => r.leftovers > 0).length
    console.log(`kill -9: ${RUNS} runs, every file complete: ${newCount} held version B, ${RUNS - newCount} version A (the writer alternates A/B); ${interrupted} killed mid-write (temp left, then swept)`)
    // the writers really replaced the file (otherwise the test would prove nothing)
    expect(newCount).toBeGreaterThan(0)
  })
})
