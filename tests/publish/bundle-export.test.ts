// The publish bundle of the sample post, as a zip and as a folder: exactly its post, its 4 images,
// the site's cache entry (parsed byte-identical to the golden), a script-free preview and a manifest
// of sha256s — and the refusals: missing images, drafts, error findings, an existing out, images
// outside public/, a full disk mid-export (nothing left behind).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../shared/checks/finding'
import { ServiceError } from '../../shared/services/service-error'
import { sweepExportTemps } from '../../electron/services/bundle-export'
import { verifyBundle } from '../../electron/services/bundle-verify'
import { nodeFs } from '../../electron/services/fs-facade'
import { cleanupTemps, copySampleSite, expectedSampleParsed, failingWriteFs, listTree, openSite, readBundle, runExportBundle, SAMPLE_IMAGES, SAMPLE_POST, tempDir, textOf } from './publish-helpers'

afterAll(cleanupTemps)

const CACHE = '.nuxt/content-cache/parsed/content/blog/2024-01-16-llama2.md.json'
const EXPECTED_FILES = ['content/blog/2024-01-16-llama2.md', ...SAMPLE_IMAGES, CACHE, 'preview/index.html', 'manifest.json'].sort()

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ServiceError)
  return error as ServiceError
}

/** A fresh site copy with `text` saved as `blog/<name>`. */
function siteWithPost(name: string, text: string): string {
  const site = copySampleSite()
  writeFileSync(path.join(site, 'content', 'blog', name), text)
  return site
}

