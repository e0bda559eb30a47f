import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ServiceError } from '../../shared/services/service-error'
import { contentVersion } from '../../electron/services/content-version'
import { cleanupTemps, copySampleSite, faultyFs, makeServices, SAMPLE_POST, tempDir, type Fault } from './service-test-helpers'
import { TRAVERSAL_VECTORS } from './traversal-vectors'

afterAll(cleanupTemps)

async function openSample(faults: Fault[] = [], clock?: () => number) {
  const site = copySampleSite()
  const made = makeServices({ fs: faultyFs(faults), ...(clock ? { clock } : {}) })
  await made.services.site.open(site)
  const content = path.join(site, 'content')
  return { ...made, site, content, faults }
}

describe('post.read', () => {
  it('reads the sample post with its version, eol and bom', async () => {
    const { services, content } = await openSample()
    const doc = await services.post.read(SAMPLE_POST)
    const bytes = readFileSync(path.join(content, SAMPLE_POST))
    expect(doc.text).toBe(bytes.toString('utf8'))
    expect(doc.text).toContain("title: 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰'")
    expect(doc).toMatchObject({ file: SAMPLE_POST, eol: '\n', bom: false, version: contentVersion(bytes) })
  })

  it.each(TRAVERSAL_VECTORS)('refuses %j with outside-site', async (vector) => {
    const { services } = await openSample()
    await expect(services.post.read(vector)).rejects.toMatchObject({ code: 'outside-site' })
  })

  it('refuses ../../etc/passwd with a message saying why', async () => {
    const { services } = await openSample()
    const error = await services.post.read('../../etc/passwd').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect((error as ServiceError).message).toMatch(/outside|"\.\."/)
  })

  it('refuses a post that is a symlink to a file outside the site', async () => {
    const { services, content } = await openSample()
    const outside = path.join(tempDir(), 'secret.md')
    writeFileSync(outside, '# secret')
    symlinkSync(outside, path.join(content, 'blog', 'sneaky.md'))
    await expect(services.post.read('blog/sneaky.md')).rejects.toMatchObject({ code: 'outside-site' })
    await expect(services.post.save('blog/sneaky.md', 'x', null, { force: true })).rejects.toMatchObject({ code: 'outside-site' })
    expect(readFileSync(outside, 'utf8')).toBe('# secret')
  })

  it('reports missing files, folders, non-markdown and binary files clearly', async () => {
    const { services, content } = await openSample()
    await expect(services.post.read('blog/nope.md')).rejects.toMatchObject({ code: 'not-found' })
    await expect(services.post.read('blog/2024-01-16-llama2.txt')).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/not a markdown post/) })
    mkdirSync(path.join(content, 'blog', 'dir.md'))
    await expect(services.post.read('blog/dir.md')).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/folder/) })
    writeFileSync(path.join(content, 'blog', 'bin.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]))
    await expect(services.post.read('blog/bin.md')).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/not a UTF-8 text file/) })
  })

  it('reads and saves a post with NUL bytes (valid UTF-8) byte for byte', async () => {
    const { services, content } = await openSample()
    const bytes = Buffer.from('---\ntitle: Nul\n---\n\nA \u0000 NUL.\n', 'utf8')
    writeFileSync(path.join(content, 'blog', 'nul.md'), bytes)
    const doc = await services.post.read('blog/nul.md')
    expect(doc.text).toBe(bytes.toString('utf8'))
    await services.post.save('blog/nul.md', doc.text + 'More \u0000.\n', doc.version)
    expect(readFileSync(path.join(content, 'blog', 'nul.md'))).toEqual(Buffer.concat([bytes, Buffer.from('More \u0000.\n', 'utf8')]))
  })

  it('needs an open site', async () => {
    const { services } = makeServices()
    await expect(services.post.read(SAMPLE_POST)).rejects.toMatchObject({ code: 'no-site' })
  })

  it('explains a read failure (EACCES, EIO) and lists the post with the error', async () => {
    const { services, faults } = await openSample()
    // the post service reads through one opened handle (see the symlink-swap tests): EACCES comes from the open
    faults.push({ op: 'openForRead', code: 'EACCES', when: (p) => p.endsWith('.md') })
    await expect(services.post.read(SAMPLE_POST)).rejects.toMatchObject({ code: 'io', message: `Could not read ${SAMPLE_POST}: permission denied (EACCES)` })
    faults.splice(0, 1, { op: 'readFile', code: 'EIO', when: (p) => p.endsWith('.md') })
    const [listed] = await services.library.list()
    expect(listed).toMatchObject({ file: SAMPLE_POST, error: { message: expect.stringMatching(/input\/output error \(EIO\)/) } })
  })
})

