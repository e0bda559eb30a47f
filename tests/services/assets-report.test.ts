// assets.describe, assets.report and assets.deleteUnused on a temp copy of the sample site with
// an unused image, missing references, relative URLs, ignored and unparseable posts.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { AssetsServiceImpl } from '../../electron/services/assets-service-impl'
import { nodeFs } from '../../electron/services/fs-facade'
import { createFolderTrash, type TrashFunction } from '../../electron/services/post-service-impl'
import { SiteContext } from '../../electron/services/site-context'
import { SiteServiceImpl } from '../../electron/services/site-service-impl'
import { cleanupTemps, copySampleSite, SAMPLE_POST, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

const SECOND = [
  '---',
  "title: 'Second'",
  "date: '2024-02-01'",
  '---',
  '',
  'Intro.',
  '',
  '![Gone](/images/blogImg/gone.png)',
  '',
  '![Two](/images/blogImg/2024-01-16-2.png)',
  '',
  '<img src="../images/blogImg/sub/deep.png">',
  '',
].join('\n')

const THIRD = ["---\ntitle: 'Third'\n---", '', 'Text first.', '', '![side](side.png) and ![again](/images/blogImg/gone.png)', ''].join('\n')

function png(width: number, height: number, color: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer()
}

/** The sample site plus: an unused image, a kept one, a nested one, posts with missing, relative and hidden references. */
async function buildSite() {
  const site = copySampleSite()
  const images = path.join(site, 'public/images/blogImg')
  const blog = path.join(site, 'content/blog')
  writeFileSync(path.join(images, 'old.png'), await png(30, 20, '#aa0000'))
  writeFileSync(path.join(images, 'kept.png'), await png(10, 10, '#00aa00'))
  writeFileSync(path.join(images, 'notes.txt'), 'not an image')
  mkdirSync(path.join(images, 'sub'))
  writeFileSync(path.join(images, 'sub', 'deep.png'), await png(12, 8, '#0000aa'))
  writeFileSync(path.join(blog, 'second.md'), SECOND)
  writeFileSync(path.join(blog, 'third.md'), THIRD)
  writeFileSync(path.join(blog, 'side.png'), await png(5, 5, '#555555'))
  writeFileSync(path.join(blog, '.hidden.md'), '![x](/images/blogImg/hidden-missing.png)\n')
  writeFileSync(path.join(blog, '-draft.md'), '![x](/images/blogImg/draft-missing.png)\n')
  // invalid YAML: its frontmatter references are unknown, so a file it names is never called unused
  writeFileSync(path.join(blog, 'bad-yaml.md'), '---\ntitle: [unclosed\ncover: /images/blogImg/kept.png\n---\n\nBody.\n')
  return site
}

async function openSite(site: string, trash?: TrashFunction) {
  const context = new SiteContext()
  await new SiteServiceImpl({ fs: nodeFs, dataDir: tempDir('inkpost-data-'), context, rememberRecent: false }).open(site)
  const clock = () => Date.UTC(2025, 0, 1)
  const calls: Array<{ absolute: string; root: string }> = []
  const trashDir = tempDir('inkpost-trash-')
  const folderTrash = trash ?? createFolderTrash(nodeFs, clock, () => trashDir)
  const assets = new AssetsServiceImpl({
    fs: nodeFs,
    clock,
    context,
    allowSourcePath: false,
    trash: async (absolute, where) => { calls.push({ absolute, root: where.root }); await folderTrash(absolute, where) },
  })
  return { assets, calls, trashDir }
}

describe('assets.describe', () => {
  it('says ok (with size), missing, remote, inline or outside-public for site URLs', async () => {
    const site = await buildSite()
    const { assets } = await openSite(site)
    writeFileSync(path.join(site, 'public/images/blogImg/a b.png'), await png(7, 3, '#123456'))
    const first = readFileSync(path.join(site, 'public/images/blogImg/2024-01-16-1.png'))
    const meta = await sharp(first).metadata()
    const infos = await assets.describe(SAMPLE_POST, [
      '/images/blogImg/2024-01-16-1.png',
      '/images/blogImg/nope.png',
      'https://example.com/x.png',
      '//cdn.example.com/y.png',
      'data:image/png;base64,iVBORw0KGgo=',
      'ftp://example.com/z.png',
      '/../secret.png',
      '/images/blogImg/a%20b.png?v=2',
      '/images/blogImg',
    ])
    expect(infos).toEqual([
      { src: '/images/blogImg/2024-01-16-1.png', state: 'ok', path: 'public/images/blogImg/2024-01-16-1.png', bytes: first.length, width: meta.width, height: meta.height },
      { src: '/images/blogImg/nope.png', state: 'missing', path: 'public/images/blogImg/nope.png', reason: 'public/images/blogImg/nope.png does not exist' },
      { src: 'https://example.com/x.png', state: 'remote' },
      { src: '//cdn.example.com/y.png', state: 'remote' },
      { src: 'data:image/png;base64,iVBORw0KGgo=', state: 'inline' },
      { src: 'ftp://example.com/z.png', state: 'outside-public', reason: 'the site cannot serve "ftp:" URLs' },
      { src: '/../secret.png', state: 'outside-public', reason: 'it points above the public/ folder' },
      { src: '/images/blogImg/a%20b.png?v=2', state: 'ok', path: 'public/images/blogImg/a b.png', bytes: statSync(path.join(site, 'public/images/blogImg/a b.png')).size, width: 7, height: 3 },
      { src: '/images/blogImg', state: 'missing', path: 'public/images/blogImg', reason: 'public/images/blogImg is a folder' },
    ])
  })

  it('resolves relative URLs against the post\'s page URL, and flags files left next to the post in content/', async () => {
    const site = await buildSite()
    const { assets } = await openSite(site)
    mkdirSync(path.join(site, 'public/blog'))
    writeFileSync(path.join(site, 'public/blog/rel.png'), await png(4, 6, '#ffffff'))
    writeFileSync(path.join(site, 'public/top.png'), await png(9, 9, '#000000'))
    const infos = await assets.describe(SAMPLE_POST, ['rel.png', './rel.png', '../top.png', 'side.png', 'nothere.png'])
    expect(infos.map((i) => [i.state, i.path])).toEqual([
      ['ok', 'public/blog/rel.png'],
      ['ok', 'public/blog/rel.png'],
      ['ok', 'public/top.png'],
      ['outside-public', 'content/blog/side.png'],
      ['missing', 'public/blog/nothere.png'],
    ])
    expect(infos[0]).toMatchObject({ width: 4, height: 6 })
    expect(infos[3].reason).toBe('the site does not serve files from content/; move it under public/')
  })

  it('flags a public file that is a link out of the site', async () => {
    const site = await buildSite()
    const outside = path.join(tempDir('inkpost-outside-'), 'secret.png')
    writeFileSync(outside, await png(3, 3, '#ff00ff'))
    symlinkSync(outside, path.join(site, 'public/images/blogImg/link.png'))
    const { assets } = await openSite(site)
    const [info] = await assets.describe(SAMPLE_POST, ['/images/blogImg/link.png'])
    expect(info).toMatchObject({ state: 'outside-public', path: 'public/images/blogImg/link.png', reason: 'a symbolic link points outside the site folder' })
  })

  it('validates its arguments', async () => {
    const { assets } = await openSite(await buildSite())
    await expect(assets.describe('../x.md', [])).rejects.toMatchObject({ code: 'outside-site' })
    await expect(assets.describe(SAMPLE_POST, 'x' as unknown as string[])).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(assets.describe(SAMPLE_POST, new Array(10_001).fill('/a.png'))).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('10000') })
    expect(await assets.describe('blog/not-saved-yet.md', ['/images/blogImg/2024-01-16-3.png'])).toMatchObject([{ state: 'ok' }])
  })
})

