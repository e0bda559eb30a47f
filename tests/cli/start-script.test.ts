// `node scripts/start.mjs` for real, in browser mode (CI=1, so no browser is opened): it prints the
// one-line reason and the URL, the URL answers 200 with its token; without --site it serves the last
// site, or else an editable copy of the bundled sample site made in the data folder.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { repoRoot } from './cli-harness.js'

const running: ChildProcess[] = []
const temps: string[] = []
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM')
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkpost-start-'))
  temps.push(dir)
  return dir
}

/** Starts `node scripts/start.mjs ARGS` and resolves with what it printed once it has printed the URL and the browser note. */
function startUntilUrl(args: string[], dataDir: string): Promise<{ output: string; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', INKPOST_DATA_DIR: dataDir, NO_COLOR: '1', npm_command: '' }
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs'), ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.push(child)
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)
      // the browser-opening note follows the URL; wait for it too, so the output is complete
      if (match && /\(not opened automatically: [^)]*\)/.test(output)) resolve({ output, url: match[1] })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`start.mjs exited (${code}) before printing a URL:\n${output}`)))
  })
}

/** Opens the printed URL as a browser does: the token is traded for a cookie (303), then the page loads with it. */
async function openPage(url: string): Promise<Response> {
  const first = await fetch(url, { redirect: 'manual' })
  if (first.status !== 303) return first
  const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]
  return fetch(new URL(first.headers.get('location') ?? '/', url), { headers: { cookie } })
}

describe('npm start in browser mode', () => {
  it('serves --site with a one-line reason, prints the URL, and the URL answers 200', async () => {
    const site = join(temp(), 'site')
    cpSync(join(repoRoot, 'tests/fixtures/sample-site'), site, { recursive: true })
    const dataDir = temp()
    const { output, url } = await startUntilUrl(['--browser', '--site', site, '--port', '0'], dataDir)
    expect(output).toMatch(/^inkpost: starting browser mode instead of the desktop app: --browser given\.$/m)
    expect(output).toContain(`Inkpost serving ${site} at ${url}`)
    expect(output).toMatch(/not opened automatically: CI is set/)
    const response = await openPage(url)
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/<div id="root">/)

    // the next start without --site opens that site again (the last one browser mode opened)
    const again = await startUntilUrl(['--browser', '--port', '0'], dataDir)
    expect(again.output).toContain(`Inkpost serving ${site} at ${again.url}`)
  }, 180_000)

  it('without --site, copies the bundled sample site into the data folder and serves the copy', async () => {
    const dataDir = temp()
    const { output, url } = await startUntilUrl(['--browser', '--port', '0'], dataDir)
    const copy = join(dataDir, 'sample-site')
    expect(output).toContain(`Inkpost serving ${copy} at ${url}`)
    expect(existsSync(join(copy, 'content'))).toBe(true)
    expect((await openPage(url)).status).toBe(200)
  }, 180_000)
})
