import net from 'node:net'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { build } from 'esbuild'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { browserDataDir, DEFAULT_PORT, parseServeArgs, runServe } from '../../electron/cli/serve-command'
import { cleanupTemps, copySampleSite, repoRoot, SAMPLE_POST, tempDir } from '../services/service-test-helpers'

afterAll(cleanupTemps)

const LINE = /^Inkpost serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))\n$/

function capture() {
  let out = ''
  let err = ''
  return { io: { stdout: { write: (t: string) => { out += t } }, stderr: { write: (t: string) => { err += t } } }, out: () => out, err: () => err }
}

async function call(base: string, token: string, name: string, args: unknown[]) {
  const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-inkpost-token': token }, body: JSON.stringify(args) })
  return { status: res.status, body: await res.json() as any }
}

describe('parseServeArgs / browserDataDir', () => {
  it('parses the site folder and --port', () => {
    expect(parseServeArgs(['site', '--port', '5000'])).toEqual({ siteDir: 'site', port: 5000, allowOpen: false, help: false })
    expect(parseServeArgs(['--port=0', 'site'])).toEqual({ siteDir: 'site', port: 0, allowOpen: false, help: false })
    expect(parseServeArgs(['site'])).toEqual({ siteDir: 'site', port: null, allowOpen: false, help: false })
    expect(parseServeArgs(['site', '--allow-open'])).toEqual({ siteDir: 'site', port: null, allowOpen: true, help: false })
    expect(() => parseServeArgs([])).toThrow(/missing SITE_DIR/)
    expect(() => parseServeArgs(['a', 'b'])).toThrow(/only one SITE_DIR/)
    expect(() => parseServeArgs(['a', '--port', 'x'])).toThrow(/--port needs a number/)
    expect(() => parseServeArgs(['a', '--port', '70000'])).toThrow(/--port needs a number/)
    expect(() => parseServeArgs(['a', '--host', 'x'])).toThrow(/unknown option --host/)
  })

  it('picks the data folder from INKPOST_DATA_DIR, XDG_DATA_HOME, then ~/.local/share', () => {
    expect(browserDataDir({ INKPOST_DATA_DIR: '/tmp/d' })).toBe('/tmp/d')
    expect(browserDataDir({ XDG_DATA_HOME: '/x/data' })).toBe('/x/data/inkpost')
    expect(browserDataDir({})).toMatch(/\.local\/share\/inkpost$/)
  })
})

