// `npm start`'s decision (electron/cli/start-plan.ts): every branch with injected facts — forced
// browser mode, old Node, no display, installed binary, installer to try, installer that failed —
// plus the argument parsing and when the system browser is (not) opened.
import { describe, expect, it } from 'vitest'
import { browserOpenCommand, chooseStartMode, hasDisplay, nodeAtLeast, parseStartArgs, type StartFacts } from '../../electron/cli/start-plan'

const desktop: StartFacts = { nodeVersion: 'v22.12.0', electronBinary: '/e/electron', installTried: false, forceBrowser: false, env: { DISPLAY: ':0' }, platform: 'linux' }

describe('chooseStartMode', () => {
  it('runs Electron when Node is recent, there is a display and the binary is installed', () => {
    expect(chooseStartMode(desktop)).toEqual({ kind: 'electron', binary: '/e/electron' })
    expect(chooseStartMode({ ...desktop, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toEqual({ kind: 'electron', binary: '/e/electron' })
    expect(chooseStartMode({ ...desktop, env: {}, platform: 'darwin' })).toEqual({ kind: 'electron', binary: '/e/electron' })
    expect(chooseStartMode({ ...desktop, env: {}, platform: 'win32', nodeVersion: 'v24.1.0' })).toEqual({ kind: 'electron', binary: '/e/electron' })
  })
  it('serves the browser when --browser is given, even where Electron could run', () => {
    expect(chooseStartMode({ ...desktop, forceBrowser: true })).toEqual({ kind: 'browser', reason: '--browser given' })
  })
  it('serves the browser on Node older than 22.12, naming both versions', () => {
    const mode = chooseStartMode({ ...desktop, nodeVersion: 'v20.20.2' })
    expect(mode.kind).toBe('browser')
    expect(mode.kind === 'browser' && mode.reason).toMatch(/Node >= 22\.12.*Node 20\.20\.2/)
    expect(chooseStartMode({ ...desktop, nodeVersion: 'v22.11.9' }).kind).toBe('browser')
  })
  it('serves the browser on Linux without DISPLAY or WAYLAND_DISPLAY', () => {
    const mode = chooseStartMode({ ...desktop, env: { DISPLAY: '' } })
    expect(mode.kind === 'browser' && mode.reason).toMatch(/no display/)
  })
  it('asks for the installer once when the binary is missing, then gives up to the browser', () => {
    expect(chooseStartMode({ ...desktop, electronBinary: null })).toEqual({ kind: 'install' })
    const after = chooseStartMode({ ...desktop, electronBinary: null, installTried: true })
    expect(after.kind === 'browser' && after.reason).toMatch(/could not be downloaded/)
    expect(chooseStartMode({ ...desktop, electronBinary: '/e/electron', installTried: true })).toEqual({ kind: 'electron', binary: '/e/electron' })
  })
  it('does not try the installer where Electron could not run anyway', () => {
    expect(chooseStartMode({ ...desktop, electronBinary: null, nodeVersion: 'v20.0.0' }).kind).toBe('browser')
    expect(chooseStartMode({ ...desktop, electronBinary: null, env: {} }).kind).toBe('browser')
  })
})

describe('nodeAtLeast and hasDisplay', () => {
  it('compares major and minor versions', () => {
    expect(nodeAtLeast('v22.12.0')).toBe(true)
    expect(nodeAtLeast('23.0.0')).toBe(true)
    expect(nodeAtLeast('v22.11.0')).toBe(false)
    expect(nodeAtLeast('v21.99.0')).toBe(false)
    expect(nodeAtLeast('garbage')).toBe(false)
  })
  it('needs DISPLAY or WAYLAND_DISPLAY only on X11/Wayland systems', () => {
    expect(hasDisplay('linux', {})).toBe(false)
    expect(hasDisplay('freebsd', { DISPLAY: ':1' })).toBe(true)
    expect(hasDisplay('darwin', {})).toBe(true)
    expect(hasDisplay('win32', {})).toBe(true)
  })
})

describe('parseStartArgs', () => {
  it('takes --browser, --site and --port in both spellings and keeps the rest for Electron', () => {
    expect(parseStartArgs(['--browser', '--site', '../blog', '--port=0', '--inspect'])).toEqual({ browser: true, site: '../blog', port: '0', rest: ['--inspect'] })
    expect(parseStartArgs(['--site=/b', '--port', '5000'])).toEqual({ browser: false, site: '/b', port: '5000', rest: [] })
    expect(parseStartArgs([])).toEqual({ browser: false, site: null, port: null, rest: [] })
  })
})

describe('browserOpenCommand', () => {
  const url = 'http://127.0.0.1:4873/?token=abc&x=1'
  it('uses xdg-open, open or start per platform', () => {
    expect(browserOpenCommand(url, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [url] })
    expect(browserOpenCommand(url, 'darwin', {})).toEqual({ command: 'open', args: [url] })
    expect(browserOpenCommand(url, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '', 'http://127.0.0.1:4873/?token=abc^&x=1'] })
  })
  it('opens nothing under CI or without a display', () => {
    expect(browserOpenCommand(url, 'darwin', { CI: '1' })).toEqual({ skipped: 'CI is set' })
    expect(browserOpenCommand(url, 'linux', {})).toEqual({ skipped: 'there is no display' })
  })
})