describe('post.save', () => {
  it('saves atomically and returns the version of the bytes on disk', async () => {
    const { services, content } = await openSample()
    const doc = await services.post.read(SAMPLE_POST)
    const text = doc.text.replace('LLaMA2 논문 리뷰 글 입니다.', 'LLaMA2 논문 리뷰 글입니다!')
    const { version } = await services.post.save(SAMPLE_POST, text, doc.version)
    const bytes = readFileSync(path.join(content, SAMPLE_POST))
    expect(bytes.toString('utf8')).toBe(text)
    expect(version).toBe(contentVersion(bytes))
    expect(readdirSync(path.join(content, 'blog'))).toEqual(['2024-01-16-llama2.md'])
    // the new version is the base for the next save
    await services.post.save(SAMPLE_POST, text + '\nmore\n', version)
  })

  it('refuses with conflict (disk text and version) when the file changed on disk, and force overwrites', async () => {
    const { services, content } = await openSample()
    const doc = await services.post.read(SAMPLE_POST)
    const external = doc.text + '\nexternal edit\n'
    writeFileSync(path.join(content, SAMPLE_POST), external)
    const error = await services.post.save(SAMPLE_POST, doc.text + '\nmine\n', doc.version).catch((e: unknown) => e) as ServiceError
    expect(error.code).toBe('conflict')
    expect(error.details).toEqual({ diskText: external, diskVersion: contentVersion(Buffer.from(external)), reason: 'changed' })
    expect(readFileSync(path.join(content, SAMPLE_POST), 'utf8')).toBe(external)
    await services.post.save(SAMPLE_POST, doc.text + '\nmine\n', doc.version, { force: true })
    expect(readFileSync(path.join(content, SAMPLE_POST), 'utf8')).toBe(doc.text + '\nmine\n')
  })

  it('refuses a new-file save over an existing file, and a save of a file deleted on disk', async () => {
    const { services, content } = await openSample()
    await expect(services.post.save(SAMPLE_POST, 'x', null)).rejects.toMatchObject({ code: 'conflict' })
    await services.post.save('blog/new.md', 'new\n', null)
    const v = contentVersion(Buffer.from('new\n'))
    const { rmSync } = await import('node:fs')
    rmSync(path.join(content, 'blog/new.md'))
    await expect(services.post.save('blog/new.md', 'again\n', v)).rejects.toMatchObject({ code: 'conflict', details: { diskText: null, diskVersion: null } })
  })

  it('round-trips CRLF and BOM files byte for byte, and writes edits with the file\'s line ending', async () => {
    const { services, content } = await openSample()
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("---\r\ntitle: 'CRLF'\r\n---\r\n\r\n# Hi\r\n\r\nText.\r\n")])
    writeFileSync(path.join(content, 'blog/crlf.md'), crlf)
    const doc = await services.post.read('blog/crlf.md')
    expect(doc).toMatchObject({ eol: '\r\n', bom: true })
    expect(doc.text).toBe("---\ntitle: 'CRLF'\n---\n\n# Hi\n\nText.\n")
    await services.post.save('blog/crlf.md', doc.text, doc.version, { force: true })
    expect(readFileSync(path.join(content, 'blog/crlf.md')).equals(crlf)).toBe(true)
    await services.post.save('blog/crlf.md', doc.text + 'More.\n', doc.version)
    expect(readFileSync(path.join(content, 'blog/crlf.md')).equals(Buffer.concat([crlf, Buffer.from('More.\r\n')]))).toBe(true)
  })

  it('keeps the file mode and writes through a symlink inside the site', async () => {
    const { services, content } = await openSample()
    const real = path.join(content, SAMPLE_POST)
    chmodSync(real, 0o600)
    symlinkSync(real, path.join(content, 'blog', 'alias.md'))
    const doc = await services.post.read('blog/alias.md')
    await services.post.save('blog/alias.md', doc.text + 'x\n', doc.version)
    expect(readFileSync(real, 'utf8')).toBe(doc.text + 'x\n')
    expect(statSync(real).mode & 0o777).toBe(0o600)
  })

  it('handles a Korean file name', async () => {
    const { services, content } = await openSample()
    const file = '블로그/라마 리뷰.md'
    await services.post.save(file, '# 라마\n', null)
    expect(readFileSync(path.join(content, '블로그', '라마 리뷰.md'), 'utf8')).toBe('# 라마\n')
    const doc = await services.post.read(file)
    expect(doc.text).toBe('# 라마\n')
    const list = await services.library.list()
    expect(list.find((p) => p.file === file)).toMatchObject({ title: '라마' })
  })

  it('saves and reads a 5 MB post', async () => {
    const { services, content } = await openSample()
    const para = '긴 글의 한 문단입니다. A paragraph of a long post with **bold** and `code`.\n\n'
    const text = "---\ntitle: 'Big'\n---\n\n" + para.repeat(Math.ceil(5_200_000 / Buffer.byteLength(para)))
    const started = Date.now()
    const { version } = await services.post.save('blog/big.md', text, null)
    const doc = await services.post.read('blog/big.md')
    const ms = Date.now() - started
    expect(statSync(path.join(content, 'blog/big.md')).size).toBeGreaterThan(5_000_000)
    expect(doc.text).toBe(text)
    expect(doc.version).toBe(version)
    expect(ms).toBeLessThan(3000)
  })

  it.each(['ENOSPC', 'EACCES', 'EIO'])('on %s keeps the original intact, explains, and keeps the recovery journal', async (code) => {
    const { services, content, faults } = await openSample()
    const doc = await services.post.read(SAMPLE_POST)
    const original = readFileSync(path.join(content, SAMPLE_POST))
    const edited = doc.text + '\nunsaved work\n'
    await services.recovery.journal(SAMPLE_POST, edited)
    for (const op of ['write', 'sync', 'rename'] as const) {
      faults.splice(0, faults.length, { op, code, when: (p) => p.includes('.inkpost-tmp-') })
      const error = await services.post.save(SAMPLE_POST, edited, doc.version).catch((e: unknown) => e) as ServiceError
      expect(error).toBeInstanceOf(ServiceError)
      expect(error.code).toBe('io')
      expect(error.message).toMatch(new RegExp(`Could not save ${SAMPLE_POST}: .*\\(${code}\\)`))
      expect(error.details).toEqual({ errno: code })
      expect(readFileSync(path.join(content, SAMPLE_POST)).equals(original)).toBe(true)
      expect(readdirSync(path.join(content, 'blog'))).toEqual(['2024-01-16-llama2.md'])
    }
    faults.splice(0)
    // make the journal newer than the file, as it would be after real editing time
    const { utimesSync } = await import('node:fs')
    utimesSync(path.join(content, SAMPLE_POST), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    expect((await services.recovery.pending()).map((e) => e.text)).toEqual([edited])
    // once the disk works again the save succeeds and the journal goes away
    await services.post.save(SAMPLE_POST, edited, doc.version)
    expect(await services.recovery.pending()).toEqual([])
  })

  it('serialises concurrent saves of one post (the second sees the first as a conflict)', async () => {
    const { services } = await openSample()
    const doc = await services.post.read(SAMPLE_POST)
    const results = await Promise.allSettled([services.post.save(SAMPLE_POST, 'one\n', doc.version), services.post.save(SAMPLE_POST, 'two\n', doc.version)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict', details: { diskText: 'one\n' } })
  })
})

describe('post.create / rename / duplicate / delete', () => {
  const fixed = () => new Date(2025, 2, 4, 10, 0, 0).getTime()

  it('creates from the template, never overwrites', async () => {
    const { services, content } = await openSample([], fixed)
    const doc = await services.post.create({ title: "Hello, Nuxt's World" })
    expect(doc.file).toBe('blog/2025-03-04-hello-nuxts-world.md')
    expect(doc.text).toBe("---\ntitle: 'Hello, Nuxt''s World'\ndate: '2025-03-04'\ntags: []\ndraft: true\nsummary: ''\n---\n\n")
    const again = await services.post.create({ title: "Hello, Nuxt's World" })
    expect(again.file).toBe('blog/2025-03-04-hello-nuxts-world-2.md')
    expect(readFileSync(path.join(content, doc.file), 'utf8')).toBe(doc.text)
    const korean = await services.post.create({ title: '라마 리뷰', date: '2024-02-01', folder: 'notes' })
    expect(korean.file, 'a Korean title is transliterated, never a silent post.md').toBe('notes/2024-02-01-lama-libyu.md')
    expect(korean.text).toContain("title: '라마 리뷰'")
    const listed = (await services.library.list()).find((p) => p.file === doc.file)
    expect(listed).toMatchObject({ title: "Hello, Nuxt's World", date: '2025-03-04', tags: [], draft: true, summary: '' })
  })

  it('refuses bad create input', async () => {
    const { services } = await openSample([], fixed)
    await expect(services.post.create({ title: '  ' })).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(services.post.create({ title: 'x', date: '2024-02-30' })).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(services.post.create({ title: 'x', folder: '../outside' })).rejects.toMatchObject({ code: 'outside-site' })
    await expect(services.post.create({ title: 'a\nb' })).rejects.toMatchObject({ code: 'invalid-argument' })
  })

  it('takes the slug given, and asks for one when the title gives none', async () => {
    const { services, content } = await openSample([], fixed)
    await expect(services.post.create({ title: '🎉🎉' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/type a slug/) })
    await expect(services.post.create({ title: '🎉', slug: '✨' })).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(readdirSync(path.join(content, 'blog')).filter((name) => name.includes('post.md'))).toEqual([])
    const party = await services.post.create({ title: '🎉🎉', slug: 'Party Time' })
    expect(party.file).toBe('blog/2025-03-04-party-time.md')
    expect(party.text).toContain("title: '🎉🎉'")
    const root = await services.post.create({ title: 'About', folder: '' })
    expect(root.file).toBe('2025-03-04-about.md')
  })

  it('renames, reporting whether the URL path changed, and refuses to overwrite', async () => {
    const { services, content } = await openSample()
    const result = await services.post.rename(SAMPLE_POST, 'blog/llama-2.md')
    expect(result).toEqual({ file: 'blog/llama-2.md', oldPath: '/blog/2024-01-16-llama2', newPath: '/blog/llama-2', pathChanged: true })
    expect(existsSync(path.join(content, SAMPLE_POST))).toBe(false)
    await services.post.save('blog/other.md', 'x\n', null)
    await expect(services.post.rename('blog/llama-2.md', 'blog/other.md')).rejects.toMatchObject({ code: 'exists' })
    expect(readFileSync(path.join(content, 'blog/other.md'), 'utf8')).toBe('x\n')
    const moved = await services.post.rename('blog/llama-2.md', 'archive/1.llama-2.md')
    expect(moved).toMatchObject({ newPath: '/archive/llama-2', pathChanged: true })
    const same = await services.post.rename('archive/1.llama-2.md', 'archive/2.llama-2.md')
    expect(same.pathChanged).toBe(false)
    await expect(services.post.rename('archive/2.llama-2.md', '../x.md')).rejects.toMatchObject({ code: 'outside-site' })
  })

  it('duplicates with a -copy name; only the title (" (copy)") and draft: false change', async () => {
    const { services, content } = await openSample()
    const original = readFileSync(path.join(content, SAMPLE_POST), 'utf8')
    const copy = await services.post.duplicate(SAMPLE_POST)
    expect(copy.file).toBe('blog/2024-01-16-llama2-copy.md')
    const expected = original
      .replace("title: 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰'\n", "title: 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰 (copy)'\n")
      .replace('\ndraft: false\n', '\ndraft: true\n')
    expect(expected).not.toBe(original)
    expect(readFileSync(path.join(content, copy.file), 'utf8')).toBe(expected)
    expect(copy.text).toBe(expected)
    expect(readFileSync(path.join(content, SAMPLE_POST), 'utf8')).toBe(original)
    const second = await services.post.duplicate(SAMPLE_POST)
    expect(second.file).toBe('blog/2024-01-16-llama2-copy-2.md')
    expect(second.text).toContain("논문 리뷰 (copy 2)'\n")
    const rows = await services.library.list()
    expect(rows.filter((p) => p.file.startsWith('blog/2024-01-16-llama2')).map((p) => [p.file, p.title, p.draft]).sort()).toEqual([
      ['blog/2024-01-16-llama2-copy-2.md', 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰 (copy 2)', true],
      ['blog/2024-01-16-llama2-copy.md', 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰 (copy)', true],
      ['blog/2024-01-16-llama2.md', 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰', false],
    ])
  })

  it('duplicates a CRLF post with a BOM keeping both; a post whose title it cannot edit is copied byte for byte', async () => {
    const { services, content } = await openSample()
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("---\r\n# keep me\r\ntitle: Windows post # plain\r\ntags: [a]\r\n---\r\n\r\nBody\r\n")])
    writeFileSync(path.join(content, 'blog', 'win.md'), crlf)
    const copy = await services.post.duplicate('blog/win.md')
    expect(copy).toMatchObject({ file: 'blog/win-copy.md', eol: '\r\n', bom: true })
    expect(readFileSync(path.join(content, copy.file)).equals(Buffer.from(crlf.toString('utf8').replace('Windows post #', 'Windows post (copy) #'), 'utf8'))).toBe(true)
    const block = Buffer.from('---\ntitle: >-\n  A folded\n  title\ndraft: false\n---\n\nBody\n')
    writeFileSync(path.join(content, 'blog', 'block.md'), block)
    const same = await services.post.duplicate('blog/block.md')
    expect(readFileSync(path.join(content, same.file)).equals(block)).toBe(true)
  })

  it('deletes through the injected trash function, keeping a copy in the data folder (not in the site)', async () => {
    const trashed: string[] = []
    const site = copySampleSite()
    const { services, dataDir } = makeServices({ trash: async (p) => { trashed.push(p) } })
    await services.site.open(site)
    const entry = await services.post.delete(SAMPLE_POST)
    expect(trashed).toEqual([path.join(site, 'content', SAMPLE_POST)])
    expect(entry).toMatchObject({ file: SAMPLE_POST, title: expect.stringContaining('LLaMA 2') })
    expect(readdirSync(path.join(dataDir, 'trash'))).toHaveLength(1)

    const browser = await openSample()
    await browser.services.post.delete(SAMPLE_POST)
    expect(existsSync(path.join(browser.content, SAMPLE_POST))).toBe(false)
    expect(existsSync(path.join(browser.site, '.inkpost')), 'no trash inside the site').toBe(false)
    await expect(browser.services.post.delete(SAMPLE_POST)).rejects.toMatchObject({ code: 'not-found' })
  })
})
