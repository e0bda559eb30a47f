// assets.importImage on a temp copy of the sample site: names by the site's pattern, reuse of
// identical files, snippets, type by content, size limits, dropped paths, races and disk faults.
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { AssetsServiceImpl, type AssetsServiceDeps } from '../../electron/services/assets-service-impl'
import type { ServiceFs } from '../../electron/services/fs-facade'
import { createFolderTrash } from '../../electron/services/post-service-impl'
import { SiteContext } from '../../electron/services/site-context'
import { SiteServiceImpl } from '../../electron/services/site-service-impl'
import { DEFAULT_FIGURE_TEMPLATE } from '../../electron/services/site-settings'
import { cleanupTemps, copySampleSite, faultyFs, SAMPLE_POST, tempDir, type Fault } from './service-test-helpers'

afterAll(cleanupTemps)

/** 2025-03-07, noon local time. */
const NOW = new Date(2025, 2, 7, 12, 0, 0).getTime()
const SAMPLE_IMAGES = ['2024-01-16-1.png', '2024-01-16-2.png', '2024-01-16-3.png', '2024-01-16-4.png']

interface OpenOptions {
  site?: string
  settings?: Record<string, unknown>
  faults?: Fault[]
  fs?: ServiceFs
  deps?: Partial<AssetsServiceDeps>
}

async function openSite(options: OpenOptions = {}) {
  const site = options.site ?? copySampleSite()
  if (options.settings) writeFileSync(path.join(site, 'inkpost.config.json'), JSON.stringify(options.settings))
  const fs = options.fs ?? faultyFs(options.faults ?? [])
  const context = new SiteContext()
  await new SiteServiceImpl({ fs, dataDir: tempDir('inkpost-data-'), context, rememberRecent: false }).open(site)
  const clock = () => NOW
  const assets = new AssetsServiceImpl({ fs, clock, context, trash: createFolderTrash(fs, clock, () => tempDir('inkpost-trash-')), allowSourcePath: true, ...options.deps })
  return { site, assets, context, fs, imageDir: path.join(site, 'public/images/blogImg'), content: path.join(site, 'content') }
}

/** A noisy (so not trivially compressible) PNG of the given size and tint. */
function noisyPng(width: number, height: number, seed = 0): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: (seed * 53) % 256, g: 90, b: 160 }, noise: { type: 'gaussian', mean: 120 + (seed % 40), sigma: 30 } } }).png().toBuffer()
}

function solidJpeg(width: number, height: number, color: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).jpeg({ quality: 95 }).toBuffer()
}

function list(dir: string): string[] {
  return readdirSync(dir).sort()
}