describe.each(['zip', 'folder'] as const)('the sample post as a %s bundle', (format) => {
  it('holds exactly the post, its 4 images, the cache entry, the preview and a correct manifest', async () => {
    const siteDir = copySampleSite()
    const site = await openSite(siteDir)
    const out = path.join(tempDir(), format === 'zip' ? 'llama2.zip' : 'llama2')
    const result = await runExportBundle(site, [SAMPLE_POST], { format, out })
    expect(result).toMatchObject({ out, format })
    expect(format === 'zip' ? statSync(out).isFile() : statSync(out).isDirectory()).toBe(true)

    const files = readBundle(out)
    expect([...files.keys()].sort()).toEqual(EXPECTED_FILES)
    // the post's bytes unchanged, the images byte for byte
    expect(Buffer.from(files.get('content/blog/2024-01-16-llama2.md')!).equals(readFileSync(path.join(siteDir, 'content', SAMPLE_POST)))).toBe(true)
    for (const image of SAMPLE_IMAGES) expect(Buffer.from(files.get(image)!).equals(readFileSync(path.join(siteDir, image)))).toBe(true)

    // the cache entry: parsed byte-identical to the golden, serialised as Nuxt writes it
    const cacheText = textOf(files, CACHE)
    const entry = JSON.parse(cacheText) as { parsed: unknown; hash: string }
    expect(Object.keys(entry)).toEqual(['parsed', 'hash'])
    expect(JSON.stringify(entry.parsed)).toBe(expectedSampleParsed)
    expect(cacheText).toBe(JSON.stringify(entry))
    expect(entry.hash).toMatch(/^[A-Za-z0-9_-]{10}$/)

    // the preview: standalone, no script, no handlers, images relative to the bundle
    const html = textOf(files, 'preview/index.html')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\son[a-z]+\s*=/i)
    expect(html).not.toMatch(/https?:\/\/[^"'\s]+\.(png|css|js)/i)
    expect(html).toContain("default-src 'none'")
    expect(html).toContain('<h1 class="post-title">LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰</h1>')
    expect(html).toContain('.post-title {') // the prose styles are inlined
    const srcs = [...html.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])
    expect(srcs).toEqual([1, 2, 3, 4].map((n) => `../public/images/blogImg/2024-01-16-${n}.png`))

    // the manifest: every other file with its size and sha256
    const manifest = JSON.parse(textOf(files, 'manifest.json'))
    expect(manifest).toMatchObject({
      bundleVersion: 1, inkpostVersion: '0.0.0-test', nuxtContentVersion: '2.7.2', contentOptions: {}, findings: [],
      posts: [{ file: SAMPLE_POST, path: '/blog/2024-01-16-llama2', title: 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰' }],
    })
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(EXPECTED_FILES.filter((f) => f !== 'manifest.json'))
    for (const f of manifest.files as Array<{ path: string; bytes: number; sha256: string }>) {
      expect(f.bytes).toBe(files.get(f.path)!.length)
      expect(f.sha256).toBe(sha256(files.get(f.path)!))
    }
    expect(result.manifest).toEqual(manifest)

    // verify passes, and nothing but out was written next to it
    expect(await verifyBundle(nodeFs, out)).toMatchObject({ ok: true, problems: [] })
    expect(readdirSync(path.dirname(out))).toEqual([path.basename(out)])
  })

  it('refuses an existing out unless overwrite, and then replaces it whole', async () => {
    const site = await openSite(copySampleSite())
    const out = path.join(tempDir(), format === 'zip' ? 'b.zip' : 'b')
    await runExportBundle(site, [SAMPLE_POST], { format, out })
    const error = await refusal(runExportBundle(site, [SAMPLE_POST], { format, out }))
    expect(error.code).toBe('exists')
    await runExportBundle(site, [SAMPLE_POST], { format, out, overwrite: true })
    expect((await verifyBundle(nodeFs, out)).ok).toBe(true)
    expect(readdirSync(path.dirname(out))).toEqual([path.basename(out)])
  })

  it('leaves neither out nor a temp sibling when the disk fills up mid-export', async () => {
    const site = await openSite(copySampleSite())
    const dir = tempDir()
    const out = path.join(dir, format === 'zip' ? 'b.zip' : 'b')
    // the 3rd write: mid-bundle for a folder (an image), the only piece of a small zip
    const fs = failingWriteFs(format === 'zip' ? 1 : 3)
    const error = await refusal(runExportBundle(site, [SAMPLE_POST], { format, out }, { fs }))
    expect(error.code).toBe('io')
    expect(error.message).toMatch(/disk is full \(ENOSPC\)/)
    expect(fs.writes()).toBeGreaterThan(0)
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('refusals', () => {
  it('refuses a post whose image does not exist, with a missing-image finding, and writes nothing', async () => {
    const siteDir = siteWithPost('gone.md', "---\ntitle: Gone\n---\n\nText.\n\n![figure](/images/blogImg/nope.png)\n")
    const site = await openSite(siteDir)
    const dir = tempDir()
    const out = path.join(dir, 'gone.zip')
    const error = await refusal(runExportBundle(site, ['blog/gone.md'], { out }))
    expect(error.code).toBe('invalid-argument')
    const findings = error.details?.findings as Finding[]
    expect(findings).toEqual([expect.objectContaining({ rule: 'missing-image', severity: 'error', file: 'blog/gone.md', line: 7, column: 11 })])
    expect(readdirSync(dir)).toEqual([])
    // forced: exported without the image, the finding recorded in the manifest, and it still verifies
    const forced = await runExportBundle(site, ['blog/gone.md'], { out, force: true })
    expect(forced.manifest.files.map((f) => f.path)).not.toContainEqual(expect.stringMatching(/^public\//))
    expect(forced.manifest.findings).toEqual(findings)
    expect((await verifyBundle(nodeFs, out)).ok).toBe(true)
  })

  it('refuses a draft unless allowDraft', async () => {
    const site = await openSite(siteWithPost('draft.md', '---\ntitle: Not yet\ndraft: true\n---\n\nSoon.\n'))
    const dir = tempDir()
    const error = await refusal(runExportBundle(site, ['blog/draft.md'], { out: path.join(dir, 'd.zip') }))
    expect(error.code).toBe('invalid-argument')
    expect(error.message).toMatch(/draft/)
    expect(readdirSync(dir)).toEqual([])
    const result = await runExportBundle(site, ['blog/draft.md'], { out: path.join(dir, 'd.zip'), allowDraft: true })
    expect(result.manifest.posts).toEqual([{ file: 'blog/draft.md', path: '/blog/draft', title: 'Not yet' }])
  })

  it('refuses error findings unless forced, and records the findings in the manifest', async () => {
    const site = await openSite(copySampleSite())
    const dir = tempDir()
    const findings: Finding[] = [
      { rule: 'missing-description', severity: 'error', message: 'No description', file: SAMPLE_POST, line: 1, column: 1 },
      { rule: 'long-title', severity: 'warning', message: 'Long title', file: SAMPLE_POST, line: 2, column: 8 },
      { rule: 'other-post', severity: 'error', message: 'not this post', file: 'blog/other.md', line: 1, column: 1 },
    ]
    const error = await refusal(runExportBundle(site, [SAMPLE_POST], { out: path.join(dir, 'x.zip') }, { findings }))
    expect(error.code).toBe('invalid-argument')
    expect(error.details?.findings).toEqual(findings.slice(0, 2))
    expect(readdirSync(dir)).toEqual([])
    const forced = await runExportBundle(site, [SAMPLE_POST], { out: path.join(dir, 'x.zip'), force: true }, { findings })
    expect(forced.manifest.findings).toEqual(findings.slice(0, 2))
    // warnings alone never stop an export
    await runExportBundle(site, [SAMPLE_POST], { out: path.join(dir, 'y.zip') }, { findings: [findings[1]] })
  })

  it('never copies anything from outside public/ (traversal and symlinks in image references)', async () => {
    const siteDir = siteWithPost('escape.md', [
      '---', 'title: Escape', 'cover: /../../secret.png', '---', '',
      '![a](/../../etc/passwd.png)', '', '<img src="/images/%2e%2e/%2e%2e/secret.png">', '', '![b](/images/link.png)', '',
    ].join('\n'))
    writeFileSync(path.join(siteDir, '..', 'secret.png'), 'SECRET')
    symlinkSync(path.join(siteDir, '..', 'secret.png'), path.join(siteDir, 'public', 'images', 'link.png'))
    const site = await openSite(siteDir)
    const dir = tempDir()
    const error = await refusal(runExportBundle(site, ['blog/escape.md'], { out: path.join(dir, 'e') , format: 'folder' }))
    const findings = error.details?.findings as Finding[]
    expect(findings.map((f) => f.rule)).toEqual(['missing-image', 'missing-image', 'missing-image', 'missing-image'])
    expect(readdirSync(dir)).toEqual([])
    const forced = await runExportBundle(site, ['blog/escape.md'], { out: path.join(dir, 'e'), format: 'folder', force: true })
    expect(listTree(forced.out).filter((f) => !f.startsWith('preview/') && !f.startsWith('.nuxt/'))).toEqual(['content/blog/escape.md', 'manifest.json'])
    for (const file of listTree(forced.out)) expect(readFileSync(path.join(forced.out, file), 'utf8')).not.toContain('SECRET')
    const html = readFileSync(path.join(forced.out, 'preview/index.html'), 'utf8')
    expect(html).not.toMatch(/src="[^"]*\.\.\/\.\.\//)
  })

  it('refuses bad paths: traversal in files, relative or .zip-less out, out inside the site content', async () => {
    const siteDir = copySampleSite()
    const site = await openSite(siteDir)
    const dir = tempDir()
    for (const file of ['../outside.md', '/etc/passwd.md', 'blog\\..\\x.md', 'blog/../../x.md']) {
      expect((await refusal(runExportBundle(site, [file], { out: path.join(dir, 'x.zip') }))).code).toMatch(/outside-site|invalid-argument/)
    }
    expect((await refusal(runExportBundle(site, [SAMPLE_POST], { out: 'relative.zip' }))).code).toBe('invalid-argument')
    expect((await refusal(runExportBundle(site, [SAMPLE_POST], { out: path.join(dir, 'x.tar') }))).code).toBe('invalid-argument')
    expect((await refusal(runExportBundle(site, [SAMPLE_POST], { out: path.join(siteDir, 'content', 'b.zip') }))).code).toBe('invalid-argument')
    expect(readdirSync(dir)).toEqual([])
  })

  it('replaces only an Inkpost bundle folder, never another folder', async () => {
    const site = await openSite(copySampleSite())
    const out = path.join(tempDir(), 'docs')
    mkdirSync(out)
    writeFileSync(path.join(out, 'notes.txt'), 'keep me')
    const error = await refusal(runExportBundle(site, [SAMPLE_POST], { format: 'folder', out, overwrite: true }))
    expect(error.code).toBe('exists')
    expect(readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('keep me')
  })
})

describe('several posts and defaults', () => {
  it('bundles a folder of posts with a preview index linking each post page', async () => {
    const siteDir = siteWithPost('second-post.md', '---\ntitle: Second post\ndate: 2024-02-01\n---\n\n![again](/images/blogImg/2024-01-16-2.png)\n')
    const site = await openSite(siteDir)
    const out = path.join(tempDir(), 'blog')
    const result = await runExportBundle(site, [SAMPLE_POST, 'blog/second-post.md'], { format: 'folder', out })
    const tree = listTree(out)
    expect(tree.filter((f) => f.startsWith('public/'))).toEqual(SAMPLE_IMAGES)
    expect(tree.filter((f) => f.startsWith('preview/'))).toEqual(['preview/blog/2024-01-16-llama2.html', 'preview/blog/second-post.html', 'preview/index.html'])
    const index = readFileSync(path.join(out, 'preview/index.html'), 'utf8')
    expect(index).toContain('href="blog/2024-01-16-llama2.html"')
    expect(index).toContain('href="blog/second-post.html"')
    expect(readFileSync(path.join(out, 'preview/blog/second-post.html'), 'utf8')).toContain('src="../../public/images/blogImg/2024-01-16-2.png"')
    expect(result.manifest.posts.map((p) => p.file)).toEqual([SAMPLE_POST, 'blog/second-post.md'])
    expect((await verifyBundle(nodeFs, out)).ok).toBe(true)
  })

  it('defaults to <slug>.zip through defaultOut, reports progress, and sweeps stale temp siblings', async () => {
    const site = await openSite(copySampleSite())
    const exports = path.join(tempDir(), 'exports')
    const progress: string[] = []
    const stale = path.join(exports, '.2024-01-16-llama2.zip.inkpost-tmp-999999999-abcdef')
    mkdirSync(path.join(stale, 'public'), { recursive: true })
    writeFileSync(path.join(stale, 'public', 'x.png'), 'half')
    writeFileSync(path.join(exports, '.2024-01-16-llama2.zip.inkpost-tmp-999999998-abcdef'), 'half a zip')
    writeFileSync(path.join(exports, '.other.zip.inkpost-tmp-999999997-abcdef'), 'not ours to sweep')
    const { exportBundle } = await import('../../electron/services/bundle-export')
    const result = await exportBundle({
      fs: nodeFs, site, files: [SAMPLE_POST], options: {}, findings: [], inkpostVersion: '1.2.3',
      defaultOut: (name) => path.join(exports, name), onProgress: (p) => progress.push(`${p.step}:${p.done}/${p.total}`),
    })
    expect(result).toMatchObject({ out: path.join(exports, '2024-01-16-llama2.zip'), format: 'zip' })
    expect(readdirSync(exports).sort()).toEqual(['.other.zip.inkpost-tmp-999999997-abcdef', '2024-01-16-llama2.zip'])
    expect(progress[0]).toBe('Reading the posts:1/1')
    expect(progress).toContain('Reading the images:4/4')
    expect(progress.at(-1)).toBe('Done:1/1')
    expect(await sweepExportTemps(nodeFs, result.out)).toEqual([])
  })
})
