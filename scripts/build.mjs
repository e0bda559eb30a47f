// Builds every runnable part into dist/: the CLI and browser-mode host (Node ESM), the Electron
// main and preload (CJS), and the renderer (Vite). `npm ci` runs it through the `prepare` script.
import { build } from 'esbuild'
import { existsSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const only = process.argv.slice(2)
const want = (name) => only.length === 0 || only.includes(name)
const started = Date.now()
// `npx inkpost …` runs the project's `prepare` script before the command; a built tree needs no
// rebuild there (and must not be rebuilt under a running server or e2e run).
if (process.env.npm_command === 'exec' && existsSync(join(root, 'dist/cli/inkpost.mjs')) && existsSync(join(root, 'dist/renderer/index.html'))) process.exit(0)
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root }
// native or data-file-loading packages stay in node_modules (sharp ships a prebuilt libvips; svgo's css-tree reads JSON at run time)
const nodeExternals = ['electron', 'fsevents', 'sharp', 'svgo']
// some bundled CJS dependencies call require(); give an ESM bundle one
const esmRequire = { js: "import { createRequire as __inkpostRequire } from 'node:module'; const require = __inkpostRequire(import.meta.url);" }

if (want('cli') && existsSync(join(root, 'electron/cli/inkpost-cli.ts'))) {
  await build({
    ...common,
    // the parse pool's worker thread (electron/services/parse-worker.ts) sits beside the bundle that starts it
    entryPoints: { inkpost: 'electron/cli/inkpost-cli.ts', 'parse-worker': 'electron/services/parse-worker.ts' },
    outdir: 'dist/cli',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    external: nodeExternals,
    banner: esmRequire,
  })
}
if (want('electron') && existsSync(join(root, 'electron/main.ts'))) {
  // import.meta.url (code shared with the ESM CLI asks it where it is) is this file's URL in the CommonJS bundle
  const metaUrl = { define: { 'import.meta.url': '__inkpostMetaUrl' }, banner: { js: "const __inkpostMetaUrl = require('node:url').pathToFileURL(__filename).href;" } }
  await build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' }, external: nodeExternals, ...metaUrl })
  await build({ ...common, entryPoints: { 'parse-worker': 'electron/services/parse-worker.ts' }, outdir: 'dist/electron', format: 'esm', outExtension: { '.js': '.mjs' }, external: nodeExternals, banner: esmRequire })
  await build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'] })
}
if (want('renderer') && existsSync(join(root, 'renderer/index.html'))) {
  const { build: viteBuild } = await import('vite')
  rmSync(join(root, 'dist/renderer'), { recursive: true, force: true })
  await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' })
}
if (!process.env.INKPOST_QUIET_BUILD) console.log(`inkpost: built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
