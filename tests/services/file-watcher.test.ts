import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { InkpostEvent } from '../../shared/services/events'
import type { ServiceRuntime } from '../../electron/services/create-services'
import { contentVersion } from '../../electron/services/content-version'
import { cleanupTemps, copySampleSite, makeServices, SAMPLE_POST, waitFor } from './service-test-helpers'

afterAll(cleanupTemps)
const running: ServiceRuntime[] = []
afterEach(async () => {
  for (const s of running.splice(0)) await s.dispose()
})

async function watched() {
  const site = copySampleSite()
  const made = makeServices({ watch: true, watcherTiming: { debounceMs: 40, renameWindowMs: 300 } })
  running.push(made.services)
  await made.services.site.open(site)
  await made.services.ready()
  made.events.length = 0
  return { ...made, content: path.join(site, 'content') }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const postEvents = (events: InkpostEvent[]) => events.filter((e) => e.type !== 'library-changed')

describe('content watcher', () => {
  it('reports an external change with the new version, then library-changed', async () => {
    const { events, content } = await watched()
    const file = path.join(content, SAMPLE_POST)
    const text = readFileSync(file, 'utf8') + '\nexternal\n'
    writeFileSync(file, text)
    await waitFor(() => events.some((e) => e.type === 'library-changed'), 5000, 'library-changed')
    expect(postEvents(events)).toEqual([{ type: 'post-changed', file: SAMPLE_POST, kind: 'change', version: contentVersion(Buffer.from(text)), mtime: expect.any(Number) }])
  })

  it('does not report our own saves, creates, renames and deletes', async () => {
    const { services, events } = await watched()
    const doc = await services.post.read(SAMPLE_POST)
    await services.post.save(SAMPLE_POST, doc.text + '\nmine\n', doc.version)
    const created = await services.post.create({ title: 'Fresh', date: '2025-01-01' })
    await services.post.rename(created.file, 'blog/fresh-renamed.md')
    await services.post.delete('blog/fresh-renamed.md')
    await sleep(700)
    expect(events).toEqual([])
  })

  it('reports external create and delete', async () => {
    const { events, content } = await watched()
    writeFileSync(path.join(content, 'blog/new.md'), '# New\n')
    await waitFor(() => events.some((e) => e.type === 'post-changed' && e.kind === 'add'), 5000, 'add')
    rmSync(path.join(content, 'blog/new.md'))
    await waitFor(() => events.some((e) => e.type === 'post-changed' && e.kind === 'unlink'), 5000, 'unlink')
    expect(postEvents(events)).toEqual([
      { type: 'post-changed', file: 'blog/new.md', kind: 'add', version: contentVersion(Buffer.from('# New\n')), mtime: expect.any(Number) },
      { type: 'post-changed', file: 'blog/new.md', kind: 'unlink', version: null, mtime: null },
    ])
  })

  it('reports an external rename once, as post-renamed', async () => {
    const { services, events, content } = await watched()
    await services.library.list() // the library knows the post's version
    renameSync(path.join(content, SAMPLE_POST), path.join(content, 'blog/llama.md'))
    await waitFor(() => events.some((e) => e.type === "post-renamed"), 5000, "post-renamed")
    await sleep(500)
    expect(postEvents(events)).toEqual([{ type: 'post-renamed', from: SAMPLE_POST, to: 'blog/llama.md' }])
  })

  it('ignores temp files and non-markdown files', async () => {
    const { events, content } = await watched()
    writeFileSync(path.join(content, 'blog/.x.md.inkpost-tmp-1-aa'), 'tmp')
    writeFileSync(path.join(content, 'blog/notes.txt'), 'txt')
    await sleep(400)
    expect(events).toEqual([])
  })
})