describe('runServe', () => {
  it('prints the address line, serves the site and stops cleanly', async () => {
    const site = copySampleSite()
    const out = capture()
    const stop = new AbortController()
    const running = runServe([site, '--port', '0'], { io: out.io, stop: stop.signal, env: { INKPOST_DATA_DIR: tempDir(), INKPOST_RENDERER_DIR: tempDir() } })
    await new Promise<void>((resolve) => { const t = setInterval(() => { if (out.out()) { clearInterval(t); resolve() } }, 10) })
    const match = LINE.exec(out.out())
    expect(match, out.out()).not.toBeNull()
    const [, dir, url, port, token] = match!
    expect(dir).toBe(path.resolve(site))
    const base = `http://127.0.0.1:${port}`
    expect((await call(base, token, 'library.list', [])).body.result[0]).toMatchObject({ file: SAMPLE_POST, title: expect.stringContaining('LLaMA 2') })
    expect((await call(base, token, 'post.read', [SAMPLE_POST])).body.result.text).toContain('## 1. Pre-Training')
    const refused = await call(base, token, 'post.read', ['../../etc/passwd'])
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('outside-site')
    // the printed URL is the way in: no redirect and no cookie (the renderer is not built here: 503 page)
    const page = await fetch(url, { redirect: 'manual' })
    expect(page.status).toBe(503)
    expect(page.headers.get('set-cookie')).toBeNull()
    // images are served under the per-launch file key that app.info() reports
    const info = (await call(base, token, 'app.info', [])).body.result
    expect(info.siteFileBase).toMatch(/^\/site-file\/[0-9a-f]{32}$/)
    expect((await fetch(`${base}${info.siteFileBase}/images/blogImg/2024-01-16-1.png`)).status).toBe(200)
    // only the served site (and recent ones) may be opened over HTTP
    const other = await call(base, token, 'site.open', [copySampleSite()])
    expect(other.status).toBe(401)
    expect(other.body.error.message).toMatch(/--allow-open/)
    stop.abort()
    expect(await running).toBe(0)
    await expect(fetch(`${base}/`)).rejects.toThrow()
  })

  it('falls back to a free port when the default port is busy, but fails on a busy explicit port', async () => {
    const blocker = net.createServer()
    const blocked = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false))
      blocker.listen(DEFAULT_PORT, '127.0.0.1', () => resolve(true))
    })
    try {
      const site = copySampleSite()
      const env = { INKPOST_DATA_DIR: tempDir(), INKPOST_RENDERER_DIR: tempDir() }
      const out = capture()
      const stop = new AbortController()
      const running = runServe([site], { io: out.io, stop: stop.signal, env, onListening: () => stop.abort() })
      expect(await running).toBe(0)
      const port = Number(LINE.exec(out.out())?.[3])
      expect(port).not.toBe(DEFAULT_PORT)
      expect(port).toBeGreaterThan(0)
      const explicit = capture()
      expect(await runServe([site, '--port', String(DEFAULT_PORT)], { io: explicit.io, env })).toBe(1)
      expect(explicit.err()).toMatch(/already in use/)
    } finally {
      if (blocked) await new Promise((r) => blocker.close(r))
    }
  })

  it('exits 1 for a folder that is not a site and 2 for usage errors', async () => {
    const out = capture()
    expect(await runServe([tempDir()], { io: out.io, env: { INKPOST_DATA_DIR: tempDir() } })).toBe(1)
    expect(out.err()).toMatch(/cannot open .*not a Nuxt Content site/)
    const usage = capture()
    expect(await runServe([], { io: usage.io })).toBe(2)
    expect(usage.err()).toMatch(/Usage: inkpost serve SITE_DIR/)
    const help = capture()
    expect(await runServe(['--help'], { io: help.io })).toBe(0)
    expect(help.out()).toMatch(/--port N/)
  })

  /** Bundles a real `inkpost serve` entry (once) and starts it on `site`; resolves once it printed its address. */
  let entry: Promise<string> | null = null
  const children = new Set<ReturnType<typeof spawn>>()
  afterEach(() => {
    // a failed test must not leave a server behind
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    children.clear()
  })
  async function startReal(site: string) {
    // inside the repo, so the packages left external (sharp is native) resolve from its node_modules
    entry ??= (async () => {
      const file = path.join(repoRoot, 'node_modules', '.cache', 'inkpost-test', `serve-${process.pid}.mjs`)
      await build({
        stdin: { contents: "import { runServe } from './electron/cli/serve-command'\nprocess.exitCode = await runServe(process.argv.slice(2))\n", resolveDir: repoRoot, loader: 'ts' },
        bundle: true, platform: 'node', format: 'esm', outfile: file, logLevel: 'error', external: ['fsevents', 'sharp', 'svgo'],
        banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
      })
      return file
    })()
    const child = spawn(process.execPath, [await entry, site, '--port', '0'], { env: { ...process.env, INKPOST_DATA_DIR: tempDir(), INKPOST_RENDERER_DIR: tempDir() }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let stderr = ''
    child.stderr.on('data', (c) => { stderr += c })
    const line = await new Promise<string>((resolve, reject) => {
      let buf = ''
      child.stdout.on('data', (c) => { buf += c; if (buf.includes('\n')) resolve(buf) })
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)))
    })
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })))
    return { child, line, exit, stderr: () => stderr }
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('stops on %s in a real process, with exit status 0', async (signal) => {
    const { child, line, exit } = await startReal(copySampleSite())
    expect(line).toMatch(LINE)
    child.kill(signal)
    expect((await exit).code).toBe(0)
  })

  it('stops on SIGTERM within 2 s while a post with a 400 KB line without spaces blocks the server', async () => {
    const site = copySampleSite()
    // the library's background check parses this for many seconds (quadratic autolink matching)
    writeFileSync(path.join(site, 'content/blog/2024-02-01-long-line.md'), `---\ntitle: Long line\n---\n\n${'a_'.repeat(200_000)}\n`)
    const { child, line, exit } = await startReal(site)
    const [, , url, , token] = LINE.exec(line)!
    const base = new URL(url).origin
    await call(base, token, 'library.list', []).catch(() => undefined)
    // the server's thread is busy with the parse now: an API call does not answer for a while
    let probe = 'answered'
    for (let i = 0; i < 20 && probe === 'answered'; i++) {
      probe = await Promise.race([call(base, token, 'app.info', []).then(() => 'answered'), new Promise<string>((r) => setTimeout(() => r('busy'), 1000))])
    }
    expect(probe).toBe('busy')
    const sent = Date.now()
    child.kill('SIGTERM')
    const done = await exit
    expect(done.at - sent, `probe: ${probe}`).toBeLessThan(2500)
    expect(done.code ?? done.signal).toBe(0)
  }, 60_000)
})
