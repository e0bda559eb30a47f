// Disk faults at every write step (issue 12, item 7): ENOSPC, EACCES, EIO, EROFS and EMFILE thrown
// by mkdir / open / write / fsync / close / chmod / rename / link during post.save, assets.importImage
// and the export bundle writer (zip and folder, new and replacing). Each call must reject with an `io`
// ServiceError that names the file, says what happened and what was kept in plain words; the files
// on disk must be byte-identical, no temp file and nothing partial may be left, and the same call
// must succeed once the fault clears. Counts go to `npm test`'s summary as `faults`.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { isTempName } from '../../electron/services/atomic-write'
import { verifyBundle } from '../../electron/services/bundle-verify'
import { nodeFs, type ServiceFs } from '../../electron/services/fs-facade'
import { ServiceError } from '../../shared/services/service-error'
import { openSite, runExportBundle } from '../publish/publish-helpers'
import { reportCounts } from '../support/report-counts'
import { cleanupTemps, copySampleSite, faultyFs, makeServices, SAMPLE_POST, tempDir, type Fault } from './service-test-helpers'

afterAll(cleanupTemps)

const CODES = ['ENOSPC', 'EACCES', 'EIO', 'EROFS', 'EMFILE'] as const
/** The plain words each code must be explained with. */
const WORDS: Record<(typeof CODES)[number], string> = {
  ENOSPC: 'the disk is full',
  EACCES: 'permission denied',
  EIO: 'input/output error',
  EROFS: 'read-only',
  EMFILE: 'too many open files',
}

type Step = Fault['op']

/** The post the export faults are tried on. */
const EXPORTED = 'blog/fault-test.md'

/** EROFS and EMFILE only come from the calls that create or rename (a read-only disk, no descriptor left): tried there only. */
const STEPS_OF: Partial<Record<(typeof CODES)[number], Step[]>> = {
  EROFS: ['mkdir', 'openForWrite', 'chmod', 'rename', 'link'],
  EMFILE: ['openForWrite'],
}
let planned = 0

/** Whether `code` is tried at `step` (and counts it as planned). */
function tried(code: (typeof CODES)[number], step: Step): boolean {
  const yes = STEPS_OF[code]?.includes(step) ?? true
  if (yes) planned++
  return yes
}

/** Every file below `dir` (relative) with its sha256: what "nothing lost, nothing partial, no temp" is checked against. */
function tree(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  let names: string[]
  try { names = readdirSync(dir) } catch { return out }
  for (const name of names) {
    const full = path.join(dir, name)
    const rel = prefix ? `${prefix}/${name}` : name
    if (statSync(full).isDirectory()) for (const [k, v] of tree(full, rel)) out.set(k, v)
    else out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'))
  }
  return out
}

function temps(files: Map<string, string>): string[] {
  return [...files.keys()].filter((rel) => rel.split('/').some(isTempName))
}

/** What one faulted call did, compared with the disk before it. */
interface Outcome { operation: string; step: Step; code: string; fired: boolean; dataLost: string[]; tempsLeft: string[]; partial: string[]; unclear: string | null; retried: boolean }

const outcomes: Outcome[] = []

/** An error is clear when it is an `io` error naming `names`, the errno in words and code, what was kept and what to do. */
function unclearReason(error: unknown, code: string, names: string[]): string | null {
  if (!(error instanceof ServiceError)) return `not a ServiceError: ${String(error)}`
  const m = error.message
  const missing = [
    error.code === 'io' ? null : `code ${error.code}`,
    error.details?.errno === code ? null : 'details.errno',
    m.includes(`(${code})`) ? null : `(${code})`,
    m.includes(WORDS[code as keyof typeof WORDS]) ? null : WORDS[code as keyof typeof WORDS],
    ...names.map((n) => (m.includes(n) ? null : n)),
    /unchanged|Nothing was/.test(m) ? null : 'what was kept',
    /then try again\.$/.test(m) ? null : 'what to do',
  ].filter(Boolean)
  return missing.length ? `${m} — missing: ${missing.join(', ')}` : null
}

/**
 * Runs `call` with `step` failing with `code` on paths `where` matches, then checks the disk against
 * `watched` (folders whose files must be unchanged) and runs `call` again without the fault.
 */
