// post.delete / trashList / restore: deleted posts are kept in the app's data folder (never in the
// site), restored byte for byte, never over an existing file, and a forged trash record cannot
// write outside the content folder.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PostTrash } from '../../electron/services/post-trash'
import { nodeFs } from '../../electron/services/fs-facade'
import { cleanupTemps, copySampleSite, faultyFs, makeServices, SAMPLE_POST, type Fault } from './service-test-helpers'

afterAll(cleanupTemps)

async function openSample(faults: Fault[] = [], trash?: (p: string) => Promise<void>) {
  const site = copySampleSite()
  let now = Date.UTC(2025, 2, 4, 10)
  const made = makeServices({ fs: faultyFs(faults), clock: () => (now += 1000), ...(trash ? { trash } : {}) })
  await made.services.site.open(site)
  const trashFolder = new PostTrash({ fs: nodeFs, clock: Date.now, dataDir: made.dataDir }).folderOf(await nodeFs.realpath(site))
  return { ...made, site, content: path.join(site, 'content'), trashFolder }
}

describe('post.delete / post.trashList / post.restore', () => {
  it('lists deleted posts newest first and restores one byte for byte', async () => {
    const { services, content, site, trashFolder, dataDir } = await openSample()
    const original = readFileSync(path.join(content, SAMPLE_POST))
    writeFileSync(path.join(content, 'blog', 'second.md'), '\ufeff---\r\ntitle: Second\r\n---\r\n\r\nBody\r\n')
    const secondBytes = readFileSync(path.join(content, 'blog', 'second.md'))
    const first = await services.post.delete(SAMPLE_POST)
    const second = await services.post.delete('blog/second.md')
    expect(existsSync(path.join(content, SAMPLE_POST))).toBe(false)
    expect(existsSync(path.join(site, '.inkpost')), 'the trash is not inside the site').toBe(false)
    expect(trashFolder.startsWith(path.join(dataDir, 'trash') + path.sep), 'the trash is in the data folder').toBe(true)
    expect(readdirSync(trashFolder).sort()).toEqual([`${first.id}.json`, `${first.id}.md`, `${second.id}.json`, `${second.id}.md`].sort())

    const listed = await services.post.trashList()
    expect(listed.map((e) => e.file)).toEqual(['blog/second.md', SAMPLE_POST])
    expect(listed[1]).toMatchObject({ id: first.id, title: 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰', size: original.length, deletedAt: expect.any(Number) })
    expect(listed[0].title).toBe('Second')

    expect(await services.post.restore(first.id)).toEqual({ file: SAMPLE_POST, originalFile: SAMPLE_POST, renamed: false })
    expect(readFileSync(path.join(content, SAMPLE_POST)).equals(original), 'byte-identical').toBe(true)
    await services.post.restore(second.id)
    expect(readFileSync(path.join(content, 'blog', 'second.md')).equals(secondBytes), 'BOM and CRLF kept').toBe(true)
    expect(await services.post.trashList()).toEqual([])
    expect(readdirSync(trashFolder)).toEqual([])
    await expect(services.post.restore(first.id)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('never overwrites: a name taken since the delete is restored under a free name', async () => {
    const { services, content } = await openSample()
    const original = readFileSync(path.join(content, SAMPLE_POST))
    const entry = await services.post.delete(SAMPLE_POST)
    writeFileSync(path.join(content, SAMPLE_POST), 'a new post took the name\n')
    writeFileSync(path.join(content, 'blog', '2024-01-16-llama2-restored.md'), 'and the first free name too\n')
    const result = await services.post.restore(entry.id)
    expect(result).toEqual({ file: 'blog/2024-01-16-llama2-restored-2.md', originalFile: SAMPLE_POST, renamed: true })
    expect(readFileSync(path.join(content, SAMPLE_POST), 'utf8')).toBe('a new post took the name\n')
    expect(readFileSync(path.join(content, 'blog', '2024-01-16-llama2-restored.md'), 'utf8')).toBe('and the first free name too\n')
    expect(readFileSync(path.join(content, result.file)).equals(original)).toBe(true)
  })

  it('refuses ids that are not trash ids, and forged records that point outside the content folder', async () => {
    const { services, site, trashFolder } = await openSample()
    for (const id of ['../../etc/passwd', '', '1741082400000-deadbeef/../x', 'x'.repeat(30)]) {
      await expect(services.post.restore(id)).rejects.toMatchObject({ code: 'invalid-argument' })
    }
    const entry = await services.post.delete(SAMPLE_POST)
    const record = JSON.parse(readFileSync(path.join(trashFolder, `${entry.id}.json`), 'utf8'))
    for (const forged of ['../../outside.md', '/etc/outside.md', '../outside.md', 'blog/not-markdown.sh']) {
      writeFileSync(path.join(trashFolder, `${entry.id}.json`), JSON.stringify({ ...record, file: forged }))
      await expect(services.post.restore(entry.id)).rejects.toMatchObject({ code: expect.stringMatching(/outside-site|invalid-argument/) })
    }
    expect(existsSync(path.join(site, 'outside.md'))).toBe(false)
    expect(existsSync(path.join(path.dirname(site), 'outside.md'))).toBe(false)
    expect(existsSync(path.join(trashFolder, `${entry.id}.md`)), 'a refused restore keeps the entry').toBe(true)
  })

  it('in Electron mode the OS trash takes the file and Undo still works from the kept copy', async () => {
    const osTrash: string[] = []
    const { services, content } = await openSample([], async (p) => { osTrash.push(p); await nodeFs.unlink(p) })
    const original = readFileSync(path.join(content, SAMPLE_POST))
    const entry = await services.post.delete(SAMPLE_POST)
    expect(osTrash).toEqual([path.join(content, SAMPLE_POST)])
    await services.post.restore(entry.id)
    expect(readFileSync(path.join(content, SAMPLE_POST)).equals(original)).toBe(true)
  })

  it('keeps the post when the trash step fails, and leaves no entry behind', async () => {
    const { services, content } = await openSample([], async () => { throw Object.assign(new Error('denied'), { code: 'EACCES' }) })
    await expect(services.post.delete(SAMPLE_POST)).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/move blog\/2024-01-16-llama2.md to the trash/) })
    expect(existsSync(path.join(content, SAMPLE_POST))).toBe(true)
    expect(await services.post.trashList()).toEqual([])
  })

  it('does not delete when the copy cannot be kept (data folder full)', async () => {
    const { services, content, dataDir } = await openSample([{ op: 'write', code: 'ENOSPC', when: (p) => p.startsWith(dataDir) }])
    await expect(services.post.delete(SAMPLE_POST)).rejects.toMatchObject({ code: 'io' })
    expect(existsSync(path.join(content, SAMPLE_POST))).toBe(true)
  })
})
