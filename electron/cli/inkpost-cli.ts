// The `inkpost` command line: `parse` (posts → Nuxt Content 2.7 JSON lines), `serve` (browser mode),
// `check` (pre-publish checks; images against posts), `export` / `verify` (publish-ready bundles),
// `import` (a site-cache entry back into a post), `help`, `--version`. Bundled by scripts/build.mjs
// into dist/cli/inkpost.mjs, which bin/inkpost.mjs runs. Every command but `parse` is loaded only
// when asked for, so `parse` pays for neither the HTTP host nor the image and zip libraries.
import { processCliIo, type CliIo } from './cli-io.js'
import { PARSE_USAGE, runParse } from './parse-command.js'
import { version } from '../../package.json'
import type { BrowserStartOptions } from './start-browser.js'

/** The version printed by `inkpost --version` (the package's own). */
export const VERSION: string = version

/** Top-level usage text. */
export const USAGE = `Inkpost ${VERSION}: write posts for a Nuxt Content 2 blog.

Usage:
  inkpost parse [--content-dir DIR] FILE|FOLDER...   print each post as Nuxt Content 2.7 JSON, one line per file
  inkpost serve SITE_DIR [--port N]                  open the app in a browser (loopback HTTP server)
  inkpost check SITE_DIR [FILE...] [--json]          pre-publish checks of every post (or FILE...)
  inkpost check SITE_DIR --assets [--json]           unused images and missing image references
  inkpost export SITE_DIR FILE|FOLDER... --out DIR|FILE.zip [--force] [--allow-draft]
                                                     a publish-ready bundle of a post (or several)
  inkpost verify BUNDLE                              re-check a bundle: hashes, images, parsed JSON
  inkpost import CACHE.json [--out FILE.md]          a site-cache entry back into markdown
  inkpost help [COMMAND]                             show help (also: --help, -h)
  inkpost --version                                  print the version

Run \`inkpost help COMMAND\` (parse, serve, check, export, verify, import) for a command's options.
`

/** For scripts/start.mjs: how `npm start` runs on this machine (pure, small). */
export { chooseStartMode, parseStartArgs } from './start-plan.js'

/** For scripts/start.mjs: browser mode on the last or the sample site (loaded on demand, like `serve`). */
export async function runBrowserStart(options: BrowserStartOptions): Promise<number> {
  const mod = await import('./start-browser.js')
  return mod.runBrowserStart(options)
}

/** The `serve` command's entry, loaded on demand. */
type RunServe = (args: string[], control?: { io?: Pick<CliIo, 'stdout' | 'stderr'> }) => Promise<number>

/** Loads `serve` lazily (so `parse` never evaluates the HTTP host); an Error when it cannot be loaded. */
async function loadServe(): Promise<RunServe | Error> {
  try {
    const mod = (await import('./serve-command.js')) as { runServe?: RunServe }
    return typeof mod.runServe === 'function' ? mod.runServe : new Error('serve-command has no runServe export')
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/** Prints a usage error and returns exit status 2. */
function usageError(io: CliIo, message: string): number {
  io.stderr.write(`inkpost: ${message}\nRun \`inkpost --help\` for usage.\n`)
  return 2
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and resolves to the exit status:
 * 0 success, 1 failure (e.g. a post that did not parse), 2 usage error. `io` defaults to the process's
 * streams and working folder; tests pass their own.
 */
export async function main(argv: string[], io: CliIo = processCliIo()): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case undefined:
      io.stderr.write(USAGE)
      return 2
    case 'help':
    case '--help':
    case '-h':
      if (rest.length === 0) { io.stdout.write(USAGE); return 0 }
      if (rest.length === 1 && rest[0] === 'parse') { io.stdout.write(PARSE_USAGE); return 0 }
      if (rest.length === 1 && rest[0] === 'serve') return runServeCommand(['--help'], io)
      if (rest.length === 1 && Object.prototype.hasOwnProperty.call(LAZY_COMMANDS, rest[0])) return runLazyCommand(rest[0], [], io, true)
      return usageError(io, `no help for ${rest.join(' ')}`)
    case '--version':
    case '-v':
    case 'version':
      if (rest.length > 0) return usageError(io, `${command} takes no arguments`)
      io.stdout.write(`${VERSION}\n`)
      return 0
    case 'parse':
      return runParse(rest, io)
    case 'serve':
      return runServeCommand(rest, io)
    case 'check':
    case 'export':
    case 'verify':
    case 'import':
      return runLazyCommand(command, rest, io)
    default:
      return usageError(io, command.startsWith('-') ? `unknown option ${command}` : `unknown command '${command}'`)
  }
}

/** Runs `serve` if this build includes it. */
async function runServeCommand(args: string[], io: CliIo): Promise<number> {
  const runServe = await loadServe()
  if (runServe instanceof Error) {
    io.stderr.write(`inkpost: the serve command could not be loaded (${runServe.message}); run \`npm run build\` in an up-to-date checkout.\n`)
    return 1
  }
  return runServe(args, { io: { stdout: io.stdout, stderr: io.stderr } })
}

/** A command that is loaded only when asked for. */
type CommandRunner = (args: string[], io: CliIo) => Promise<number>

/** The commands loaded on demand (they bring in sharp, the zip library, …), with their help texts. */
const LAZY_COMMANDS: Record<string, () => Promise<{ run: CommandRunner; usage: string }>> = {
  check: async () => { const m = await import('./check-command.js'); return { run: m.runCheck, usage: m.CHECK_USAGE } },
  export: async () => { const m = await import('./export-command.js'); return { run: m.runExport, usage: m.EXPORT_USAGE } },
  verify: async () => { const m = await import('./verify-command.js'); return { run: m.runVerify, usage: m.VERIFY_USAGE } },
  import: async () => { const m = await import('./import-command.js'); return { run: m.runImport, usage: m.IMPORT_USAGE } },
}

/** Runs a command of {@link LAZY_COMMANDS} (`help` prints its usage). */
async function runLazyCommand(name: string, args: string[], io: CliIo, help = false): Promise<number> {
  let command: { run: CommandRunner; usage: string }
  try {
    command = await LAZY_COMMANDS[name]()
  } catch (error) {
    io.stderr.write(`inkpost: the ${name} command could not be loaded (${error instanceof Error ? error.message : String(error)}); run \`npm ci\` in an up-to-date checkout.\n`)
    return 1
  }
  if (help) { io.stdout.write(command.usage); return 0 }
  return command.run(args, io)
}