describe('assets.importImage: names and snippets', () => {
  it('names a new PNG 2024-01-16-5.png after the sample post\'s four figures, then a JPEG -6.jpg', async () => {
    const { assets, imageDir } = await openSite()
    expect(list(imageDir)).toEqual(SAMPLE_IMAGES)
    const png = await noisyPng(320, 200, 1)
    const first = await assets.importImage(SAMPLE_POST, { name: 'GQA-vs_MHA.png', data: png })
    expect(first).toMatchObject({
      src: '/images/blogImg/2024-01-16-5.png',
      path: 'public/images/blogImg/2024-01-16-5.png',
      reused: false,
      type: 'png',
      width: 320,
      height: 200,
      originalBytes: png.length,
    })
    const stored = readFileSync(path.join(imageDir, '2024-01-16-5.png'))
    expect(first.bytes).toBe(stored.length)
    expect((await sharp(stored).metadata()).format).toBe('png')

    const jpeg = await solidJpeg(300, 200, '#c04020')
    const second = await assets.importImage(SAMPLE_POST, { name: 'photo.jpeg', data: jpeg })
    expect(second).toMatchObject({ src: '/images/blogImg/2024-01-16-6.jpg', path: 'public/images/blogImg/2024-01-16-6.jpg', type: 'jpeg', reused: false })
    expect(list(imageDir)).toEqual([...SAMPLE_IMAGES, '2024-01-16-5.png', '2024-01-16-6.jpg'])
  })

  it('fills the site\'s figure template exactly like the sample post\'s figures, with the caption selected', async () => {
    const { assets, content } = await openSite()
    const result = await assets.importImage(SAMPLE_POST, { name: 'GQA-vs_MHA.png', data: await noisyPng(64, 48, 2) })
    const expected = [
      '<figure>',
      '    <img src="/images/blogImg/2024-01-16-5.png" title="GQA-vs_MHA">    ',
      '    <figcaption style="text-align: center;">GQA vs MHA</figcaption>',
      '</figure>',
    ].join('\n')
    expect(result.snippet).toBe(expected)
    expect(result.snippet).toBe(DEFAULT_FIGURE_TEMPLATE.replace('{src}', result.src).replace('{alt}', 'GQA-vs_MHA').replace('{caption}', 'GQA vs MHA'))
    expect(result.snippet.slice(result.select.from, result.select.to)).toBe('GQA vs MHA')
    // the sample post writes its first figure in exactly this layout
    const post = readFileSync(path.join(content, SAMPLE_POST), 'utf8')
    const sampleFigure = DEFAULT_FIGURE_TEMPLATE.replace('{src}', '/images/blogImg/2024-01-16-1.png').replace('{alt}', 'LLaMA2-process').replace('{caption}', 'LLaMA2의 pre-training과 fine-tuning 과정')
    expect(post).toContain(sampleFigure)
  })

  it('inserts a markdown image when the site says insertImageAs: markdown', async () => {
    const { assets } = await openSite({ settings: { insertImageAs: 'markdown' } })
    const result = await assets.importImage(SAMPLE_POST, { name: 'My photo.png', data: await noisyPng(40, 30, 3) })
    expect(result.snippet).toBe('![My photo](/images/blogImg/2024-01-16-5.png)')
    expect(result.snippet.slice(result.select.from, result.select.to)).toBe('My photo')
  })

  it('follows {slug}, {name}, {yyyy} and {mm} patterns', async () => {
    const { assets, imageDir } = await openSite({ settings: { imageNamePattern: '{yyyy}-{mm}-{slug}-{name}-{n}.{ext}' } })
    const a = await assets.importImage(SAMPLE_POST, { name: 'Attention map.png', data: await noisyPng(40, 30, 4) })
    expect(a.src).toBe('/images/blogImg/2024-01-llama2-Attention-map-1.png')
    const b = await assets.importImage(SAMPLE_POST, { name: 'Attention map.png', data: await noisyPng(40, 30, 5) })
    expect(b.src).toBe('/images/blogImg/2024-01-llama2-Attention-map-2.png')
    expect(list(imageDir)).toContain('2024-01-llama2-Attention-map-2.png')

    const slugSite = await openSite({ settings: { imageNamePattern: '{slug}-{n}.{ext}' } })
    const c = await slugSite.assets.importImage(SAMPLE_POST, { name: 'x.png', data: await noisyPng(40, 30, 6) })
    const d = await slugSite.assets.importImage(SAMPLE_POST, { name: 'y.png', data: await noisyPng(40, 30, 7) })
    expect([c.src, d.src]).toEqual(['/images/blogImg/llama2-1.png', '/images/blogImg/llama2-2.png'])
  })

  it('keeps a Korean file name readable in {name}, given in NFC or NFD, without percent-encoding', async () => {
    const { assets, imageDir } = await openSite({ settings: { imageNamePattern: '{name}-{n}.{ext}' } })
    const nfc = await assets.importImage(SAMPLE_POST, { name: '스크린샷 1.png', data: await noisyPng(40, 30, 8) })
    expect(nfc.src).toBe('/images/blogImg/스크린샷-1-1.png')
    expect(nfc.snippet).toContain('title="스크린샷 1"')
    expect(nfc.snippet).toContain('>스크린샷 1</figcaption>')
    const nfd = await assets.importImage(SAMPLE_POST, { name: '스크린샷 1.png'.normalize('NFD'), data: await noisyPng(40, 30, 9) })
    expect(nfd.src).toBe('/images/blogImg/스크린샷-1-2.png')
    expect(nfd.src).toBe(nfd.src.normalize('NFC'))
    expect(list(imageDir)).toEqual(expect.arrayContaining(['스크린샷-1-1.png', '스크린샷-1-2.png']))
  })

  it('sanitises names with ../, backslashes and NUL so the file stays in the image folder', async () => {
    const { assets, imageDir, site } = await openSite({ settings: { imageNamePattern: '{name}-{n}.{ext}' } })
    const up = await assets.importImage(SAMPLE_POST, { name: '../../../etc/pass..wd.png', data: await noisyPng(40, 30, 10) })
    const back = await assets.importImage(SAMPLE_POST, { name: 'C:\\Users\\me\\evil name.png', data: await noisyPng(40, 30, 11) })
    const nul = await assets.importImage(SAMPLE_POST, { name: 'a\u0000b<c>.png', data: await noisyPng(40, 30, 12) })
    expect([up.src, back.src, nul.src]).toEqual(['/images/blogImg/pass.wd-1.png', '/images/blogImg/evil-name-1.png', '/images/blogImg/ab-c-1.png'])
    expect(list(imageDir)).toEqual(expect.arrayContaining(['pass.wd-1.png', 'evil-name-1.png', 'ab-c-1.png']))
    expect(existsSync(path.join(site, 'etc'))).toBe(false)
    const dotsOnly = await assets.importImage(SAMPLE_POST, { name: '...png', data: await noisyPng(40, 30, 13) })
    expect(dotsOnly.src).toBe('/images/blogImg/image-1.png')
  })
})

