import { readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanupTemps, copySampleSite, faultyFs, makeServices, SAMPLE_POST, type Fault } from './service-test-helpers'

afterAll(cleanupTemps)

async function setup(faults: Fault[] = []) {
  let now = Date.now() + 60_000 // journals are written "after" the file's mtime
  const site = copySampleSite()
  const made = makeServices({ clock: () => now, fs: faultyFs(faults) })
  await made.services.site.open(site)
  return { ...made, site, content: path.join(site, 'content'), tick: (ms: number) => { now += ms } }
}

describe('recovery', () => {
  it('offers a journal newer than its file, and forgets it after a save', async () => {
    const { services, dataDir } = await setup()
    const doc = await services.post.read(SAMPLE_POST)
    await services.recovery.journal(SAMPLE_POST, doc.text + '\ndirty\n')
    const [entry, ...rest] = await services.recovery.pending()
    expect(rest).toEqual([])
    expect(entry).toMatchObject({ file: SAMPLE_POST, text: doc.text + '\ndirty\n', diskMtime: expect.any(Number), savedAt: expect.any(Number) })
    expect(readdirSync(path.join(dataDir, 'recovery'))).toHaveLength(1)
    await services.post.save(SAMPLE_POST, doc.text + '\ndirty\n', doc.version)
    expect(await services.recovery.pending()).toEqual([])
    expect(readdirSync(path.join(dataDir, 'recovery'))).toEqual([])
  })

  it('does not offer a journal older than the file, nor one equal to the disk text', async () => {
    const { services, content } = await setup()
    const doc = await services.post.read(SAMPLE_POST)
    await services.recovery.journal(SAMPLE_POST, doc.text + '\nold dirty\n')
    const future = new Date(Date.now() + 3_600_000)
    utimesSync(path.join(content, SAMPLE_POST), future, future)
    expect(await services.recovery.pending()).toEqual([])
    const other = await setup()
    const d2 = await other.services.post.read(SAMPLE_POST)
    await other.services.recovery.journal(SAMPLE_POST, d2.text)
    expect(await other.services.recovery.pending()).toEqual([])
  })

  it('offers a journal whose file was deleted or never saved', async () => {
    const { services, content } = await setup()
    await services.recovery.journal('blog/never-saved.md', 'draft text')
    await services.recovery.journal(SAMPLE_POST, 'rewritten')
    rmSync(path.join(content, SAMPLE_POST))
    const pending = await services.recovery.pending()
    expect(pending.map((e) => [e.file, e.text, e.diskMtime === null]).sort()).toEqual([[SAMPLE_POST, 'rewritten', false], ['blog/never-saved.md', 'draft text', true]])
  })

  it('keeps journals per site and discards on request', async () => {
    const a = await setup()
    await a.services.recovery.journal(SAMPLE_POST, 'site A text')
    const other = copySampleSite()
    await a.services.site.open(other)
    expect(await a.services.recovery.pending()).toEqual([])
    await a.services.site.open(a.site)
    expect(await a.services.recovery.pending()).toHaveLength(1)
    await a.services.recovery.discard(SAMPLE_POST)
    expect(await a.services.recovery.pending()).toEqual([])
  })

  it('ignores corrupt journal files and refuses paths outside the site', async () => {
    const { services, dataDir } = await setup()
    await services.recovery.journal(SAMPLE_POST, 'x')
    writeFileSync(path.join(dataDir, 'recovery', 'garbage.json'), '{not json')
    expect(await services.recovery.pending()).toHaveLength(1)
    await expect(services.recovery.journal('../../etc/passwd', 'x')).rejects.toMatchObject({ code: 'outside-site' })
  })

  it('reports a journal write failure clearly (ENOSPC)', async () => {
    const faults: Fault[] = []
    const { services } = await setup(faults)
    faults.push({ op: 'write', code: 'ENOSPC', when: (p) => p.includes('recovery') })
    await expect(services.recovery.journal(SAMPLE_POST, 'x')).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/disk is full \(ENOSPC\)/) })
  })
})
