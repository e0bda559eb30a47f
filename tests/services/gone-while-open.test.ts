// A post deleted or renamed on disk while it is open (the watcher missed it, or it is off): saving
// never loses the text and never makes a silent second copy. Deleted → a `conflict` saying so
// (reason `deleted`), and saving again creates it again; renamed in a file manager → a `conflict`
// naming the new file (reason `renamed`), and saving again writes to the renamed file, not the old
// name. Checked on the services and over the loopback HTTP host.
import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EventHub } from '../../electron/http/event-hub'
import { startHttpHost } from '../../electron/http/http-host'
import { ServiceError } from '../../shared/services/service-error'
import { cleanupTemps, copySampleSite, makeServices, SAMPLE_POST, tempDir } from './service-test-helpers'
import { apiCall } from '../http/raw-request'

afterAll(cleanupTemps)

async function openSample() {
  const site = copySampleSite()
  const { services } = makeServices()
  await services.site.open(site)
  const content = path.join(site, 'content')
  const doc = await services.post.read(SAMPLE_POST)
  return { services, content, doc, absolute: path.join(content, SAMPLE_POST) }
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  if (!(error instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(error)}`)
  return error
}

describe('post.save of a post gone from disk', () => {
  it('deleted: refuses with a conflict that says so, writes nothing, and saving again creates it again', async () => {
    const { services, content, doc, absolute } = await openSample()
    unlinkSync(absolute)
    const mine = doc.text + '\nWritten after the file was deleted.\n'
    const error = await refusal(services.post.save(SAMPLE_POST, mine, doc.version))
    expect(error.code).toBe('conflict')
    expect(error.message).toBe(`Not saved: ${SAMPLE_POST} was deleted on disk since you opened it. Your text is kept in the editor; save again to create the file again, or save it under another name.`)
    expect(error.details).toEqual({ diskText: null, diskVersion: null, reason: 'deleted' })
    expect(existsSync(absolute)).toBe(false)
    const saved = await services.post.save(SAMPLE_POST, mine, doc.version, { force: true })
    expect(saved.file).toBeUndefined()
    expect(readFileSync(absolute, 'utf8')).toBe(mine)
    expect(readdirSync(path.join(content, 'blog')).filter((n) => n.endsWith('.md'))).toEqual([path.basename(SAMPLE_POST)])
  })

  it('renamed in a file manager: the conflict names the new file and carries its text; saving again writes there, never a second copy', async () => {
    const { services, content, doc, absolute } = await openSample()
    const original = readFileSync(absolute)
    const renamedTo = 'blog/2024-01-16-llama-2-review.md'
    renameSync(absolute, path.join(content, renamedTo))
    const mine = doc.text + '\nWritten after the file was renamed.\n'
    const error = await refusal(services.post.save(SAMPLE_POST, mine, doc.version))
    expect(error.code).toBe('conflict')
    expect(error.message).toBe(`Not saved: ${SAMPLE_POST} was renamed on disk to ${renamedTo} since you opened it. Your text is kept in the editor; save again to save it to ${renamedTo} (no second copy is made), or open ${renamedTo}.`)
    expect(error.details).toEqual({ diskText: doc.text, diskVersion: doc.version, reason: 'renamed', renamedTo })
    expect(readFileSync(path.join(content, renamedTo))).toEqual(original)
    const saved = await services.post.save(SAMPLE_POST, mine, doc.version, { force: true })
    expect(saved.file).toBe(renamedTo)
    expect(existsSync(absolute)).toBe(false)
    expect(readFileSync(path.join(content, renamedTo), 'utf8')).toBe(mine)
    expect((await services.post.read(renamedTo)).version).toBe(saved.version)
    expect(readdirSync(path.join(content, 'blog')).filter((n) => n.endsWith('.md'))).toEqual([path.basename(renamedTo)])
  })

  it('renamed and then edited elsewhere is not mistaken for a rename: it is a deletion of this name, and the other file is left alone', async () => {
    const { services, content, doc, absolute } = await openSample()
    const other = path.join(content, 'blog/moved.md')
    renameSync(absolute, other)
    writeFileSync(other, readFileSync(other, 'utf8') + '\nedited after the move\n')
    const before = readFileSync(other)
    const error = await refusal(services.post.save(SAMPLE_POST, doc.text + '\nmine\n', doc.version))
    expect(error.details).toMatchObject({ reason: 'deleted' })
    await services.post.save(SAMPLE_POST, doc.text + '\nmine\n', doc.version, { force: true })
    expect(readFileSync(other)).toEqual(before)
    expect(readFileSync(absolute, 'utf8')).toBe(doc.text + '\nmine\n')
  })

  it('a post changed on disk still says "changed", and a new post whose name is taken says "exists"', async () => {
    const { services, doc, absolute } = await openSample()
    writeFileSync(absolute, doc.text + '\nexternal\n')
    expect((await refusal(services.post.save(SAMPLE_POST, 'mine', doc.version))).details).toMatchObject({ reason: 'changed', diskText: doc.text + '\nexternal\n' })
    expect((await refusal(services.post.save(SAMPLE_POST, 'mine', null))).details).toMatchObject({ reason: 'exists' })
  })
})

describe('over the loopback HTTP host', () => {
  it('answers 409 with the reason and the new name, and the forced save goes to the renamed file', async () => {
    const site = copySampleSite()
    const hub = new EventHub()
    const { services } = makeServices({ emit: hub.emit, host: { mode: 'browser', siteFileBase: '/site-file', version: '1' } })
    await services.site.open(site)
    const host = await startHttpHost({ services, events: hub, rendererDir: tempDir(), port: 0 })
    try {
      const api = async (name: string, args: unknown[]) => {
        const reply = await apiCall(host, name, args)
        return { status: reply.status, json: JSON.parse(reply.body.toString('utf8')) }
      }
      const doc = (await api('post.read', [SAMPLE_POST])).json.result
      renameSync(path.join(site, 'content', SAMPLE_POST), path.join(site, 'content', 'blog/renamed.md'))
      const refused = await api('post.save', [SAMPLE_POST, doc.text + 'x\n', doc.version])
      expect(refused.status).toBe(409)
      expect(refused.json.error).toMatchObject({ code: 'conflict', details: { reason: 'renamed', renamedTo: 'blog/renamed.md' } })
      const forced = await api('post.save', [SAMPLE_POST, doc.text + 'x\n', doc.version, { force: true }])
      expect(forced.json.result).toMatchObject({ file: 'blog/renamed.md' })
      expect(readFileSync(path.join(site, 'content', 'blog/renamed.md'), 'utf8')).toBe(doc.text + 'x\n')
      expect(existsSync(path.join(site, 'content', SAMPLE_POST))).toBe(false)
    } finally {
      await host.close()
      await services.dispose()
    }
  })
})
