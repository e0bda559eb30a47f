// `npm start`: builds what changed, then opens Inkpost. The desktop app (Electron) when it can run
// here; otherwise (Node < 22.12, no display, no Electron binary and the installer cannot fetch one,
// or `--browser`) it says why in one line and serves browser mode instead: the `inkpost serve` host
// on `--site DIR`, else the last site, else an editable copy of the bundled sample site, and opens
// the system browser (not under CI or without a display). The decision lives in
// electron/cli/start-plan.ts (unit tested); this file gathers the facts and acts on them.
// Arguments: `npm start -- --site ../my-blog`, `--browser`, `--port N` (browser mode).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { distStaleReason } from './dist-freshness.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const OUTPUTS = ['dist/cli/inkpost.mjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']
/** How long the Electron installer may try to download its binary. */
const INSTALL_TIMEOUT_MS = 90_000

/**
 * Path of the Electron executable if it is installed, else null (never triggers a download).
 * Resolved like the electron package does: `path.txt` names the binary inside its `dist/`, and
 * ELECTRON_OVERRIDE_DIST_PATH points at another Electron build folder.
 */
function installedElectron() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(pkgDir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const executable = override ? join(override, name || 'electron') : name ? join(pkgDir, 'dist', name) : null
  return executable && existsSync(executable) ? executable : null
}

if (distStaleReason(root, OUTPUTS)) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, npm_command: '' } })
  if (build.status !== 0) {
    console.error('inkpost: the build failed; see the messages above.')
    process.exit(build.status ?? 1)
  }
  for (const built of OUTPUTS) {
    if (!existsSync(join(root, built))) {
      console.error(`inkpost: the build did not produce ${built}.`)
      process.exit(1)
    }
  }
}

const cli = await import(pathToFileURL(join(root, 'dist/cli/inkpost.mjs')).href)
const args = cli.parseStartArgs(process.argv.slice(2))
const facts = { nodeVersion: process.version, electronBinary: installedElectron(), installTried: false, forceBrowser: args.browser, env: process.env, platform: process.platform }
let mode = cli.chooseStartMode(facts)
if (mode.kind === 'install') {
  console.log('inkpost: downloading the Electron binary (first start only)…')
  let installer = null
  try {
    installer = require.resolve('electron/install.js')
  } catch { /* no electron package: counts as a failed install */ }
  if (installer) spawnSync(process.execPath, [installer], { cwd: root, stdio: 'inherit', timeout: INSTALL_TIMEOUT_MS })
  mode = cli.chooseStartMode({ ...facts, electronBinary: installedElectron(), installTried: true })
}

if (mode.kind === 'electron') {
  const siteArgs = args.site ? ['--site', args.site] : []
  // `electron .` runs package.json "main" (dist/electron/main.cjs) with the project as app path.
  const child = spawn(mode.binary, ['.', ...siteArgs, ...args.rest], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
} else {
  console.log(`inkpost: starting browser mode instead of the desktop app: ${mode.reason}.`)
  process.exitCode = await cli.runBrowserStart({ root, site: args.site, port: args.port })
}