describe('assets.importImage: reuse', () => {
  it('references the identical existing 2024-01-16-1.png instead of copying it', async () => {
    const { assets, imageDir } = await openSite()
    const bytes = readFileSync(path.join(imageDir, '2024-01-16-1.png'))
    const meta = await sharp(bytes).metadata()
    const result = await assets.importImage(SAMPLE_POST, { name: 'LLaMA2-process.png', data: bytes })
    expect(result).toMatchObject({ reused: true, src: '/images/blogImg/2024-01-16-1.png', path: 'public/images/blogImg/2024-01-16-1.png', bytes: bytes.length, width: meta.width, height: meta.height, type: 'png' })
    expect(result.notices).toContain('Reused the identical image 2024-01-16-1.png')
    expect(result.snippet).toContain('src="/images/blogImg/2024-01-16-1.png"')
    expect(list(imageDir)).toEqual(SAMPLE_IMAGES)
  })

  it('reuses a file identical to the optimised output, and finds files in subfolders', async () => {
    const { assets, imageDir } = await openSite()
    const photo = await sharp(await noisyPng(500, 300, 14)).jpeg({ quality: 100 }).withExif({ IFD0: { Make: 'Camera' } }).toBuffer()
    const first = await assets.importImage(SAMPLE_POST, { name: 'photo.jpg', data: photo })
    expect(first).toMatchObject({ reused: false, optimized: true, src: '/images/blogImg/2024-01-16-5.jpg' })
    const again = await assets.importImage(SAMPLE_POST, { name: 'photo again.jpg', data: photo })
    expect(again).toMatchObject({ reused: true, src: '/images/blogImg/2024-01-16-5.jpg', bytes: first.bytes, width: 500, height: 300, optimized: true })
    expect(list(imageDir)).toEqual([...SAMPLE_IMAGES, '2024-01-16-5.jpg'])

    mkdirSync(path.join(imageDir, 'old'))
    const nested = await noisyPng(30, 30, 15)
    writeFileSync(path.join(imageDir, 'old', 'kept.png'), nested)
    const found = await assets.importImage(SAMPLE_POST, { name: 'kept.png', data: nested })
    expect(found).toMatchObject({ reused: true, src: '/images/blogImg/old/kept.png', path: 'public/images/blogImg/old/kept.png' })
  })
})

