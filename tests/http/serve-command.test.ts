import net from 'node:net'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
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
    expect(parseServeArgs(['site', '--port', '5000'])).toEqual({ siteDir: 'site', port: 5000, help: false })
    expect(parseServeArgs(['--port=0', 'site'])).toEqual({ siteDir: 'site', port: 0, help: false })
    expect(parseServeArgs(['site'])).toEqual({ siteDir: 'site', port: null, help: false })
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
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303)
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

  it('stops on SIGTERM in a real process', async () => {
    const work = tempDir()
    // inside the repo, so the packages left external (sharp is native) resolve from its node_modules
    const entry = path.join(repoRoot, 'node_modules', '.cache', 'inkpost-test', `serve-${process.pid}.mjs`)
    await build({
      stdin: { contents: "import { runServe } from './electron/cli/serve-command'\nprocess.exitCode = await runServe(process.argv.slice(2))\n", resolveDir: repoRoot, loader: 'ts' },
      bundle: true, platform: 'node', format: 'esm', outfile: entry, logLevel: 'error', external: ['fsevents', 'sharp', 'svgo'],
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    })
    const child = spawn(process.execPath, [entry, copySampleSite(), '--port', '0'], { env: { ...process.env, INKPOST_DATA_DIR: tempDir(), INKPOST_RENDERER_DIR: work }, stdio: ['ignore', 'pipe', 'pipe'] })
    const line = await new Promise<string>((resolve, reject) => {
      let buf = ''
      child.stdout.on('data', (c) => { buf += c; if (buf.includes('\n')) resolve(buf) })
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)))
    })
    expect(line).toMatch(LINE)
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})