describe('assets.report', () => {
  it('lists the one unused image, the missing references and the unparseable post', async () => {
    const site = await buildSite()
    const { assets } = await openSite(site)
    const report = await assets.report()
    const oldBytes = statSync(path.join(site, 'public/images/blogImg/old.png')).size
    expect(report).toEqual({
      imageDir: 'public/images/blogImg',
      imageCount: 7,
      referenceCount: 9,
      unused: [{ path: 'public/images/blogImg/old.png', src: '/images/blogImg/old.png', bytes: oldBytes }],
      unusedBytes: oldBytes,
      missing: [
        { file: 'blog/second.md', src: '/images/blogImg/gone.png', state: 'missing', line: 8, column: 9 },
        { file: 'blog/third.md', src: 'side.png', state: 'outside-public', line: 7, column: 9 },
        { file: 'blog/third.md', src: '/images/blogImg/gone.png', state: 'missing', line: 7, column: 32 },
      ],
      unreadable: [{ file: 'blog/bad-yaml.md', message: expect.stringContaining('frontmatter') }],
    })
  })

  it('counts an image referenced only by an unparsed post\'s text as used', async () => {
    const site = await buildSite()
    const { assets } = await openSite(site)
    writeFileSync(path.join(site, 'content/blog/bad-yaml.md'), '---\ntitle: [unclosed\n---\n\nBody.\n')
    const report = await assets.report()
    expect(report.unused.map((u) => u.path)).toEqual(['public/images/blogImg/kept.png', 'public/images/blogImg/old.png'])
  })

  it('reports an empty image folder when it does not exist', async () => {
    const site = await buildSite()
    const { rmSync } = await import('node:fs')
    rmSync(path.join(site, 'public/images'), { recursive: true })
    const { assets } = await openSite(site)
    const report = await assets.report()
    expect(report).toMatchObject({ imageDir: 'public/images/blogImg', imageCount: 0, unused: [], unusedBytes: 0 })
    expect(report.missing.map((m) => m.src)).toContain('/images/blogImg/2024-01-16-1.png')
  })
})