describe('assets.importImage: type by content', () => {
  it('names a PNG called x.jpg by its content (.png)', async () => {
    const { assets, imageDir } = await openSite()
    const result = await assets.importImage(SAMPLE_POST, { name: 'x.jpg', data: await noisyPng(50, 40, 16) })
    expect(result).toMatchObject({ type: 'png', src: '/images/blogImg/2024-01-16-5.png' })
    expect(existsSync(path.join(imageDir, '2024-01-16-5.png'))).toBe(true)
  })

  it('refuses a text file called x.png, and a TIFF, copying nothing', async () => {
    const { assets, imageDir } = await openSite()
    await expect(assets.importImage(SAMPLE_POST, { name: 'x.png', data: new TextEncoder().encode('just some notes\n') }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: '"x.png" is not an image (PNG, JPEG, GIF, WebP, AVIF or SVG); nothing was copied' })
    await expect(assets.importImage(SAMPLE_POST, { name: 'notes.txt', data: new TextEncoder().encode('hello') }))
      .rejects.toMatchObject({ message: '"notes.txt" is not an image (PNG, JPEG, GIF, WebP, AVIF or SVG); nothing was copied' })
    const tiff = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123' } }).tiff().toBuffer()
    await expect(assets.importImage(SAMPLE_POST, { name: 'scan.png', data: tiff })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('is not an image') })
    expect(list(imageDir)).toEqual(SAMPLE_IMAGES)
  })

  it('refuses a damaged PNG with a clear message', async () => {
    const { assets, imageDir } = await openSite()
    const png = await noisyPng(200, 200, 17)
    const truncated = png.subarray(0, Math.floor(png.length / 2))
    await expect(assets.importImage(SAMPLE_POST, { name: 'broken.png', data: truncated }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^"broken\.png" is not a readable PNG image/) })
    const off = await openSite({ settings: { optimizeImages: false } })
    await expect(off.assets.importImage(SAMPLE_POST, { name: 'broken.png', data: truncated })).rejects.toMatchObject({ message: expect.stringMatching(/is not a readable PNG image/) })
    expect(list(imageDir)).toEqual(SAMPLE_IMAGES)
    expect(list(off.imageDir)).toEqual(SAMPLE_IMAGES)
  })
})

