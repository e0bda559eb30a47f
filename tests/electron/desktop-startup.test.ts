import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chooseStartupSite, ensureSampleSiteCopy, SAMPLE_SITE_DIR_NAME } from '../../electron/startup-site'
import { parseLaunchArgs } from '../../electron/launch-args'
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, parseWindowState, saveWindowState } from '../../electron/window-state'
import { createDesktopServices } from '../../electron/desktop-services'

const bundled = resolve('assets/sample-site')
let tmp: string
beforeEach(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'inkpost-startup-')))
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

describe('startup site', () => {
  it('first run copies the bundled sample site (post and four images) into the data folder', async () => {
    const dataDir = join(tmp, 'data')
    const dir = await chooseStartupSite({ requested: null, recent: [], bundledSample: bundled, dataDir })
    expect(dir).toBe(join(dataDir, SAMPLE_SITE_DIR_NAME))
    expect(readFileSync(join(dir, 'content/blog/2024-01-16-llama2.md'), 'utf8')).toBe(readFileSync(join(bundled, 'content/blog/2024-01-16-llama2.md'), 'utf8'))
    for (const n of [1, 2, 3, 4]) expect(existsSync(join(dir, `public/images/blogImg/2024-01-16-${n}.png`))).toBe(true)
  })

  it('keeps the writer’s edits to the sample copy on the next start', async () => {
    const dataDir = join(tmp, 'data')
    const dir = await ensureSampleSiteCopy(bundled, dataDir)
    writeFileSync(join(dir, 'content/blog/mine.md'), '# mine')
    expect(await ensureSampleSiteCopy(bundled, dataDir)).toBe(dir)
    expect(readFileSync(join(dir, 'content/blog/mine.md'), 'utf8')).toBe('# mine')
  })

  it('opens the most recent site that still exists, and prefers --site', async () => {
    const a = join(tmp, 'a')
    const b = join(tmp, 'b')
    mkdirSync(b)
    mkdirSync(a)
    expect(await chooseStartupSite({ requested: null, recent: [join(tmp, 'gone'), b, a], bundledSample: bundled, dataDir: tmp })).toBe(b)
    expect(await chooseStartupSite({ requested: a, recent: [b], bundledSample: bundled, dataDir: tmp })).toBe(a)
    expect(await chooseStartupSite({ requested: join(tmp, 'nope'), recent: [b], bundledSample: bundled, dataDir: tmp })).toBe(b)
  })

  it('says clearly when the bundled sample is missing', async () => {
    await expect(ensureSampleSiteCopy(join(tmp, 'no-sample'), join(tmp, 'data'))).rejects.toThrow(/bundled sample site is missing/)
  })
})

describe('launch args', () => {
  it('reads --site DIR and --site=DIR relative to the working folder, ignoring Chromium switches', () => {
    expect(parseLaunchArgs(['electron', '.', '--no-sandbox', '--site', 'blog'], '/home/me')).toEqual({ site: '/home/me/blog' })
    expect(parseLaunchArgs(['electron', '.', '--site=/abs/site'], '/x')).toEqual({ site: '/abs/site' })
    expect(parseLaunchArgs(['electron', '.'], '/x')).toEqual({ site: null })
  })
})

describe('window state', () => {
  it('round-trips through its file and falls back to defaults on damage', () => {
    const file = join(tmp, 'state', 'window-state.json')
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE)
    expect(saveWindowState(file, { x: 10, y: 20, width: 1300, height: 850, maximized: true })).toBe(true)
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1300, height: 850, maximized: true })
    writeFileSync(file, '{"width": "huge", "height": 100, "x": 1}')
    expect(loadWindowState(file)).toEqual({ width: DEFAULT_WINDOW_STATE.width, height: 480, maximized: false })
    expect(parseWindowState('not json')).toEqual(DEFAULT_WINDOW_STATE)
    expect(saveWindowState(join(tmp, 'state', 'window-state.json', 'not-a-dir', 'x.json'), DEFAULT_WINDOW_STATE)).toBe(false)
  })

  it('forgets a position that no display shows', () => {
    const display = [{ x: 0, y: 0, width: 1920, height: 1080 }]
    expect(fitToDisplays({ x: 100, y: 100, width: 800, height: 600, maximized: false }, display)).toHaveProperty('x', 100)
    expect(fitToDisplays({ x: 3000, y: 100, width: 800, height: 600, maximized: false }, display)).not.toHaveProperty('x')
  })
})

describe('desktop services wiring', () => {
  it('reports the Electron host facts and opens only http(s)/mailto links through shell', async () => {
    const opened: string[] = []
    const services = createDesktopServices({ dataDir: tmp, version: '1.2.3', emit: () => undefined, trash: async () => undefined, openExternal: async (url) => void opened.push(url) })
    try {
      expect(await services.app.info()).toEqual({ mode: 'electron', siteFileBase: 'inkpost-site://site', version: '1.2.3' })
      await services.app.openExternal('https://content.nuxt.com/')
      for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
        await expect(services.app.openExternal(bad)).rejects.toMatchObject({ code: 'invalid-argument' })
      }
      expect(opened).toEqual(['https://content.nuxt.com/'])
    } finally {
      await services.dispose()
    }
  })
})