async function inject(operation: string, step: Step, code: string, setup: {
  faults: Fault[]
  where: (p: string) => boolean
  watched: string[]
  /** Files that may newly appear only on success (the final names). */
  names: string[]
  call: () => Promise<unknown>
  afterRetry: () => Promise<boolean>
}): Promise<void> {
  const before = setup.watched.map((dir) => tree(dir))
  let fired = false
  setup.faults.splice(0, setup.faults.length, { op: step, code, when: (p) => { const hit = setup.where(p); fired ||= hit; return hit } })
  const error = await setup.call().then(() => null, (e: unknown) => e)
  setup.faults.splice(0)
  const after = setup.watched.map((dir) => tree(dir))
  const dataLost: string[] = []
  const partial: string[] = []
  const left: string[] = []
  setup.watched.forEach((dir, i) => {
    for (const [rel, hash] of before[i]) if (after[i].get(rel) !== hash) dataLost.push(`${dir}/${rel}`)
    left.push(...temps(after[i]).map((rel) => `${dir}/${rel}`))
    for (const rel of after[i].keys()) if (!before[i].has(rel) && !temps(after[i]).includes(rel)) partial.push(`${dir}/${rel}`)
  })
  const unclear = fired ? (error === null ? 'the call succeeded although the fault fired' : unclearReason(error, code, setup.names)) : null
  let retried = false
  try { retried = (await setup.call().then(() => true)) && (await setup.afterRetry()) } catch { retried = false }
  outcomes.push({ operation, step, code, fired, dataLost, tempsLeft: left, partial, unclear, retried })
}

