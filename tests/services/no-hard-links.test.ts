// "Create, never overwrite" on file systems without hard links (exFAT, FAT, SMB): `link` fails with
// each of the codes such file systems give, and creation falls back to an exclusive reservation of
// the name, renamed onto once the complete temp file is fsynced. Checked for atomicWriteFile
// itself, post.create / duplicate / rename, image import and a zip export.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { AssetsServiceImpl } from '../../electron/services/assets-service-impl'
import { atomicWriteFile, NO_HARD_LINK_CODES } from '../../electron/services/atomic-write'
import { nodeFs, type ServiceFs } from '../../electron/services/fs-facade'
import { createFolderTrash } from '../../electron/services/post-service-impl'
import { SiteContext } from '../../electron/services/site-context'
import { SiteServiceImpl } from '../../electron/services/site-service-impl'
import { verifyBundle } from '../../electron/services/bundle-verify'
import { openSite, runExportBundle } from '../publish/publish-helpers'
import { cleanupTemps, copySampleSite, makeServices, SAMPLE_POST, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

const CODES = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK'] as const
const bytes = (s: string) => new TextEncoder().encode(s)

/** The real disk, except that `link` fails with `code` (and counts its calls). */
function noLinkFs(code: string, base: ServiceFs = nodeFs): ServiceFs & { links: () => number } {
  let links = 0
  return {
    ...base,
    link: async (from, to) => {
      links++
      throw Object.assign(new Error(`${code}: operation not supported, link '${from}' -> '${to}'`), { code, syscall: 'link' })
    },
    links: () => links,
  }
}

describe('atomicWriteFile noOverwrite without hard links', () => {
  it('knows every code a file system without hard links gives', () => {
    for (const code of CODES) expect(NO_HARD_LINK_CODES.has(code), code).toBe(true)
  })

  it.each(CODES)('link fails with %s: creates the file, complete, and leaves no temp file', async (code) => {
    const dir = tempDir()
    const file = path.join(dir, 'new.md')
    const fs = noLinkFs(code)
    await atomicWriteFile(fs, file, bytes('the whole text'), { noOverwrite: true })
    expect(fs.links()).toBe(1)
    expect(readFileSync(file, 'utf8')).toBe('the whole text')
    expect(readdirSync(dir)).toEqual(['new.md'])
    await expect(atomicWriteFile(fs, file, bytes('second'), { noOverwrite: true })).rejects.toMatchObject({ code: 'EEXIST' })
    expect(readFileSync(file, 'utf8')).toBe('the whole text')
    expect(readdirSync(dir)).toEqual(['new.md'])
  })

  it('never overwrites a file another process creates after the check, and removes its own temp file', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'raced.md')
    await expect(atomicWriteFile(noLinkFs('ENOTSUP'), file, bytes('mine'), {
      noOverwrite: true,
      // between the existence check and the publish, someone else creates the name
      onStep: (step) => { if (step === 'synced') writeFileSync(file, 'theirs') },
    })).rejects.toMatchObject({ code: 'EEXIST' })
    expect(readFileSync(file, 'utf8')).toBe('theirs')
    expect(readdirSync(dir)).toEqual(['raced.md'])
  })

  it('never shows partial bytes under the final name: it is absent or empty until the complete file is renamed onto it', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'big.md')
    const data = new Uint8Array(2_000_000).fill(65)
    const seen: string[] = []
    const base = noLinkFs('EPERM')
    const watching: ServiceFs = {
      ...base,
      openForWrite: async (p, options) => {
        const handle = await base.openForWrite(p, options)
        return { ...handle, write: async (d) => { seen.push(existsSync(file) ? `size ${readFileSync(file).length}` : 'absent'); return handle.write(d) } }
      },
      rename: async (from, to) => { seen.push(`before rename: size ${readFileSync(to).length}`); return base.rename(from, to) },
    }
    await atomicWriteFile(watching, file, data, { noOverwrite: true })
    expect(seen).toEqual(['absent', 'before rename: size 0'])
    expect(readFileSync(file).length).toBe(2_000_000)
  })

  it('removes its reservation when the rename onto it fails, and the next try succeeds', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'post.md')
    let fail = true
    const base = noLinkFs('EXDEV')
    const fs: ServiceFs = { ...base, rename: async (a, b) => { if (fail) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }); return base.rename(a, b) } }
    await expect(atomicWriteFile(fs, file, bytes('text'), { noOverwrite: true })).rejects.toMatchObject({ code: 'EIO' })
    expect(readdirSync(dir)).toEqual([])
    fail = false
    await atomicWriteFile(fs, file, bytes('text'), { noOverwrite: true })
    expect(readFileSync(file, 'utf8')).toBe('text')
  })
})

