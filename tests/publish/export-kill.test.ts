// A real kill -9 during an export: a child process exports a big generated post with many images
// and is SIGKILLed while it writes (at most 5 rounds, zip and folder). `out` must then be absent or a
// complete bundle that verifies, and the next export sweeps the temp sibling the killed one left.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyBundle } from '../../electron/services/bundle-verify'
import { nodeFs } from '../../electron/services/fs-facade'
import { reportCounts } from '../support/report-counts'
import { cleanupTemps, copySampleSite, openSite, repoRoot, runExportBundle, tempDir } from './publish-helpers'

afterAll(() => {
  cleanupTemps()
  if (driver) rmSync(driver, { force: true })
})

const IMAGES = 120
const IMAGE_BYTES = 400_000
const ROUNDS = 5
const POST = 'blog/big-post.md'
let driver: string
let siteDir: string

beforeAll(async () => {
  // inside the repo, so anything left external resolves from its node_modules
  driver = path.join(repoRoot, 'node_modules', '.cache', 'inkpost-test', `export-kill-${process.pid}.mjs`)
  await build({
    stdin: {
      contents: [
        "import { exportBundle } from './electron/services/bundle-export'",
        "import { nodeFs } from './electron/services/fs-facade'",
        "import { openCliSite } from './electron/cli/cli-site'",
        'const [siteDir, file, out, format] = process.argv.slice(2)',
        'const { context } = await openCliSite(siteDir, siteDir)',
        "await exportBundle({ fs: nodeFs, site: context.require(), files: [file], options: { out, format }, findings: [], inkpostVersion: 'kill-test', defaultOut: (n) => n,",
        "  onProgress: (p) => process.stdout.write(JSON.stringify(p) + '\\n') })",
        "process.stdout.write('done\\n')",
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', outfile: driver, logLevel: 'error', external: ['fsevents', 'sharp', 'svgo'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  })
  // a long post with many (incompressible) images
  siteDir = copySampleSite()
  const lines = ['---', "title: 'A very long post'", "date: '2024-03-01'", 'description: Generated for the kill test.', '---', '']
  for (let i = 1; i <= IMAGES; i++) {
    writeFileSync(path.join(siteDir, 'public', 'images', 'blogImg', `big-${i}.png`), randomBytes(IMAGE_BYTES))
    lines.push(`## Section ${i}`, '', `Paragraph ${i}: `.padEnd(400, 'lorem ipsum '), '', '<figure>', `    <img src="/images/blogImg/big-${i}.png" title="figure ${i}">`, `    <figcaption>Figure ${i}</figcaption>`, '</figure>', '')
  }
  writeFileSync(path.join(siteDir, 'content', POST), lines.join('\n'))
})

/** Spawns the exporter and SIGKILLs it once it has written `fraction` of its pieces; resolves when it is gone. */
async function killMidWrite(out: string, format: 'zip' | 'folder', fraction: number): Promise<{ killed: boolean; at: string }> {
  const child = spawn(process.execPath, [driver, siteDir, POST, out, format], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let killed = false
  let at = 'finished before the kill'
  let buffer = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk
    let nl
    while (!killed && (nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl)
      buffer = buffer.slice(nl + 1)
      if (line === 'done') continue
      const p = JSON.parse(line) as { step: string; done: number; total: number }
      if (p.step === 'Writing the bundle' && p.done >= Math.ceil(p.total * fraction)) {
        killed = child.kill('SIGKILL')
        at = `${format}: write ${p.done}/${p.total}`
      }
    }
  })
  await exited
  return { killed, at }
}

function tempSiblings(out: string): string[] {
  return readdirSync(path.dirname(out)).filter((name) => name.startsWith(`.${path.basename(out)}.inkpost-tmp-`))
}

describe('export under kill -9', () => {
  it(`leaves out absent or complete, and the next export sweeps the leftover (≤ ${ROUNDS} rounds)`, async () => {
    const outcomes: string[] = []
    const problems: string[] = []
    let midWrite = 0
    let rounds = 0
    let tornBundles = 0
    let tempsLeft = 0
    for (let round = 0; round < ROUNDS; round++) {
      rounds++
      const format = round % 2 === 0 ? 'folder' : 'zip'
      const dir = tempDir('inkpost-kill-')
      const out = path.join(dir, format === 'zip' ? 'big.zip' : 'big')
      const { killed, at } = await killMidWrite(out, format, 0.3 + 0.15 * round)
      const leftovers = tempSiblings(out)
      if (existsSync(out)) {
        const verified = await verifyBundle(nodeFs, out)
        if (verified.problems.length) {
          tornBundles++
          problems.push(`round ${round} (${at}): out exists but is not complete: ${verified.problems.join('; ')}`)
        }
      }
      // nothing else ever appears next to out
      const strays = readdirSync(dir).filter((n) => n !== path.basename(out) && !leftovers.includes(n))
      if (strays.length) problems.push(`round ${round}: unexpected ${strays.join(', ')}`)
      outcomes.push(`${at}: out ${existsSync(out) ? 'complete' : 'absent'}, ${leftovers.length} temp left`)
      if (killed && leftovers.length > 0) midWrite++

      // the next export (this process) sweeps what the killed one left and writes a complete bundle
      const site = await openSite(siteDir)
      await runExportBundle(site, [POST], { format, out, overwrite: true })
      tempsLeft += tempSiblings(out).length
      const after = readdirSync(dir).filter((n) => n !== path.basename(out))
      if (after.length) problems.push(`round ${round}: after the next export: ${after.join(', ')}`)
      if (!(await verifyBundle(nodeFs, out)).ok) problems.push(`round ${round}: the next export did not verify`)
      if (midWrite >= 2) break
    }
    console.log(`export kill -9: ${outcomes.join('; ')}`)
    reportCounts({ name: 'kill-9-export', counts: { rounds, interrupted: midWrite, tornBundles, tempsLeft }, mustBeZero: ['tornBundles', 'tempsLeft'], mustBePositive: ['rounds', 'interrupted'] })
    expect(problems).toEqual([])
    expect(tornBundles).toBe(0)
    expect(tempsLeft).toBe(0)
    // the kills really landed mid-write (otherwise the test would prove nothing)
    expect(midWrite).toBeGreaterThan(0)
  }, 180_000)
})
