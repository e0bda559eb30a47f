import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_FIGURE_TEMPLATE, mergeSiteSettings } from '../../electron/services/site-settings'
import { cleanupTemps, copySampleSite, makeServices, sampleSite, tempDir } from './service-test-helpers'
import { readFileSync } from 'node:fs'

afterAll(cleanupTemps)

describe('site.open', () => {
  it('recognises the sample site with default settings matching the sample post', async () => {
    const site = copySampleSite()
    const { services, events } = makeServices()
    const info = await services.site.open(site)
    expect(info).toMatchObject({ root: site, name: 'site', isNuxtSite: true, markers: { content: true, public: true, nuxtConfig: false } })
    expect(info.settings).toEqual({ contentDir: 'content', publicDir: 'public', imageDir: 'images/blogImg', imageNamePattern: '{date}-{n}.{ext}', figureTemplate: DEFAULT_FIGURE_TEMPLATE, insertImageAs: 'figure', optimizeImages: true, maxImageWidth: 1600, imageQuality: 82, maxImportBytes: 64 * 1024 * 1024, allowUnsafeHtml: false, loadRemoteMedia: false })
    expect(await services.site.current()).toEqual(info)
    expect(events).toEqual([{ type: 'site-opened', root: site }])
  })

  it('uses a template that reproduces the sample post\'s figure block exactly', () => {
    const sample = readFileSync(path.join(sampleSite, 'content/blog/2024-01-16-llama2.md'), 'utf8')
    const filled = DEFAULT_FIGURE_TEMPLATE.replace('{src}', '/images/blogImg/2024-01-16-1.png').replace('{alt}', 'LLaMA2-process').replace('{caption}', 'LLaMA2의 pre-training과 fine-tuning 과정')
    expect(sample).toContain(filled)
  })

  it('reads inkpost.config.json and refuses invalid settings clearly', async () => {
    const site = copySampleSite()
    mkdirSync(path.join(site, 'posts'))
    writeFileSync(path.join(site, 'nuxt.config.ts'), 'export default {}')
    writeFileSync(path.join(site, 'inkpost.config.json'), JSON.stringify({ contentDir: 'posts', imageDir: 'img/', imageNamePattern: '{slug}-{n}.{ext}' }))
    const { services } = makeServices()
    const info = await services.site.open(site)
    expect(info.settings).toMatchObject({ contentDir: 'posts', imageDir: 'img', imageNamePattern: '{slug}-{n}.{ext}', publicDir: 'public' })
    expect(info.markers.nuxtConfig).toBe(true)
    writeFileSync(path.join(site, 'inkpost.config.json'), '{ "contentDir": ')
    await expect(services.site.open(site)).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/inkpost.config.json: is not valid JSON/) })
    expect(() => mergeSiteSettings({ contentDir: '../elsewhere' })).toThrow(/contentDir.*inside the site/)
    expect(() => mergeSiteSettings({ imageNamePattern: 'fixed.png' })).toThrow(/\{n\} and \{ext\}/)
    expect(() => mergeSiteSettings({ figureTemplate: '<img>' })).toThrow(/\{src\}/)
    expect(() => mergeSiteSettings([])).toThrow(/JSON object/)
    expect(() => mergeSiteSettings({ insertImageAs: 'html' })).toThrow(/insertImageAs/)
    expect(() => mergeSiteSettings({ imageNamePattern: '{date}-{title}-{n}.{ext}' })).toThrow(/uses \{title\}; the placeholders are \{date\}/)
    expect(() => mergeSiteSettings({ maxImageWidth: 0 })).toThrow(/maxImageWidth.*16 to 20000/)
    expect(() => mergeSiteSettings({ imageQuality: 82.5 })).toThrow(/imageQuality/)
    expect(() => mergeSiteSettings({ optimizeImages: 'yes' })).toThrow(/optimizeImages/)
    expect(() => mergeSiteSettings({ allowUnsafeHtml: 1 })).toThrow(/allowUnsafeHtml/)
    expect(() => mergeSiteSettings({ loadRemoteMedia: 'yes' })).toThrow(/loadRemoteMedia/)
    expect(mergeSiteSettings({ loadRemoteMedia: true }).loadRemoteMedia).toBe(true)
    expect(mergeSiteSettings({ insertImageAs: 'markdown', maxImageWidth: 800, optimizeImages: false })).toMatchObject({ insertImageAs: 'markdown', maxImageWidth: 800, optimizeImages: false })
  })

  it('refuses folders that are not sites, relative paths and files', async () => {
    const { services } = makeServices()
    const empty = tempDir()
    await expect(services.site.open(empty)).rejects.toMatchObject({ code: 'not-a-site', message: expect.stringMatching(/no "content" folder/) })
    await expect(services.site.open('relative/dir')).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(services.site.open(path.join(empty, 'missing'))).rejects.toMatchObject({ code: 'not-found' })
    writeFileSync(path.join(empty, 'file'), 'x')
    await expect(services.site.open(path.join(empty, 'file'))).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(await services.site.current()).toBeNull()
  })

  it('remembers recent sites, newest first, without duplicates', async () => {
    const a = copySampleSite()
    const b = copySampleSite()
    const { services, dataDir } = makeServices()
    expect(await services.site.recent()).toEqual([])
    await services.site.open(a)
    await services.site.open(b)
    await services.site.open(a)
    expect(await services.site.recent()).toEqual([a, b])
    rmSync(path.join(dataDir, 'recent-sites.json'))
    expect(await services.site.recent()).toEqual([])
  })

  it('lists only recent sites whose folder exists, but keeps the others remembered', async () => {
    const a = copySampleSite()
    const b = copySampleSite()
    const c = copySampleSite()
    const { services, dataDir } = makeServices()
    await services.site.open(a)
    await services.site.open(b)
    const hidden = `${b}-unmounted`
    renameSync(b, hidden) // like a drive that is not mounted
    expect(await services.site.recent()).toEqual([a])
    await services.site.open(c)
    expect(await services.site.recent()).toEqual([c, a])
    const stored = () => JSON.parse(readFileSync(path.join(dataDir, 'recent-sites.json'), 'utf8'))
    expect(stored()).toEqual([c, b, a])
    renameSync(hidden, b)
    expect(await services.site.recent()).toEqual([c, b, a])
    // a path that is now a file is not a site folder either
    rmSync(a, { recursive: true })
    writeFileSync(a, 'not a folder')
    expect(await services.site.recent()).toEqual([c, b])
    expect(stored()).toEqual([c, b, a])
  })

  it('app.info and openExternal validation', async () => {
    const opened: string[] = []
    const { services } = makeServices({ host: { mode: 'browser', siteFileBase: '/site-file', version: '1.2.3' }, openExternal: async (u) => { opened.push(u) } })
    expect(await services.app.info()).toEqual({ mode: 'browser', siteFileBase: '/site-file', version: '1.2.3' })
    await services.app.openExternal('https://nuxt.com/docs')
    await expect(services.app.openExternal('file:///etc/passwd')).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(services.app.openExternal('javascript:alert(1)')).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(opened).toEqual(['https://nuxt.com/docs'])
  })
})
