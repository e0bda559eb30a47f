// Names with dots that are not traversal (`....`, `..;`, `...md`, `a..b.md`) are ordinary names:
// resolved inside the site, read, saved, listed (unless Nuxt Content ignores them too) and given
// images; real traversal stays refused. A file whose name the API cannot carry (a line break) is
// listed as not openable, with the reason and what to do, and is never read.
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { nodeFs, type ServiceFs } from '../../electron/services/fs-facade'
import { isInside, resolveInside, unservableName } from '../../electron/services/site-paths'
import { cleanupTemps, copySampleSite, makeServices, SAMPLE_POST, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

const post = (title: string) => `---\ntitle: ${title}\ndate: '2024-02-01'\n---\n\nBody of ${title}.\n`

describe('dots in names are not traversal', () => {
  const root = realpathSync(tempDir())

  it.each(['....', '..;', '...md', '..md', 'a..b.md', '..;/x.md', '..../x.md'])('isInside and resolveInside accept %j right below the root', async (name) => {
    expect(isInside(root, path.join(root, name))).toBe(true)
    expect(await resolveInside(nodeFs, root, name)).toMatchObject({ absolute: path.join(root, name), exists: false })
  })

  it.each(['..', '../x.md', 'a/../../x.md', '%2e%2e/x.md', '..%2fx.md', 'a/..'])('still refuses %j', async (name) => {
    await expect(resolveInside(nodeFs, root, name)).rejects.toMatchObject({ code: 'outside-site' })
  })

  it('isInside still says no to the parent and its siblings', () => {
    expect(isInside(root, path.dirname(root))).toBe(false)
    expect(isInside(root, path.join(path.dirname(root), `${path.basename(root)}..x`))).toBe(false)
    expect(isInside(root, path.join(root, '..', 'x'))).toBe(false)
  })
})

describe('posts with dotted names', () => {
  const NAMES = ['....md', '..;.md', '...md', 'a..b.md', 'blog/..../inside.md', 'blog/..;/x..md', 'post..md']

  it.each(NAMES)('%s is read, saved (conflict-checked) and given an image', async (file) => {
    const site = copySampleSite()
    const absolute = path.join(site, 'content', file)
    mkdirSync(path.dirname(absolute), { recursive: true })
    writeFileSync(absolute, post('Dotted'))
    const { services } = makeServices()
    await services.site.open(site)
    const doc = await services.post.read(file)
    expect(doc.text).toBe(post('Dotted'))
    const saved = await services.post.save(file, post('Dotted, edited'), doc.version)
    expect(readFileSync(absolute, 'utf8')).toBe(post('Dotted, edited'))
    await expect(services.post.save(file, 'stale', doc.version)).rejects.toMatchObject({ code: 'conflict' })
    expect(saved.version).not.toBe(doc.version)
    const png = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#48a' } }).png().toBuffer()
    const image = await services.assets.importImage(file, { name: '...png', data: png })
    expect(image.src).toBe('/images/blogImg/2024-02-01-1.png')
    expect(readFileSync(path.join(site, 'public', image.src))).toBeTruthy()
  })

  it('the library lists dotted names the site publishes, and not those Nuxt Content ignores (a leading dot)', async () => {
    const site = copySampleSite()
    for (const file of NAMES) {
      mkdirSync(path.dirname(path.join(site, 'content', file)), { recursive: true })
      writeFileSync(path.join(site, 'content', file), post(file))
    }
    const { services } = makeServices()
    await services.site.open(site)
    const files = (await services.library.list({ sort: 'title' })).map((p) => p.file).sort()
    // `....md`, `..;.md`, `...md` and the `....`/`..;` folders start with a dot: the site never publishes them either
    expect(files).toEqual([SAMPLE_POST, 'a..b.md', 'post..md'].sort())
    for (const listed of await services.library.list()) expect(listed.openable).toBeUndefined()
  })
})

describe('a name the API cannot carry', () => {
  it('explains each kind of name in words', () => {
    expect(unservableName('blog/a\nb.md')).toBe('Inkpost cannot open this file: its name contains a line break. Rename it (e.g. in your file manager) to open it here.')
    expect(unservableName('blog/a\rb.md')).toMatch(/a carriage return\./)
    expect(unservableName('a\u0007.md')).toMatch(/the control character U\+0007\./)
    expect(unservableName('a\\b.md')).toMatch(/a backslash\./)
    expect(unservableName('100%2e.md')).toMatch(/percent-encoded dots/)
    expect(unservableName('blog/a..b.md')).toBeNull()
    expect(unservableName('블로그/라마 리뷰.md')).toBeNull()
  })

  it('lists a post whose name has a line break as not openable, with the reason, without reading it; the others list as usual', async () => {
    const site = copySampleSite()
    const bad = 'blog/two\nlines.md'
    writeFileSync(path.join(site, 'content', bad), post('Two lines'))
    writeFileSync(path.join(site, 'content', 'blog', 'tab\there.md'), post('Tab'))
    const reads: string[] = []
    const fs: ServiceFs = { ...nodeFs, readFile: async (p) => { reads.push(p); return nodeFs.readFile(p) } }
    const { services } = makeServices({ fs })
    await services.site.open(site)
    const listed = await services.library.list({ sort: 'title' })
    expect(listed.map((p) => p.file).sort()).toEqual([SAMPLE_POST, 'blog/tab\there.md', bad].sort())
    expect(listed.find((p) => p.file === bad)).toMatchObject({
      openable: false,
      title: 'two\\nlines.md',
      error: { message: 'Inkpost cannot open this file: its name contains a line break. Rename it (e.g. in your file manager) to open it here.' },
    })
    expect(listed.find((p) => p.file === 'blog/tab\there.md')).toMatchObject({ openable: false, error: { message: expect.stringContaining('a tab') } })
    const sample = listed.find((p) => p.file === SAMPLE_POST)
    expect(sample?.title).toContain('LLaMA')
    expect(sample && 'error' in sample).toBe(false)
    expect(sample && 'openable' in sample).toBe(false)
    expect(reads.filter((p) => /\n|\t/.test(p))).toEqual([])
    // opening it the service way is refused clearly (and nothing else happens to it)
    await expect(services.post.read(bad)).rejects.toMatchObject({ code: 'outside-site', message: expect.stringContaining('control characters') })
    expect(readFileSync(path.join(site, 'content', bad), 'utf8')).toBe(post('Two lines'))
  })
})
