// `inkpost export` and `inkpost verify`, run in-process: post names as the library gives them or as
// paths, folders and --all, zip or folder by --out, the summary and --json manifest, refusals with
// findings as file:line:column lines (exit 1), usage errors (exit 2).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXPORT_USAGE, parseExportArgs, runExport } from '../../electron/cli/export-command'
import { runVerify, VERIFY_USAGE } from '../../electron/cli/verify-command'
import { captureIo, cleanupTemps, copySampleSite, expectedSampleParsed, listTree, readBundle, repoRoot, SAMPLE_POST, tempDir, textOf } from './publish-helpers'

afterAll(cleanupTemps)

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version

describe('inkpost export', () => {
  it('writes the sample post as a zip, prints a summary, the manifest with --json, and verifies', async () => {
    const site = copySampleSite()
    const out = path.join(tempDir(), 'llama2.zip')
    const io = captureIo(site)
    expect(await runExport([site, SAMPLE_POST, '--out', out, '--json'], io)).toBe(0)
    expect(io.err.text).toContain(`Exported ${SAMPLE_POST} → ${out} (zip)`)
    expect(io.err.text).toMatch(/8 files, \d+\.\d KB; 0 warnings/)
    const manifest = JSON.parse(io.out.text)
    expect(manifest).toMatchObject({ bundleVersion: 1, inkpostVersion: version, nuxtContentVersion: '2.7.2', posts: [{ file: SAMPLE_POST }] })
    expect(statSync(out).isFile()).toBe(true)
    expect(JSON.stringify(JSON.parse(textOf(readBundle(out), '.nuxt/content-cache/parsed/content/blog/2024-01-16-llama2.md.json')).parsed)).toBe(expectedSampleParsed)

    const check = captureIo(site)
    expect(await runVerify([out], check)).toBe(0)
    expect(check.err.text).toContain(`Verified ${out}: 8 files, ${SAMPLE_POST}`)
    const json = captureIo(site)
    expect(await runVerify(['--json', out], json)).toBe(0)
    expect(JSON.parse(json.out.text)).toMatchObject({ ok: true, problems: [] })
  })

  it('takes the post as a path (relative to the working folder or absolute) and writes a folder without .zip', async () => {
    const site = copySampleSite()
    const work = tempDir()
    const io = captureIo(site)
    expect(await runExport(['.', 'content/blog/2024-01-16-llama2.md', '--out', path.join(work, 'as-folder')], io)).toBe(0)
    expect(listTree(path.join(work, 'as-folder'))).toContain('preview/index.html')
    const abs = captureIo(work)
    expect(await runExport([site, path.join(site, 'content', SAMPLE_POST), '--out', 'rel.zip'], abs)).toBe(0)
    expect(existsSync(path.join(work, 'rel.zip'))).toBe(true)
    // a path outside the content folder is refused
    writeFileSync(path.join(work, 'stray.md'), '# stray\n')
    const stray = captureIo(work)
    expect(await runExport([site, 'stray.md', '--out', 'stray.zip'], stray)).toBe(1)
    expect(stray.err.text).toMatch(/not inside the site's content folder/)
    expect(existsSync(path.join(work, 'stray.zip'))).toBe(false)
  })

  it('exports a folder or --all into one bundle', async () => {
    const site = copySampleSite()
    writeFileSync(path.join(site, 'content', 'blog', 'second.md'), '---\ntitle: Second\n---\n\nMore.\n')
    const out = tempDir()
    const io = captureIo(site)
    expect(await runExport([site, 'blog/', '--out', path.join(out, 'blog.zip')], io)).toBe(0)
    expect(io.err.text).toContain('Exported 2 posts')
    const all = captureIo(site)
    expect(await runExport([site, '--all', '--out', path.join(out, 'all'), '--json'], all)).toBe(0)
    expect(JSON.parse(all.out.text).posts.map((p: { file: string }) => p.file).sort()).toEqual(['blog/2024-01-16-llama2.md', 'blog/second.md'])
    expect(listTree(path.join(out, 'all')).filter((f) => f.startsWith('preview/'))).toEqual(['preview/blog/2024-01-16-llama2.html', 'preview/blog/second.html', 'preview/index.html'])
  })

  it('refuses with the findings as file:line:column lines (exit 1) and writes nothing; --force exports', async () => {
    const site = copySampleSite()
    writeFileSync(path.join(site, 'content', 'blog', 'gone.md'), '---\ntitle: Gone\ndescription: A post whose figure is missing.\n---\n\nText.\n\n![figure](/images/blogImg/nope.png)\n')
    const out = path.join(tempDir(), 'gone.zip')
    const io = captureIo(site)
    expect(await runExport([site, 'blog/gone.md', '--out', out], io)).toBe(1)
    expect(io.err.text).toMatch(/^blog\/gone\.md:8:11 error missing-image .*nope\.png/m)
    expect(io.err.text).toMatch(/inkpost export: Not exported: the checks found/)
    expect(existsSync(out)).toBe(false)
    const forced = captureIo(site)
    expect(await runExport([site, 'blog/gone.md', '--out', out, '--force'], forced)).toBe(0)
    expect(forced.err.text).toMatch(/error[s]? \(forced\)/)
  })

  it('refuses drafts unless --allow-draft, and an existing out unless --overwrite', async () => {
    const site = copySampleSite()
    writeFileSync(path.join(site, 'content', 'blog', 'draft.md'), '---\ntitle: Draft\ndescription: Not ready yet.\ndraft: true\n---\n\nSoon.\n')
    const out = path.join(tempDir(), 'draft.zip')
    const refused = captureIo(site)
    expect(await runExport([site, 'blog/draft.md', '--out', out], refused)).toBe(1)
    expect(refused.err.text).toMatch(/is a draft/)
    expect(await runExport([site, 'blog/draft.md', '--out', out, '--allow-draft'], captureIo(site))).toBe(0)
    const again = captureIo(site)
    expect(await runExport([site, 'blog/draft.md', '--out', out, '--allow-draft'], again)).toBe(1)
    expect(again.err.text).toMatch(/already exists/)
    expect(await runExport([site, 'blog/draft.md', '--out', out, '--allow-draft', '--overwrite'], captureIo(site))).toBe(0)
  })

  it('exits 2 for usage errors and 0 for --help', async () => {
    for (const args of [[], ['site'], ['site', 'a.md'], ['site', 'a.md', '--out'], ['site', 'a.md', '--out', 'x.zip', '--nope'], ['site', 'a.md', '--all', '--out', 'x.zip']]) {
      const io = captureIo(tempDir())
      expect(await runExport(args, io), args.join(' ')).toBe(2)
      expect(io.err.text).toContain('Usage: inkpost export SITE_DIR')
    }
    const help = captureIo(tempDir())
    expect(await runExport(['--help'], help)).toBe(0)
    expect(help.out.text).toBe(EXPORT_USAGE)
    expect(parseExportArgs(['s', '--out=x.zip', '--', '--odd.md'])).toMatchObject({ siteDir: 's', targets: ['--odd.md'], out: 'x.zip' })
  })

  it('exits 1 for a folder that is not a site', async () => {
    const io = captureIo(tempDir())
    expect(await runExport([tempDir(), 'a.md', '--out', 'x.zip'], io)).toBe(1)
    expect(io.err.text).toMatch(/^inkpost export: /)
  })
})

describe('inkpost verify', () => {
  it('exits 1 with the reasons for a tampered bundle, 2 for usage', async () => {
    const site = copySampleSite()
    const out = path.join(tempDir(), 'b')
    expect(await runExport([site, SAMPLE_POST, '--out', out], captureIo(site))).toBe(0)
    writeFileSync(path.join(out, 'public', 'extra.png'), 'x')
    const io = captureIo(out)
    expect(await runVerify(['.'], io)).toBe(1)
    expect(io.err.text).toContain('did not verify (1 problem):\n  public/extra.png is in the bundle but not listed in the manifest\n')
    const usage = captureIo(out)
    expect(await runVerify([], usage)).toBe(2)
    expect(await runVerify(['a', 'b'], captureIo(out))).toBe(2)
    expect(await runVerify(['--x', 'a'], captureIo(out))).toBe(2)
    const help = captureIo(out)
    expect(await runVerify(['-h'], help)).toBe(0)
    expect(help.out.text).toBe(VERIFY_USAGE)
  })
})