describe('assets.importImage: input checks', () => {
  it('refuses an image over maxImportBytes, naming the limit and the size', async () => {
    const { assets } = await openSite()
    const huge = new Uint8Array(65 * 1024 * 1024)
    huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    await expect(assets.importImage(SAMPLE_POST, { name: 'huge.png', data: huge }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: '"huge.png" is 65 MB; the largest image Inkpost imports is 64 MB ("maxImportBytes" in inkpost.config.json); nothing was copied' })
    const small = await openSite({ settings: { maxImportBytes: 1024 * 1024 } })
    const big = new Uint8Array(1.5 * 1024 * 1024)
    big.set([0xff, 0xd8, 0xff])
    await expect(small.assets.importImage(SAMPLE_POST, { name: 'big.jpg', data: big })).rejects.toMatchObject({ message: expect.stringContaining('"big.jpg" is 1.5 MB; the largest image Inkpost imports is 1 MB') })
  })

  it('refuses empty data, both or neither of data and sourcePath, and over-long names', async () => {
    const { assets } = await openSite()
    await expect(assets.importImage(SAMPLE_POST, { name: 'empty.png', data: new Uint8Array() })).rejects.toMatchObject({ code: 'invalid-argument', message: '"empty.png" is empty (0 bytes); nothing was copied' })
    await expect(assets.importImage(SAMPLE_POST, { name: 'a.png' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('either as data') })
    await expect(assets.importImage(SAMPLE_POST, { name: 'a.png', data: new Uint8Array([1]), sourcePath: '/tmp/a.png' })).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(assets.importImage(SAMPLE_POST, { name: 'x'.repeat(256) + '.png', data: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('255') })
    await expect(assets.importImage(SAMPLE_POST, { name: 'a.png', data: 'abc' as unknown as Uint8Array })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('bytes') })
  })

  it('validates the post like the post service: traversal and non-markdown are refused', async () => {
    const { assets } = await openSite()
    const data = await noisyPng(10, 10, 18)
    await expect(assets.importImage('../../etc/passwd.md', { name: 'a.png', data })).rejects.toMatchObject({ code: 'outside-site' })
    await expect(assets.importImage('blog/notes.txt', { name: 'a.png', data })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('not a markdown post') })
  })

  it('reads a dropped sourcePath (via readSource), refusing folders, symlinks and hosts that do not allow paths', async () => {
    const reads: Array<[string, number]> = []
    const { assets, imageDir } = await openSite({ deps: { readSource: async (p, max) => { reads.push([p, max]); return readFileSync(p) } } })
    const outside = tempDir('inkpost-drop-')
    const file = path.join(outside, 'dropped.png')
    writeFileSync(file, await noisyPng(60, 40, 19))
    const result = await assets.importImage(SAMPLE_POST, { name: 'dropped.png', sourcePath: file })
    expect(result).toMatchObject({ src: '/images/blogImg/2024-01-16-5.png', width: 60, height: 40 })
    expect(reads).toEqual([[file, 64 * 1024 * 1024]])
    expect(existsSync(path.join(imageDir, '2024-01-16-5.png'))).toBe(true)

    mkdirSync(path.join(outside, 'pictures.png'))
    await expect(assets.importImage(SAMPLE_POST, { name: 'pictures.png', sourcePath: path.join(outside, 'pictures.png') }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: '"pictures.png" is a folder, not an image' })
    symlinkSync(file, path.join(outside, 'link.png'))
    await expect(assets.importImage(SAMPLE_POST, { name: 'link.png', sourcePath: path.join(outside, 'link.png') }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('"link.png" is a symbolic link') })
    await expect(assets.importImage(SAMPLE_POST, { name: 'rel.png', sourcePath: 'relative/rel.png' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('absolute') })
    expect(reads).toHaveLength(1)

    const browser = await openSite({ deps: { allowSourcePath: false } })
    await expect(browser.assets.importImage(SAMPLE_POST, { name: 'dropped.png', sourcePath: file }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('only be imported by file path in the desktop app') })
    expect(list(browser.imageDir)).toEqual(SAMPLE_IMAGES)
  })
})

describe('assets.importImage: dates', () => {
  it('names the image with today\'s date (injected clock) when the post has no date, and says so', async () => {
    const { assets, content } = await openSite()
    writeFileSync(path.join(content, 'blog/no-date.md'), "---\ntitle: 'No date'\n---\n\nText.\n")
    const result = await assets.importImage('blog/no-date.md', { name: 'a.png', data: await noisyPng(20, 20, 20) })
    expect(result.src).toBe('/images/blogImg/2025-03-07-1.png')
    expect(result.notices).toContain("This post has no date: the image is named with today's date (2025-03-07).")
  })

  it('uses the editor\'s postDate for an unsaved post, and today for one without', async () => {
    const { assets } = await openSite()
    const given = await assets.importImage('blog/new-post.md', { name: 'a.png', data: await noisyPng(20, 20, 21), postDate: '2024-02-29' })
    expect(given.src).toBe('/images/blogImg/2024-02-29-1.png')
    expect(given.notices.some((n) => n.includes('no date'))).toBe(false)
    const unsaved = await assets.importImage('blog/new-post.md', { name: 'a.png', data: await noisyPng(20, 20, 22) })
    expect(unsaved.src).toBe('/images/blogImg/2025-03-07-1.png')
    expect(unsaved.notices).toContain("This post has no date: the image is named with today's date (2025-03-07).")
    // postDate wins over the saved frontmatter (the editor may have changed it)
    const override = await assets.importImage(SAMPLE_POST, { name: 'a.png', data: await noisyPng(20, 20, 23), postDate: '2023-12-01' })
    expect(override.src).toBe('/images/blogImg/2023-12-01-1.png')
  })

  it('reads an unquoted YAML date, and falls back to the frontmatter text when the YAML is invalid', async () => {
    const { assets, content } = await openSite()
    writeFileSync(path.join(content, 'blog/unquoted.md'), '---\ntitle: Unquoted\ndate: 2022-07-08\n---\n\nText.\n')
    const a = await assets.importImage('blog/unquoted.md', { name: 'a.png', data: await noisyPng(20, 20, 24) })
    expect(a.src).toBe('/images/blogImg/2022-07-08-1.png')
    writeFileSync(path.join(content, 'blog/broken.md'), "---\ntitle: [unclosed\ndate: '2021-04-05'\n---\n\nText.\n")
    const b = await assets.importImage('blog/broken.md', { name: 'b.png', data: await noisyPng(20, 20, 25) })
    expect(b.src).toBe('/images/blogImg/2021-04-05-1.png')
  })
})

describe('assets.importImage: never overwriting', () => {
  it('gives two imports started together on two service instances two different complete files', async () => {
    const first = await openSite()
    const second = await openSite({ site: first.site })
    const [a, b] = [await noisyPng(400, 300, 26), await noisyPng(400, 300, 27)]
    const [ra, rb] = await Promise.all([
      first.assets.importImage(SAMPLE_POST, { name: 'a.png', data: a }),
      second.assets.importImage(SAMPLE_POST, { name: 'b.png', data: b }),
    ])
    expect(new Set([ra.src, rb.src])).toEqual(new Set(['/images/blogImg/2024-01-16-5.png', '/images/blogImg/2024-01-16-6.png']))
    for (const r of [ra, rb]) {
      const stored = readFileSync(path.join(first.site, r.path))
      expect(stored.length).toBe(r.bytes)
      expect((await sharp(stored).raw().toBuffer({ resolveWithObject: true })).info).toMatchObject({ width: 400, height: 300 })
    }
    const pixels = async (buffer: Buffer) => sharp(buffer).raw().toBuffer()
    const storedA = readFileSync(path.join(first.site, ra.path))
    expect((await pixels(storedA)).equals(await pixels(a))).toBe(true)
    expect(list(first.imageDir).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it('serialises concurrent imports within one instance', async () => {
    const { assets, imageDir } = await openSite()
    const images = await Promise.all([28, 29, 30, 31].map((seed) => noisyPng(80, 60, seed)))
    const results = await Promise.all(images.map((data, i) => assets.importImage(SAMPLE_POST, { name: `p${i}.png`, data })))
    expect(results.map((r) => r.src).sort()).toEqual(['5', '6', '7', '8'].map((n) => `/images/blogImg/2024-01-16-${n}.png`))
    expect(list(imageDir)).toHaveLength(8)
  })

  it('copies identical images dropped at the same time once: the second waits and reuses the first', async () => {
    const { assets, imageDir } = await openSite()
    const data = await noisyPng(90, 70, 38)
    const [a, b] = await Promise.all([assets.importImage(SAMPLE_POST, { name: 'one.png', data }), assets.importImage(SAMPLE_POST, { name: 'two.png', data })])
    expect([a.reused, b.reused].sort()).toEqual([false, true])
    expect(a.src).toBe(b.src)
    expect(list(imageDir)).toEqual([...SAMPLE_IMAGES, '2024-01-16-5.png'])
  })

  it('never overwrites a file another process created under the computed name: it takes the next one', async () => {
    const intruder = Buffer.from('another process wrote this')
    const base = faultyFs([])
    let raced = false
    const racingFs: ServiceFs = {
      ...base,
      openForWrite: async (file, options) => {
        const target = path.join(path.dirname(file), path.basename(file).replace(/^\.(.+)\.inkpost-tmp-.*$/, '$1'))
        if (!raced && target.endsWith('2024-01-16-5.png')) {
          raced = true
          writeFileSync(target, intruder)
        }
        return base.openForWrite(file, options)
      },
    }
    const { assets, imageDir } = await openSite({ fs: racingFs })
    const result = await assets.importImage(SAMPLE_POST, { name: 'mine.png', data: await noisyPng(50, 50, 32) })
    expect(raced).toBe(true)
    expect(result.src).toBe('/images/blogImg/2024-01-16-6.png')
    expect(readFileSync(path.join(imageDir, '2024-01-16-5.png'))).toEqual(intruder)
    expect((await sharp(readFileSync(path.join(imageDir, '2024-01-16-6.png'))).metadata()).width).toBe(50)
    expect(list(imageDir).filter((n) => n.startsWith('.'))).toEqual([])
  })
})

describe('assets.importImage: disk faults', () => {
  it('reports a full disk clearly and leaves no file or temp file behind', async () => {
    const faults: Fault[] = [{ op: 'write', code: 'ENOSPC', when: (p) => p.includes('blogImg') }]
    const { assets, imageDir } = await openSite({ faults })
    await expect(assets.importImage(SAMPLE_POST, { name: 'a.png', data: await noisyPng(100, 100, 33) }))
      .rejects.toMatchObject({ code: 'io', message: 'Could not copy "a.png" to public/images/blogImg/2024-01-16-5.png: the disk is full (ENOSPC). Nothing was added to public/images/blogImg and the post is unchanged. Free some space on the disk, then try again.', details: { errno: 'ENOSPC' } })
    expect(list(imageDir)).toEqual(SAMPLE_IMAGES)
  })

  it('reports a permission error on the folder and a read-only disk', async () => {
    const faults: Fault[] = [{ op: 'openForWrite', code: 'EACCES' }]
    const { assets, imageDir } = await openSite({ faults })
    await expect(assets.importImage(SAMPLE_POST, { name: 'a.png', data: await noisyPng(30, 30, 34) })).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('permission denied (EACCES)') })
    faults.splice(0, 1, { op: 'mkdir', code: 'EROFS' })
    await expect(assets.importImage(SAMPLE_POST, { name: 'a.png', data: await noisyPng(30, 30, 35) })).rejects.toMatchObject({ code: 'io', message: 'Could not create the image folder public/images/blogImg: the file system is read-only (EROFS). Nothing was copied and the post is unchanged. Make the disk writable (or choose another folder), then try again.' })
    expect(list(imageDir)).toEqual(SAMPLE_IMAGES)
  })

  it('creates a missing image folder, and refuses one that is a link out of the site', async () => {
    const site = copySampleSite()
    const { rmSync } = await import('node:fs')
    rmSync(path.join(site, 'public/images'), { recursive: true })
    const { assets } = await openSite({ site })
    const result = await assets.importImage(SAMPLE_POST, { name: 'a.png', data: await noisyPng(30, 30, 36) })
    expect(result.src).toBe('/images/blogImg/2024-01-16-1.png')
    expect(existsSync(path.join(site, 'public/images/blogImg/2024-01-16-1.png'))).toBe(true)

    const linked = copySampleSite()
    const elsewhere = tempDir('inkpost-elsewhere-')
    rmSync(path.join(linked, 'public/images/blogImg'), { recursive: true })
    symlinkSync(elsewhere, path.join(linked, 'public/images/blogImg'))
    const other = await openSite({ site: linked })
    await expect(other.assets.importImage(SAMPLE_POST, { name: 'a.png', data: await noisyPng(30, 30, 37) })).rejects.toMatchObject({ code: 'outside-site' })
    expect(readdirSync(elsewhere)).toEqual([])
  })
})
