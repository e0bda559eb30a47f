// `npm start`: builds everything, then launches the desktop app with Electron.
// Electron 43 needs Node >= 22.12 to install its binary; on older Node this explains the
// alternatives (tests and browser mode run on Node 20) and exits 1. When the binary is missing
// (the electron npm package downloads it on first use), it runs the package's own installer.
// Extra arguments go to the app, e.g. `npm start -- --site ../my-blog`.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const MIN_NODE = [22, 12]

/** True when `version` (e.g. "v20.20.2") is at least MIN_NODE. */
function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number)
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])
}

/**
 * Path of the Electron executable if it is installed, else null (never triggers a download).
 * Resolved like the electron package does: `path.txt` names the binary inside its `dist/`, and
 * ELECTRON_OVERRIDE_DIST_PATH points at another Electron build folder.
 */
function installedElectron() {
  const pkgDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(pkgDir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const executable = override ? join(override, name || 'electron') : name ? join(pkgDir, 'dist', name) : null
  return executable && existsSync(executable) ? executable : null
}

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) {
  console.error('inkpost: the build failed; see the messages above.')
  process.exit(build.status ?? 1)
}
for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(root, built))) {
    console.error(`inkpost: the build did not produce ${built}.`)
    process.exit(1)
  }
}

if (!nodeIsRecentEnough(process.version)) {
  console.error(
    `The desktop app needs Node >= ${MIN_NODE.join('.')} to install Electron; you have ${process.version.replace(/^v/, '')}. ` +
      'Tests and browser mode (`npx inkpost serve SITE`) work on Node 20.',
  )
  process.exit(1)
}

let electron = installedElectron()
if (!electron) {
  console.log('inkpost: downloading the Electron binary (first start only)…')
  const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], { cwd: root, stdio: 'inherit' })
  electron = install.status === 0 ? installedElectron() : null
  if (!electron) {
    console.error('inkpost: could not install the Electron binary (no network?). Browser mode works without it: npx inkpost serve SITE')
    process.exit(1)
  }
}

// `electron .` runs package.json "main" (dist/electron/main.cjs) with the project as app path.
const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