describe('assets.deleteUnused', () => {
  it('refuses referenced images and paths outside the image folder, deleting nothing', async () => {
    const site = await buildSite()
    const { assets, calls } = await openSite(site)
    await expect(assets.deleteUnused(['public/images/blogImg/2024-01-16-1.png']))
      .rejects.toMatchObject({ code: 'invalid-argument', message: 'Nothing was deleted: public/images/blogImg/2024-01-16-1.png is used by blog/2024-01-16-llama2.md' })
    await expect(assets.deleteUnused(['public/images/blogImg/old.png', 'public/images/blogImg/2024-01-16-2.png']))
      .rejects.toMatchObject({ message: 'Nothing was deleted: public/images/blogImg/2024-01-16-2.png is used by blog/2024-01-16-llama2.md, blog/second.md' })
    await expect(assets.deleteUnused(['content/blog/2024-01-16-llama2.md']))
      .rejects.toMatchObject({ code: 'invalid-argument', message: 'Nothing was deleted: content/blog/2024-01-16-llama2.md is not an unused image in public/images/blogImg' })
    await expect(assets.deleteUnused(['public/images/blogImg/kept.png'])).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(calls).toEqual([])
    expect(existsSync(path.join(site, 'public/images/blogImg/old.png'))).toBe(true)
  })

  it('moves an unused image to the trash and it leaves the report', async () => {
    const site = await buildSite()
    const { assets, calls, trashDir } = await openSite(site)
    const bytes = readFileSync(path.join(site, 'public/images/blogImg/old.png'))
    expect(await assets.deleteUnused(['public/images/blogImg/old.png'])).toEqual({ deleted: ['public/images/blogImg/old.png'] })
    expect(calls).toEqual([{ absolute: path.join(site, 'public/images/blogImg/old.png'), root: site }])
    expect(existsSync(path.join(site, 'public/images/blogImg/old.png'))).toBe(false)
    expect(existsSync(path.join(site, '.inkpost')), 'nothing is trashed inside the site').toBe(false)
    const trashed = readdirSync(trashDir)
    expect(trashed).toHaveLength(1)
    expect(trashed[0]).toMatch(/public__images__blogImg__old\.png$/)
    expect(readFileSync(path.join(trashDir, trashed[0])).equals(bytes)).toBe(true)
    const after = await assets.report()
    expect(after).toMatchObject({ unused: [], unusedBytes: 0, imageCount: 6 })
    expect(await assets.deleteUnused([])).toEqual({ deleted: [] })
  })

  it('explains a trash failure', async () => {
    const site = await buildSite()
    const failing: TrashFunction = async () => { throw Object.assign(new Error('EACCES: denied'), { code: 'EACCES' }) }
    const { assets } = await openSite(site, failing)
    await expect(assets.deleteUnused(['public/images/blogImg/old.png']))
      .rejects.toMatchObject({ code: 'io', message: 'Could not move public/images/blogImg/old.png to the trash: permission denied (EACCES)' })
    expect(existsSync(path.join(site, 'public/images/blogImg/old.png'))).toBe(true)
  })
})