describe('disk faults at every write step', () => {
  it.each(CODES)('post.save under %s', async (code) => {
    const faults: Fault[] = []
    const site = copySampleSite()
    const { services } = makeServices({ fs: faultyFs(faults) })
    await services.site.open(site)
    const blog = path.join(site, 'content', 'blog')
    for (const step of ['mkdir', 'openForWrite', 'write', 'sync', 'close', 'chmod', 'rename'] as Step[]) {
      if (!tried(code, step)) continue
      const doc = await services.post.read(SAMPLE_POST)
      const text = `${doc.text}\nEdited while ${step} fails with ${code}.\n`
      await inject('post.save', step, code, {
        faults,
        where: (p) => p.startsWith(blog),
        watched: [blog],
        names: [SAMPLE_POST, 'Your text is kept in the editor'],
        call: () => services.post.save(SAMPLE_POST, text, doc.version),
        afterRetry: async () => readFileSync(path.join(site, 'content', SAMPLE_POST), 'utf8') === text,
      })
    }
  })

  it.each(CODES)('assets.importImage under %s', async (code) => {
    const faults: Fault[] = []
    const site = copySampleSite()
    const { services } = makeServices({ fs: faultyFs(faults) })
    await services.site.open(site)
    const images = path.join(site, 'public', 'images', 'blogImg')
    const post = readFileSync(path.join(site, 'content', SAMPLE_POST))
    let seed = 0
    for (const step of ['mkdir', 'openForWrite', 'write', 'sync', 'close', 'link'] as Step[]) {
      if (!tried(code, step)) continue
      const data = await sharp({ create: { width: 24, height: 16, channels: 3, background: { r: 40 + seed++ * 20, g: 90, b: 160 } } }).png().toBuffer()
      let src = ''
      await inject('assets.importImage', step, code, {
        faults,
        where: (p) => p.startsWith(images),
        watched: [images, path.join(site, 'content')],
        names: ['public/images/blogImg', 'the post is unchanged'],
        call: async () => { src = (await services.assets.importImage(SAMPLE_POST, { name: `figure-${step}.png`, data })).src },
        afterRetry: async () => readFileSync(path.join(site, 'public', src)).length > 0 && readFileSync(path.join(site, 'content', SAMPLE_POST)).equals(post),
      })
    }
  })

  it.each(CODES)('assets.importImage without hard links (exFAT, SMB) under %s', async (code) => {
    const faults: Fault[] = []
    const site = copySampleSite()
    const noLinks: ServiceFs = { ...nodeFs, link: async () => { throw Object.assign(new Error('ENOTSUP: link not supported'), { code: 'ENOTSUP' }) } }
    const { services } = makeServices({ fs: faultyFs(faults, noLinks) })
    await services.site.open(site)
    const images = path.join(site, 'public', 'images', 'blogImg')
    let seed = 0
    // the exclusive reservation of the final name, and the rename of the complete temp file onto it
    for (const step of ['openForWrite', 'rename'] as Step[]) {
      if (!tried(code, step)) continue
      const data = await sharp({ create: { width: 20, height: 14, channels: 3, background: { r: 200 - seed++ * 30, g: 60, b: 90 } } }).png().toBuffer()
      let src = ''
      await inject('assets.importImage (no hard links)', step, code, {
        faults,
        where: (p) => p.startsWith(images) && (step === 'rename' || !isTempName(path.basename(p))),
        watched: [images],
        names: ['public/images/blogImg', 'the post is unchanged'],
        call: async () => { src = (await services.assets.importImage(SAMPLE_POST, { name: `exfat-${step}.png`, data })).src },
        afterRetry: async () => readFileSync(path.join(site, 'public', src)).length > 0,
      })
    }
  })

  it.each(CODES)('export under %s', async (code) => {
    const faults: Fault[] = []
    const fs = faultyFs(faults)
    const dir = copySampleSite()
    // a short post with one image: a bundle of five files (post, image, cache entry, preview, manifest), quick to build
    writeFileSync(path.join(dir, 'content', EXPORTED), "---\ntitle: 'Fault test'\ndate: '2024-01-16'\ndescription: A short post.\n---\n\n# Fault test\n\n![figure](/images/blogImg/2024-01-16-1.png)\n")
    const site = await openSite(dir, fs)
    const outDir = tempDir('inkpost-out-')
    const plans: Array<{ format: 'zip' | 'folder'; overwrite: boolean; steps: Step[] }> = [
      { format: 'zip', overwrite: false, steps: ['openForWrite', 'write', 'sync', 'close', 'link'] },
      { format: 'folder', overwrite: false, steps: ['mkdir', 'openForWrite', 'write', 'sync', 'close', 'rename'] },
      { format: 'zip', overwrite: true, steps: ['openForWrite', 'write', 'rename'] },
      { format: 'folder', overwrite: true, steps: ['openForWrite', 'write', 'rename'] },
    ]
    let n = 0
    let last = ''
    for (const { format, overwrite, steps } of plans) {
      // a replacing export replaces the bundle made here (and, after each retry, the one the retry made)
      let out = path.join(outDir, `bundle-${n++}${format === 'zip' ? '.zip' : ''}`)
      if (overwrite && steps.some((step) => STEPS_OF[code]?.includes(step) ?? true)) await runExportBundle(site, [EXPORTED], { format, out }, { fs })
      for (const step of steps) {
        if (!tried(code, step)) continue
        if (!overwrite) out = path.join(outDir, `bundle-${n++}${format === 'zip' ? '.zip' : ''}`)
        await inject(`export (${format}${overwrite ? ', replacing' : ''})`, step, code, {
          faults,
          where: (p) => p.startsWith(outDir),
          watched: [outDir, site.contentRoot],
          names: [out, overwrite ? 'is unchanged' : 'Nothing was written'],
          call: () => runExportBundle(site, [EXPORTED], { format, out, overwrite }, { fs }),
          // the retry resolved, so it committed; a full verify (a re-parse) is kept for the last one below
          afterRetry: async () => statSync(format === 'zip' ? out : path.join(out, 'manifest.json')).size > 0,
        })
        last = out
      }
    }
    expect((await verifyBundle(nodeFs, last)).ok).toBe(true)
  })

  it('lost nothing, left no temp or partial file, explained every fault clearly, and recovered every time', () => {
    // this test runs after the matrix above (vitest runs a file's tests in order)
    const fired = outcomes.filter((o) => o.fired)
    const counts = {
      faultsInjected: fired.length,
      dataLost: fired.filter((o) => o.dataLost.length).length,
      tempsLeft: outcomes.reduce((sum, o) => sum + o.tempsLeft.length, 0),
      unclearErrors: fired.filter((o) => o.unclear).length,
      partialFiles: outcomes.filter((o) => o.partial.length).length,
      retriesFailed: outcomes.filter((o) => !o.retried).length,
    }
    const perOperation = new Map<string, number>()
    for (const o of fired) perOperation.set(o.operation, (perOperation.get(o.operation) ?? 0) + 1)
    console.log(`faults injected per operation: ${[...perOperation].map(([op, k]) => `${op} ${k}`).join(', ')}`)
    reportCounts({ name: 'faults', counts, mustBeZero: ['dataLost', 'tempsLeft', 'unclearErrors', 'partialFiles', 'retriesFailed'], mustBePositive: ['faultsInjected'] })
    expect(outcomes.length).toBe(planned)
    expect(planned).toBeGreaterThan(100)
    expect(outcomes.filter((o) => !o.fired).map((o) => `${o.operation} ${o.step} ${o.code}`)).toEqual([])
    expect(outcomes.filter((o) => o.dataLost.length).map((o) => `${o.operation} ${o.step} ${o.code}: ${o.dataLost.join(', ')}`)).toEqual([])
    expect(outcomes.flatMap((o) => o.tempsLeft)).toEqual([])
    expect(outcomes.filter((o) => o.partial.length).map((o) => `${o.operation} ${o.step} ${o.code}: ${o.partial.join(', ')}`)).toEqual([])
    expect(outcomes.filter((o) => o.unclear).map((o) => `${o.operation} ${o.step} ${o.code}: ${o.unclear}`)).toEqual([])
    expect(outcomes.filter((o) => !o.retried).map((o) => `${o.operation} ${o.step} ${o.code}`)).toEqual([])
  })
})