describe('services without hard links', () => {
  it.each(CODES)('post.create, duplicate and rename work and never overwrite (link: %s)', async (code) => {
    const site = copySampleSite()
    const { services } = makeServices({ fs: noLinkFs(code), clock: () => new Date(2025, 2, 7, 12).getTime() })
    await services.site.open(site)
    const created = await services.post.create({ title: 'On exFAT', date: '2025-03-07' })
    expect(created.file).toBe('blog/2025-03-07-on-exfat.md')
    const again = await services.post.create({ title: 'On exFAT', date: '2025-03-07' })
    expect(again.file).toBe('blog/2025-03-07-on-exfat-2.md')
    expect(readFileSync(path.join(site, 'content', created.file), 'utf8')).toContain('On exFAT')
    const copy = await services.post.duplicate(SAMPLE_POST)
    expect(copy.file).toBe('blog/2024-01-16-llama2-copy.md')
    const before = readFileSync(path.join(site, 'content', again.file))
    await expect(services.post.rename(created.file, again.file)).rejects.toMatchObject({ code: 'exists' })
    expect(readFileSync(path.join(site, 'content', again.file))).toEqual(before)
    const renamed = await services.post.rename(created.file, 'blog/moved.md')
    expect(renamed.file).toBe('blog/moved.md')
    expect(existsSync(path.join(site, 'content', created.file))).toBe(false)
    expect(readdirSync(path.join(site, 'content', 'blog')).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it.each(CODES)('assets.importImage names, writes and never overwrites (link: %s)', async (code) => {
    const site = copySampleSite()
    const fs = noLinkFs(code)
    const context = new SiteContext()
    await new SiteServiceImpl({ fs, dataDir: tempDir('inkpost-data-'), context, rememberRecent: false }).open(site)
    const clock = () => new Date(2025, 2, 7, 12).getTime()
    const assets = new AssetsServiceImpl({ fs, clock, context, trash: createFolderTrash(fs, clock, () => tempDir('inkpost-trash-')), allowSourcePath: false })
    const imageDir = path.join(site, 'public/images/blogImg')
    // another process takes the computed name while the import runs: it must get the next one
    const racing: ServiceFs = {
      ...fs,
      openForWrite: async (p, options) => {
        if (p.includes('.2024-01-16-5.png.inkpost-tmp-') && !existsSync(path.join(imageDir, '2024-01-16-5.png'))) writeFileSync(path.join(imageDir, '2024-01-16-5.png'), 'theirs')
        return fs.openForWrite(p, options)
      },
    }
    const racingAssets = new AssetsServiceImpl({ fs: racing, clock, context, trash: createFolderTrash(fs, clock, () => tempDir('inkpost-trash-')), allowSourcePath: false })
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a7' } }).png().toBuffer()
    const result = await racingAssets.importImage(SAMPLE_POST, { name: 'a.png', data: png })
    expect(result.src).toBe('/images/blogImg/2024-01-16-6.png')
    expect(readFileSync(path.join(imageDir, '2024-01-16-5.png'), 'utf8')).toBe('theirs')
    expect((await sharp(readFileSync(path.join(imageDir, '2024-01-16-6.png'))).metadata()).width).toBe(40)
    const second = await assets.importImage(SAMPLE_POST, { name: 'b.png', data: await sharp({ create: { width: 20, height: 20, channels: 3, background: '#a37' } }).png().toBuffer() })
    expect(second.src).toBe('/images/blogImg/2024-01-16-7.png')
    expect(readdirSync(imageDir).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it.each(['EPERM', 'ENOTSUP'])('a zip export is published whole and never replaces a file made meanwhile (link: %s)', async (code) => {
    const fs = noLinkFs(code)
    const site = await openSite(copySampleSite(), fs)
    const dir = tempDir()
    const out = path.join(dir, 'post.zip')
    await runExportBundle(site, [SAMPLE_POST], { format: 'zip', out }, { fs })
    expect((await verifyBundle(nodeFs, out)).ok).toBe(true)
    expect(readdirSync(dir)).toEqual(['post.zip'])
    // someone creates out after the export looked: it is refused, not replaced
    const racing: ServiceFs = { ...fs }
    const base = racing.openForWrite
    racing.openForWrite = async (p, options) => {
      if (p.includes('.other.zip.inkpost-tmp-')) writeFileSync(path.join(dir, 'other.zip'), 'theirs')
      return base(p, options)
    }
    await expect(runExportBundle(site, [SAMPLE_POST], { format: 'zip', out: path.join(dir, 'other.zip') }, { fs: racing })).rejects.toMatchObject({ code: 'exists' })
    expect(readFileSync(path.join(dir, 'other.zip'), 'utf8')).toBe('theirs')
    expect(readdirSync(dir).sort()).toEqual(['other.zip', 'post.zip'])
  })
})
